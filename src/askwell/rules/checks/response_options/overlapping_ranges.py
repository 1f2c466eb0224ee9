"""overlapping-ranges: numeric ranges in the options that share values ("0-5", "5-10").

Someone whose answer is exactly 5 fits both options and will choose either, so the
counts of both are wrong.  Ranges are parsed with units (months and years
compare), currency, percentages and open ends ("Under 18", "10+"); see
``analysis.options.range_problems``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis import options as ol

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each:
# the later option and the one it overlaps, as written, and the value or values they share.
MESSAGES: dict[str, tuple[str, ...]] = {
    "overlap-value": ("option", "other", "value"),
    "overlap-values": ("option", "other", "low", "high"),
}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the later of two overlapping options."""
    for problem in ol.range_problems([c.text for c in question.choices], question.text):
        if problem.kind == "overlap":
            yield Hit.saying(problem.variant, 0, len(question.choices[problem.index].text), choice=problem.index,
                             **dict(problem.values))
