"""How positive or negative a word is, from the VADER sentiment lexicon.

VADER (Hutto & Gilbert, 2014; MIT licence, the ``vaderSentiment`` package) rates
about 7,500 English words and emoticons from -4 (most negative) to +4 (most
positive), each the mean of ten human raters. askwell uses the ratings word by word
and lets the parse decide what a word is attached to: whole-sentence sentiment
scores cancel out and say nothing about which word loads a question.

The lexicon file is read from the installed package, without importing its module
(which imports ``requests``), once per process and only when a rule asks.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """word -> mean valence (-4..+4); empty when vaderSentiment is not installed."""
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "vader_lexicon.txt"
    table: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            table[parts[0]] = float(parts[1])
    return table


def valence(word: str) -> float:
    """The word's valence, 0.0 when VADER does not rate it."""
    return lexicon().get(word.lower(), 0.0)


@lru_cache(maxsize=8)
def rated_words(floor: float) -> frozenset[str]:
    """The words VADER rates at least ``floor`` away from zero (a set to intersect with a text's words)."""
    return frozenset(w for w, v in lexicon().items() if abs(v) >= floor)


@lru_cache(maxsize=8)
def derived_words(floor: float, suffixes: tuple[str, ...]) -> frozenset[str]:
    """Rated words at ``floor`` with each suffix added ("waste" → "wasteful"), for the same quick test."""
    return frozenset(w + x for w in rated_words(floor) for x in suffixes)


# Suffixes that keep the base word's judgement ("wasteful" from "waste", "shamefully" from "shame").
DERIVING_SUFFIXES = ("fully", "ful", "ous", "ly")
# "over-" words that are not "too much of" something.
_NOT_EXCESS = ("all", "seas", "time", "view", "night", "head")


def form_valence(lower: str, lemma: str) -> float:
    """The valence of a word as written (``lower``, ``lemma``), or of its base when only a derived form is unrated."""
    for form in (lower, lemma):
        score = valence(form)
        if score:
            return score
    for suffix in DERIVING_SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 4:
            score = valence(lower[: -len(suffix)])
            if score:
                return score
    if lower.startswith("over") and len(lower) > 7 and lower[4:] not in _NOT_EXCESS:
        return -1.5  # "overpriced", "overcrowding": too much of something, a complaint built into the word
    if "-" in lower:
        return min((valence(p) for p in lower.split("-")), key=lambda v: (-abs(v), v), default=0.0)
    return 0.0
