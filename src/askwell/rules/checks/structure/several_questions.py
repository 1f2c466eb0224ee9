"""several-questions: two or more question sentences that ask different things in one item.

"What did you like? What would you change?" gets one answer box and usually one
answer.  A follow-up that depends on the first question is accepted: "Why or why
not?", "If so, which ones?", "What were they?", "Please explain", any short probe
of three words or fewer, and a question that points back with a pronoun ("What
did you think of it?").  A group stem ("How would you rate the following?")
followed by a row and its own question is one question.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis.views import question_sentences, span_text
from askwell.analysis.stems import words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

FOLLOW_UP = re.compile(r"^\W*(?:if\b|why\b|how so\b|please\b|which ones?\b|"
                       r"what (?:were|are|was|is) (?:they|those|these|it|that)\b|"
                       r"for example\b|e\.g\.|such as\b|in what ways?\b|what else\b|anything else\b|and\b|or\b|"
                       r"can you (?:explain|say more|give|tell)|could you (?:explain|say more|give|tell)|"
                       r"what (?:kind|sort|type)s? of\b|can you elaborate|could you elaborate)", re.IGNORECASE)
BACK_REFERENCE = {"it", "they", "them", "this", "that", "these", "those", "so", "one", "ones", "there"}
GROUP_STEM = re.compile(r"\b(?:the following|below|these (?:topics|tasks|statements|items|areas|skills))\b",
                        re.IGNORECASE)


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "second-question": (),
}


def _follow_up(sent: "Span") -> bool:
    ws = words(sent)
    if len(ws) <= 3 or FOLLOW_UP.match(span_text(sent)):
        return True
    # A pronoun that points back ("What did you think of it?"); expletive "there"/"it" do not.
    return any(t.lower_ in BACK_REFERENCE and t.dep_ != "expl" and t.tag_ != "WDT"
               and (t.pos_ == "PRON" or (t.lower_ == "so" and t.pos_ == "ADV")) for t in ws)


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the first question sentence after the first that is not a follow-up."""
    asked = list(question_sentences(doc))
    if len(asked) < 2:
        return
    first = asked[0]
    for later in asked[1:]:
        if GROUP_STEM.search(first.text):
            first = later
            continue
        if _follow_up(later):
            continue
        yield Hit.saying("second-question", later.start_char, later.end_char)
        return
