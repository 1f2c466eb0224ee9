"""Numbers written as words, for rules that read counts and shares in text ("nine out of ten",
"One day, Two days, Three days")."""

from __future__ import annotations

NUMBER_WORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}


def number(text: str) -> float | None:
    """The value of a numeral ("9", "1,500") or a number word ("nine"), else None."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return NUMBER_WORDS.get(text.lower())
