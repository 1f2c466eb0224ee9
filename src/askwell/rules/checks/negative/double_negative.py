"""double-negative: two negations in one stem ("disagree that … not", "not unhelpful"), or a
negative statement rated on an agree–disagree scale, where disagreeing means a double negative."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis.negation import double_negatives

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

TEXT = ("Two negatives in one question: respondents have to untangle them, and many answer the opposite of "
        "what they mean.")
SCALE = ("A negative statement on an agree–disagree scale: to say it was good, respondents must disagree "
         "with a negative, a double negative that many get wrong.")


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """One hit per double negative."""
    for start, end, kind in double_negatives(question, doc):
        yield Hit(start, end, TEXT if kind == "text" else SCALE)
