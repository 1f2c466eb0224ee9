"""double-negative: two negations in one stem ("disagree that … not", "not unhelpful"), or a
negative statement rated on an agree–disagree scale, where disagreeing means a double negative."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis.negation import double_negatives

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "two-negatives": (),
    "negative-on-agree-scale": (),
}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """One hit per double negative."""
    for start, end, kind in double_negatives(question, doc):
        yield Hit.saying("two-negatives" if kind == "text" else "negative-on-agree-scale", start, end)
