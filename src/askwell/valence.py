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
