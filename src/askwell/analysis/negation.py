"""Negations in the stem of an item, shared by negative-wording and double-negative.

A negation counts when it is in the stem (see ``stems``), in the main or a
complement clause of a yes/no question or a statement to rate, outside fixed
hedges ("or not", "not at all", "not sure"), brackets, conditional filters ("If
you did not attend, …") and relative clauses ("anything you did not like").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from askwell.model import Question
from askwell.analysis.views import doc_words, span_tokens
from askwell.analysis.stems import (form, hedge_spans, in_brackets, in_conditional, in_relative, inside,
                                        stem_sentences)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# "neither … nor" is left out: it asserts a middle ("neither too easy nor too hard"), not the opposite.
NEGATORS = {"not", "n't", "no", "none", "nothing", "nobody", "never", "cannot"}
# Verbs that carry a negation in their meaning: "disagree that it was not…" is a double negative.
NEGATIVE_VERBS = {"disagree", "oppose", "deny", "refuse", "fail", "lack", "avoid", "prevent", "forbid", "ban",
                  "disallow", "prohibit", "reject", "object"}
# Adjectives with a negative prefix whose base is not obvious from spelling alone.
PREFIXED = {"inaccessible", "inaccurate", "inadequate", "inappropriate", "incapable", "incomplete", "inconsistent",
            "inconvenient", "incorrect", "ineffective", "inefficient", "inexperienced", "insufficient", "irrelevant",
            "irregular", "illogical", "impossible", "impractical", "imperfect", "impolite", "impatient",
            "insignificant", "invalid", "inflexible", "unclear", "unhelpful", "unusual", "unlikely", "uncommon",
            "unimportant", "unprepared", "unwelcome", "unwelcoming", "unsatisfied", "dissatisfied", "unhappy",
            "uninteresting", "unfamiliar", "unfriendly", "unreasonable", "unreliable", "unsure", "unable",
            "unaware", "uncomfortable", "unfair", "unsafe", "unnecessary", "unsuccessful", "unusable", "unwilling",
            "dishonest", "disorganised", "disorganized", "disrespectful", "nonexistent", "non-existent"}
# Verbs of cost or requirement: "needs no setup", "takes no time" state a zero amount, not a denial.
ZERO_COST_VERBS = {"need", "require", "take", "cost", "involve", "demand", "use", "ask"}
AGREEMENT_SEEKING_VERBS = {"agree", "think", "feel", "say", "believe", "find", "consider", "accept"}


def _tag_question(t: "Token", sent: "Span") -> bool:
    """The "n't" of a tag question: "…, wasn't it?", "…, didn't you?"."""
    doc = sent.doc
    i = t.i
    return (i >= 2 and doc[i - 2].text == "," and i + 2 < len(doc) and doc[i + 1].pos_ == "PRON"
            and doc[i + 2].text == "?")


def _agreement_seeking(t: "Token", sent: "Span") -> bool:
    """'Don't you agree…', 'Isn't it true…', '…, wasn't it?': the leading rule reports these."""
    if t.lower_ == "n't" and _tag_question(t, sent):
        return True
    if t.lower_ != "n't" or t.i != sent.start + 1:
        return False
    nxt = sent.doc[t.i + 1] if t.i + 1 < len(sent.doc) else None
    if nxt is None:
        return False
    if nxt.lower_ == "you":
        return any(x.lemma_.lower() in AGREEMENT_SEEKING_VERBS for x in sent[2:5])
    return sent[0].lemma_ == "be" and nxt.lower_ in ("it", "this", "that", "there", "the", "our", "your")


def is_negator(t: "Token") -> bool:
    """A word that negates: not, n't, never, no (as a determiner), none, nothing, nobody."""
    low = t.lower_.replace("’", "'")
    if low == "no":
        if t.head.dep_ == "dobj" and t.head.head.lemma_.lower() in ZERO_COST_VERBS:
            return False  # "The tool needs no setup": a quantity of zero, a positive claim
        return t.dep_ in ("det", "neg") or t.pos_ == "DET"
    if low == "not" or low == "n't":
        return True
    return low in NEGATORS


def stem_negations(question: Question, doc: "Doc", forms: tuple[str, ...] = ("yes-no", "statement"),
                   keep_never: bool = True) -> Iterator[tuple["Span", "Token"]]:
    """(sentence, negation) pairs in the stem that the negative rules look at."""
    if NEGATORS.isdisjoint(doc_words(doc)) and "n’t" not in doc_words(doc):
        return
    hedges = hedge_spans(question.text)
    for sent in stem_sentences(doc):
        if form(sent) not in forms:
            continue
        for t in span_tokens(sent):
            if not is_negator(t) or (t.lower_ == "never" and not keep_never):
                continue
            if inside(hedges, t.idx, t.idx + len(t.text)) or in_brackets(doc, t.i):
                continue
            if in_conditional(t) or in_relative(t, sent) or _agreement_seeking(t, sent):
                continue
            if _offered(t, sent):
                continue
            yield sent, t


def _offered(t: "Token", sent: "Span") -> bool:
    """'Do we email you too often, not often enough, or about right?': the negation is one of
    the answers the question offers, listed after a comma or an 'or', not a negative stem; so is
    the second half of "should or should not", which offers both sides."""
    if t.i >= sent.start + 3 and t.doc[t.i - 2].lower_ == "or" and t.doc[t.i - 1].lower_ == t.doc[t.i - 3].lower_:
        return True
    if t.i == sent.start or t.doc[t.i - 1].lower_ not in (",", "or"):
        return False
    return any(w.lower_ == "or" and w.dep_ == "cc" for w in span_tokens(sent))


def negative_prefixed(t: "Token") -> bool:
    """An adjective or adverb with a negative prefix ("unhelpful", "inconvenient")."""
    return t.pos_ in ("ADJ", "ADV") and t.lower_ in PREFIXED


def agree_scale(question: Question) -> bool:
    """True when the choices run from disagree to agree."""
    return any("disagree" in c.text.lower() for c in question.choices) and any(
        "agree" in c.text.lower().replace("disagree", "") for c in question.choices)


def double_negatives(question: Question, doc: "Doc") -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of each double negative in the stem; kind is 'text' or 'scale'."""
    words = doc_words(doc)
    if NEGATORS.isdisjoint(words) and NEGATIVE_VERBS.isdisjoint(words) and "n’t" not in words:
        return  # every double negative needs a negator or a negative verb
    found = False
    by_sentence: dict[int, list["Token"]] = {}
    for sent, t in stem_negations(question, doc, forms=("yes-no", "statement", "wh", "request")):
        by_sentence.setdefault(sent.start, []).append(t)
    for sent in stem_sentences(doc):
        negs = by_sentence.get(sent.start, [])
        extra = [x for x in span_tokens(sent) if (x.lemma_.lower() in NEGATIVE_VERBS and x.pos_ == "VERB")]
        extra += [x for x in span_tokens(sent) if negative_prefixed(x) and any(
            n.i in (x.i - 1, x.i - 2) or n.head.i == x.i for n in negs)]
        marks = sorted(negs + extra, key=lambda x: x.i)
        if len(marks) >= 2:
            first, last = marks[0], marks[-1]
            found = True
            yield first.idx, last.idx + len(last.text), "text"
    if not found and agree_scale(question):
        for sent, t in stem_negations(question, doc, forms=("statement",), keep_never=True):
            yield t.idx, t.idx + len(t.text), "scale"
            return
