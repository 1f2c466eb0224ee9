"""too-many-options: a single-choice list longer than people will read.

With many options, respondents tend to take the first acceptable one rather than
weigh them all, so early options win.  Lists people search rather than read are
exempt: countries, years, months, numbers and ranges, and lists in alphabetical
order (the usual advice for long lists of names).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis import options as ol

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "many": ("count", "most"),
}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the question."""
    texts = [c.text for c in question.choices]
    substantive = [t for t in texts if ol.option_kind(t) == "substantive"]
    most = options.get("max_options", 10)
    if len(substantive) <= most:
        return
    if ol.lookup_list(texts) is not None or ol.ranges(texts) is not None:
        return
    yield Hit.saying("many", 0, len(question.text), count=len(substantive), most=most)
