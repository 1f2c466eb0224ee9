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


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the option after a gap, or on the end option a list leaves open."""
    for problem in ol.range_problems([c.text for c in question.choices], question.text):
        if problem.kind in ("gap", "top", "bottom", "zero"):
            yield Hit(0, len(question.choices[problem.index].text), choice=problem.index, message=problem.message)
