"""loaded-words: praise or blame attached to the thing a question asks about.

A word counts when people rate it clearly positive or negative (VADER's lexicon, see
``askwell.valence``; a derived form such as "wasteful" is judged by its base "waste")
and the parse attaches it to a noun as a modifier: "our *generous* new policy", "the
*failed* scheme", "the *confusing* instructions". The predicate a question measures
("How satisfied…", "Was it useful?") is not a modifier, superlatives that ask the
respondent to choose ("the most useful part", "the best thing") are left alone, and
answer anchors named in the stem ("from poor to excellent") are fine.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.memo import per_options
from askwell.model import Context, Hit, Question
from askwell.analysis.views import doc_words, tokens
from askwell.analysis.stems import HYPHENS, by_respondent, hedge_spans, in_brackets, inside
from askwell.rules.rewrites import drop_word
from askwell.valence import DERIVING_SUFFIXES, derived_words, form_valence, rated_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

MODIFIER_DEPS = {"amod", "compound", "nmod"}
DEFINITE = {"the", "this", "that", "these", "those"}
# Valence a "How ADJ…" scale word needs before it reads as praise ("how amazing", not "how satisfied").
HOW_FLOOR = 2.5


def word_valence(t: "Token") -> float:
    """The token's valence, or its base's when only a derived form is unrated."""
    return form_valence(t.lower_, t.lemma_.lower())


def _choosing(t: "Token") -> bool:
    """'the best part', 'the most useful thing', 'your favourite tool': the respondent picks."""
    if t.tag_ in ("JJS", "RBS"):
        return True
    return any(c.lower_ in ("most", "least", "more", "less") for c in t.children)


def _noun(t: "Token") -> "Token":
    """The noun a modifier (or a modifier's modifier, or a coordinated modifier) belongs to."""
    while t.dep_ in MODIFIER_DEPS | {"advmod", "conj"} and t.head.i != t.i and t.pos_ != "NOUN":
        t = t.head
    return t


def _definite(noun: "Token") -> bool:
    """'the/our/your/this … X' or 'the council's X': the phrase takes its praise or blame as given.

    A bare or indefinite phrase ("illegal drugs", "giving effective feedback") names a kind
    of thing, and its adjective classifies rather than judges.
    """
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in noun.children)


def _term(t: "Token", doc: "Doc") -> bool:
    """'the council's active travel infrastructure': mild praise right before a noun-noun compound,
    with nothing else praising beside it, is part of a term and names a kind of thing. Said of the
    surveyor's own ("our friendly reception staff") or listed with another word ("the new,
    improved homework policy"), it is praise."""
    if not 0 < word_valence(t) < HOW_FLOOR or t.i + 1 >= len(doc):
        return False
    after, noun = doc[t.i + 1], _noun(t)
    if not (after.dep_ == "compound" and after.pos_ == "NOUN") or t.i == 0 or doc[t.i - 1].pos_ in ("PUNCT", "CCONJ", "ADJ"):
        return False
    return not any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in noun.children)


# "How delicious was your meal this evening?": the praise is the scale; the thing is after the verb.
HOW_ADJ_WAS = re.compile(r"^\s*how\s+(?:very\s+)?[a-z-]+\s+(?:was|were|is|are)\s+(?P<thing>[^?]+)\?\s*$", re.IGNORECASE)


def _rated(text: str) -> str | None:
    """'How delicious was your meal this evening?' → 'How would you rate your meal this evening?':
    the thing asked about, rated on a scale the answer options define."""
    m = HOW_ADJ_WAS.match(text)
    return f"How would you rate {m.group('thing').strip()}?" if m else None


def _words(options: dict[str, Any]) -> tuple[frozenset[str], float, float]:
    return frozenset(w.lower() for w in options["measured"]), float(options["min_valence"]), float(options["min_blame"])


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on each strongly positive or negative modifier of a noun in the item."""
    measured, floor, blame = per_options(options, _words)
    words = doc_words(doc)
    # Most items hold no rated word and no derived or hyphenated form of one: nothing to look at.
    if rated_words(blame).isdisjoint(words) and derived_words(blame, DERIVING_SUFFIXES).isdisjoint(words) and not any(
            "-" in w or w.startswith("over") for w in words):
        return
    anchors = hedge_spans(question.text, options["exceptions"])
    for t in tokens(doc):
        if t.pos_ not in ("ADJ", "VERB", "ADV") or t.lower_ in measured or t.lemma_.lower() in measured:
            continue
        if t.pos_ == "VERB" and t.tag_ not in ("VBN", "VBG"):
            continue  # only participles describe a noun ("the failed scheme"); "drop-in" does not
        if t.i + 1 < len(doc) and doc[t.i + 1].text in HYPHENS:
            continue  # part of a hyphenated word
        if t.dep_ in MODIFIER_DEPS and t.head.pos_ in ("NOUN", "PROPN"):
            if t.head.dep_ == "compound":
                continue  # "active travel infrastructure": part of a multiword term
            target = t
        elif t.dep_ == "advmod" and t.head.dep_ in MODIFIER_DEPS and t.head.head.pos_ == "NOUN":
            target = t  # "the carefully prepared exercises"
        elif t.dep_ == "conj" and t.head.dep_ == "amod" and t.pos_ == "ADJ":
            target = t  # "our quick, welcoming helpers"
        elif t.i > 0 and doc[t.i - 1].lower_ == "how" and doc[t.i - 1].tag_ == "WRB" and t.pos_ == "ADJ":
            if by_respondent(t.head):
                continue  # "How happy are you with…": the respondent's own state is what is measured
            target = t  # "How inspiring was the keynote?": the question's own scale is praise
        elif t.dep_ in ("acomp", "attr") and t.head.lemma_ == "be" and t.pos_ == "ADJ" and not by_respondent(t.head):
            # "…that the instructors were excellent": a claim with its praise built in ("Are you
            # happy with…" asks the respondent's own state instead).
            target = t
        else:
            continue
        how = target.dep_ not in MODIFIER_DEPS and target.dep_ not in ("advmod", "conj")
        # (A predicate adjective, like a "How …" scale word, loads only as outright praise or blame.)
        if how:
            # "How satisfied…", "How engaging…" name the scale, "was comfortable" is an ordinary
            # claim to rate; only outright praise or blame ("excellent", "awful") loads them.
            if abs(word_valence(target)) < HOW_FLOOR:
                continue
        elif _choosing(target) or not (abs(word_valence(target)) >= floor or (
                -word_valence(target) >= blame and target.dep_ == "amod" and target.tag_ == "JJ"
                and _definite(_noun(target)))):
            continue
        elif _term(target, doc):
            continue
        elif word_valence(target) < HOW_FLOOR and not _definite(_noun(target)):
            # Outright praise ("a fantastic job") loads even an indefinite phrase; negative words
            # there name a kind of thing ("illegal drugs", "chronic pain"), the way sensitive
            # topics are asked about.
            continue
        if inside(anchors, t.idx, t.idx + len(t.text)) or in_brackets(doc, t.i):
            continue
        better = _rated(question.text) if how else drop_word(question.text, t.idx, t.idx + len(t.text))
        yield Hit(t.idx, t.idx + len(t.text), suggestion=better)
