"""double-barreled: two things asked about at once, joined by 'and' (or 'or' between judgements).

Uses the dependency parse: a coordination ('conj') whose heads are the thing
asked about (object, attribute, complement, prepositional object of the
question) or two evaluative adjectives.  Fixed pairs ("pros and cons"), numeric
ranges ("between 1 and 5") and follow-up probes ("and why?") do not count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.rules.checks.questions import doc_words, question_sentences, span_tokens, tokens
from askwell.rules.checks.stems import in_brackets

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# Binomials that name one thing, not two.
FIXED = {
    ("pros", "cons"), ("more", "less"), ("trial", "error"), ("ups", "downs"), ("strengths", "weaknesses"),
    ("questions", "answers"), ("research", "development"), ("black", "white"), ("time", "effort"),
    ("read", "write"), ("reading", "writing"), ("copy", "paste"), ("drag", "drop"), ("name", "surname"),
    ("terms", "conditions"), ("diversity", "inclusion"), ("equity", "inclusion"), ("teaching", "learning"),
    ("learning", "teaching"), ("science", "engineering"), ("r", "python"), ("data", "software"),
    ("odds", "ends"), ("bits", "pieces"), ("likes", "dislikes"), ("dos", "don'ts"), ("step", "step"),
    ("month", "year"), ("day", "month"), ("date", "time"), ("city", "country"), ("first", "last"),
    ("software", "tools"), ("tools", "software"), ("software", "data"), ("data", "code"), ("code", "data"),
    ("gender", "identity"), ("sexual", "orientation"), ("full", "part"), ("input", "output"),
}
ASKED_DEPS = {"dobj", "pobj", "attr", "acomp", "oprd", "nsubj", "nsubjpass", "xcomp", "ccomp", "advmod", "npadvmod"}


def _coordinated(doc: "Doc") -> Iterator[tuple["Token", "Token", "Token"]]:
    for second in tokens(doc):
        if second.dep_ != "conj":
            continue
        first = second.head
        cc = next((t for t in first.children if t.dep_ == "cc" and first.i < t.i < second.i), None)
        if cc is None or cc.lower_ not in ("and", "or", "&"):
            continue
        yield first, cc, second


def _excluded(first: "Token", cc: "Token", second: "Token") -> bool:
    doc = first.doc
    if (first.lower_, second.lower_) in FIXED or (first.lemma_.lower(), second.lemma_.lower()) in FIXED:
        return True
    if cc.lower_ == "or":
        # "R or Python" is an alternative, "easy or difficult" a balanced stem: neither asks two things.
        return True
    if in_brackets(doc, first.i):
        return True
    # "the difference between A and B" compares; it does not ask twice.
    if any(a.lower_ in ("between", "both") and a.i < first.i for a in first.ancestors) or (
            first.i > 0 and doc[first.i - 1].lower_ in ("between", "both")):
        return True
    # Parts of one hyphenated or compound word ("host and co-host features").
    if second.i + 1 < len(doc) and doc[second.i + 1].text in ("-", "‐") or first.dep_ == "compound":
        return True
    if first.like_num or second.like_num or first.pos_ == "NUM" or second.pos_ == "NUM":
        return True
    if second.lower_ in ("why", "how", "what", "where", "when", "which", "not", "no", "explain", "describe"):
        return True
    if first.pos_ in ("PRON", "DET") or second.pos_ in ("PRON", "DET"):
        return True
    if first.pos_ != second.pos_ and {first.pos_, second.pos_} != {"NOUN", "PROPN"}:
        return True
    # Whole clauses joined by "and" are separate sentences' worth: reported by another rule.
    if first.pos_ in ("VERB", "AUX") and first.dep_ == "ROOT" and any(c.dep_ in ("nsubj", "nsubjpass") for c in second.children):
        return True
    if first.pos_ == "PROPN" and second.pos_ == "PROPN":
        # Names of tools or places read as one list item ("Git and GitHub") more often than as two questions.
        return True
    return False


def _asked_about(first: "Token") -> bool:
    """True when the first conjunct is what the question asks about, not background."""
    if first.pos_ == "ADJ":
        return True
    if first.pos_ == "VERB":
        return first.dep_ in ("xcomp", "pcomp", "pobj", "dobj", "ROOT", "ccomp") and first.tag_ in ("VBG", "VB")
    if first.dep_ == "nmod" and first.lower_.endswith("ing") and first.head.dep_ in ASKED_DEPS:
        # "writing and testing functions": two activities the tagger read as noun modifiers.
        return True
    return first.dep_ in ASKED_DEPS


def _anchor(sent: "Span") -> int:
    """Index of the wh-word or fronted auxiliary where the question proper begins."""
    for t in span_tokens(sent):
        if t.i == sent.start and t.pos_ == "AUX":
            return t.i
        if t.tag_ in ("WDT", "WP", "WP$", "WRB") and not any(a.dep_ in ("relcl", "acl") for a in [t, *t.ancestors]):
            # A wh-word inside a relative clause ("sessions that you attended") is background.
            return t.i
    return sent.start


def _scope(doc: "Doc") -> list[tuple[int, int]]:
    """Token ranges to examine: the question sentences from their anchor on, or the whole item
    when it has no question sentence (a statement to rate)."""
    asked = list(question_sentences(doc))
    if not asked:
        return [(0, len(doc))]
    return [(_anchor(s), s.end) for s in asked]


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """One hit per coordination of two asked-about things, spanning first to second conjunct."""
    words = doc_words(doc)
    if "and" not in words and "&" not in words:
        return  # only "and" joins two things asked at once ("or" offers alternatives)
    ranges = _scope(doc)
    for first, cc, second in _coordinated(doc):
        if not any(lo <= first.i < hi for lo, hi in ranges):
            continue
        if _excluded(first, cc, second) or not _asked_about(first):
            continue
        start, end = first.idx, second.idx + len(second.text)
        message = (f"This asks about '{first.text}' and '{second.text}' at once; "
                   "one answer cannot speak for both.")
        yield Hit(start, end, message)
