"""missing-prefer-not-to-say: a personal or demographic question without a way to decline.

Gender, age, ethnicity, disability, income, sexual orientation, religion,
nationality, caring responsibilities…: an explicit "Prefer not to say" lets
people decline without abandoning the survey or picking an answer that is not
true.  The topic comes from the question (rules/wordlists/sensitive-topics.tsv)
or from identity options in the list (identity-options.tsv).  Open questions
without options can be left blank and are not checked.  A topic the item sets
aside ("where you live now, not where you were born") and the age at a past
event ("How old were you when you first…") are not asked about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis import options as ol
from askwell.analysis.topics import identity_topic, topic_in_text

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "no-opt-out": ("topic",),
}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the last option, where "Prefer not to say" would go."""
    texts = [c.text for c in question.choices]
    if not texts and question.type == "yes-no":
        texts = ["Yes", "No"]
    if not texts:
        return
    found = topic_in_text(question.text)
    topic = found[0] if found else identity_topic(texts)
    if topic is None:
        return
    if any(ol.option_kind(t) == "optout" for t in texts):
        return
    if question.choices:
        last = len(question.choices) - 1
        yield Hit.saying("no-opt-out", 0, len(question.choices[last].text), choice=last, topic=topic)
    else:
        start, end = (found[1], found[2]) if found else (0, len(question.text))
        yield Hit.saying("no-opt-out", start, end, topic=topic)
