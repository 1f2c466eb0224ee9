"""gapped-ranges: numeric ranges that leave values without an option.

"1-3", "5-7" leaves out 4; "18-64", "Over 65" leaves out 65; a list that stops at
"35-44" has nothing for older respondents.  Whole-number neighbours ("18-24",
"25-34") are contiguous; a list of ages, or a count that naturally starts at 1,
needs no open bottom.  A count of events that may never have happened ("How many
times have you…?" with "1-2, 3-5, 6+") needs an option for none.  See ``analysis.options.range_problems``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis import options as ol

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each:
# the options on either side of a gap as written, where one ends and the next starts, and the
# missing whole number(s) when there are any; for an open end, the end option and its bound.
_ENDS = ("before", "ends_at", "after", "starts_at")
MESSAGES: dict[str, tuple[str, ...]] = {
    "gap-value": ("value", *_ENDS), "gap-value-above": ("value", *_ENDS),
    "gap-values": ("first", "last", *_ENDS), "gap-values-above": ("first", "last", *_ENDS),
    "gap-between": _ENDS, "gap-between-above": _ENDS,
    "top": ("option", "bound"), "bottom": ("option", "bound"), "zero": ("option",),
}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the option after a gap, or on the end option a list leaves open."""
    for problem in ol.range_problems([c.text for c in question.choices], question.text):
        if problem.kind in ("gap", "top", "bottom", "zero"):
            yield Hit.saying(problem.variant, 0, len(question.choices[problem.index].text), choice=problem.index,
                             **dict(problem.values))
