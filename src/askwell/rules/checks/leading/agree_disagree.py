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
from askwell.analysis.stems import lower_first
from askwell.analysis.views import question_sentences, span_text, tokens
from askwell.rules.rewrites import OTHER_END, too_form

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Both patterns are grammar, not vocabulary, so they stay here rather than in the rule's options:
# the construction "(to what extent) do/would you agree (or disagree) that/with" and the determiners
# of a grid stem ("with the following statements"). A community has no words of its own to add.
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
        claim = _claim(doc, sent.start_char + m.end())
        better = _item_specific(claim) if claim else None
        yield Hit(sent.start_char + m.start(), sent.start_char + m.end(),
                  suggestion=better)


def _claim(doc: "Doc", start: int) -> "list[Token]":
    """The tokens of the claim after 'that', up to the question mark."""
    return [t for t in tokens(doc) if t.idx >= start and not t.is_space and t.text != "?"]


def _item_specific(claim: "list[Token]") -> str | None:
    """The claim asked about directly, where its parse allows (Saris et al., 2010).

    "…that the notes are clear" → "How clear are the notes?"; "…that the mayor has
    handled housing costs well" → "How well has the mayor handled housing costs?".
    Anything else keeps the advice.
    """
    if not claim:
        return None
    root = next((t for t in claim if t.head.i == t.i or t.head.i < claim[0].i), None)
    if root is None:
        return None
    subject = [t for t in claim if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == root.i]
    if not subject:
        return None
    subj = subject[0]
    subj_text = "".join(t.text_with_ws for t in claim if subj.left_edge.i <= t.i <= subj.right_edge.i).strip()
    auxes = [t for t in claim if t.head.i == root.i and t.dep_ in ("aux", "auxpass") and t.i < root.i]
    if root.lemma_ == "be" and not auxes:
        adjective = next((c for c in root.children if c.dep_ == "acomp" and c.tag_ == "JJ"
                          and not any(True for _ in c.children)), None)
        rest = [t for t in claim if t.i > root.i and (adjective is None or t.i > adjective.i)]
        if adjective is not None and not rest:
            return f"How {adjective.lower_} {root.lower_} {subj_text}?"
    if any(t.dep_ == "neg" for t in claim):
        return None  # "…that the centre should not charge…": no plain way to ask both sides
    too = next((t for t in claim if t.lower_ == "too" and t.head.tag_ == "JJ" and t.head.lower_ in OTHER_END
                and t.head.head.i == root.i), None)
    if too is not None and root.lemma_ in ("be", "become", "get") and not [t for t in claim if t.i > too.head.i]:
        # "…that class sizes have become too large" → "Are class sizes too large, about right or too small?"
        verb = root.lower_ if root.lemma_ == "be" and not auxes else ("are" if subj.tag_ in ("NNS", "NNPS") else "is")
        return too_form(subj_text, verb, too.head.text)
    modal = next((a for a in auxes if a.lower_ == "should"), None)
    if modal is not None:
        # "…that the workshop should be extended" → "Do you think the workshop should or should not be
        # extended…?": both sides offered, as Pew asks policy questions, with nothing to assent to.
        rest = "".join(t.text_with_ws for t in claim if t.i > modal.i).strip()
        return f"Do you think {lower_first(subj_text)} {modal.lower_} or {modal.lower_} not {rest}?"
    well = next((c for c in root.children if c.dep_ == "advmod" and c.lower_ in ("well", "badly")), None)
    if well is not None and root.pos_ == "VERB" and auxes and well.i == claim[-1].i:
        middle = "".join(t.text_with_ws for t in claim if root.i <= t.i < well.i).strip()
        aux = " ".join(a.lower_ for a in auxes)
        return f"How well {aux} {subj_text} {middle}?"
    return None
