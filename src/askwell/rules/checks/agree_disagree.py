"""agree-disagree: a question that asks how far the respondent agrees with a claim.

"Do you agree that…", "Do you agree or disagree that…" and "To what extent do you
agree that…" put a claim in the question and ask for assent: some respondents agree
with whatever is put to them (acquiescence), and the claim's wording chooses the
direction. Item-specific questions ("How useful is the feedback your manager gives
you?") measure the same thing with less bias (Saris et al., 2010).

A grid stem that introduces statements to rate ("How much do you agree with the
following statements?") is left alone: it is the format, not a claim.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.rules.checks.questions import question_sentences, span_text

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

ASKS_ASSENT = re.compile(
    r"\b(?:(?:to what extent|how much|how strongly|how far)\s+)?(?:do|would|did|will)\s+you\s+"
    r"(?:agree|disagree)(?:\s+or\s+(?:agree|disagree))?\s+(?:that\b|with\b)", re.IGNORECASE)
# "…agree with the following statements", "…with each statement below": a grid of statements.
GRID = re.compile(r"\bwith\s+(?:the\s+following|these|this|each|each\s+of\s+the|the)\s+statements?\b"
                  r"|\bwith\s+the\s+following\b", re.IGNORECASE)


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the assent phrase of each agree/disagree question sentence."""
    if "agree" not in question.text.lower():
        return
    for sent in question_sentences(doc):
        text = span_text(sent)
        m = ASKS_ASSENT.search(text)
        if m is None or GRID.search(text, m.start()):
            continue
        yield Hit(sent.start_char + m.start(), sent.start_char + m.end())
