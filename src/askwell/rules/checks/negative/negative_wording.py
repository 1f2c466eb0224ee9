"""negative-wording: a yes/no question or a statement to rate that contains a negation.

"Was the room not too warm?" or "The lessons did not cover enough" make respondents
answer no to a not, or disagree with a not.  Wh-questions ("What did not work?") are
left alone: their answer is not yes or no, unless they ask respondents to pick from a list what does
not apply ("Which of these did you not use?").  "never" is reported by absolute-terms;
double negatives by double-negative.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis.views import question_sentences, span_tokens
from askwell.analysis.negation import double_negatives, stem_negations
from askwell.analysis.stems import capitalise, form

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "negative-stem": ("negation",),
    "negated-selection": ("negation",),
}


def rewrite(sent: "Span", neg: "Token") -> str | None:
    """The sentence without the negation, when that leaves it grammatical."""
    if neg.lower_ not in ("not", "n't", "never"):
        return None
    head = neg.doc[neg.i - 1] if neg.i > 0 else None
    if head is None:
        return None
    if head.lemma_ == "do" and head.i != sent.start:
        return None  # "did not explain" → "explained" needs inflection; leave it to the author
    parts = []
    for t in span_tokens(sent):
        if t.i == neg.i:
            continue
        if t.i == head.i and t.lower_ in CONTRACTED and neg.lower_ == "n't":
            parts.append(CONTRACTED[t.lower_] + neg.whitespace_)
            continue
        if t.i == head.i and neg.lower_ == "not" and not t.whitespace_:
            parts.append(t.text + " ")  # "can" + "not" from "cannot"
            continue
        if t.i == head.i and neg.lower_ == "n't":
            parts.append(t.text + neg.whitespace_)
            continue
        parts.append(t.text_with_ws)
    text = "".join(parts).replace("  ", " ").strip()
    return capitalise(text)


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the first negation of the stem, unless the item is a double negative."""
    if any(True for _ in double_negatives(question, doc)):
        return
    for sent, neg in stem_negations(question, doc, keep_never=False):
        # For a statement to rate, dropping the negation flips what is claimed: leave that to the author.
        better = rewrite(sent, neg) if form(sent) == "yes-no" else None
        start = neg.idx
        if neg.i > 0 and neg.lower_ in ("not", "n't") and not neg.doc[neg.i - 1].whitespace_:
            start = neg.doc[neg.i - 1].idx  # the whole "cannot", "couldn't"
        shown = question.text[start:neg.idx + len(neg.text)]
        yield Hit.saying("negative-stem", start, neg.idx + len(neg.text), suggestion=better, negation=shown)
        return
    if len(question.choices) >= 2:
        yield from _negated_selection(doc)


def _negated_selection(doc: "Doc") -> Iterator[Hit]:
    """'Which of these did you *not* use?': a list to pick from, read against a negation.

    Respondents scan the options with the question half in mind and tick what they did
    use; an open "What did not work?" has no list to lose the "not" in.
    """
    for sent in question_sentences(doc):
        words = [t for t in span_tokens(sent) if not t.is_punct]
        if not words or words[0].lower_ not in ("which", "what"):
            continue
        for t in words:
            if t.dep_ == "neg" and t.lower_ in ("not", "n't") and t.head.pos_ in ("VERB", "AUX"):
                yield Hit.saying("negated-selection", t.idx, t.idx + len(t.text), negation=t.text)
                return
