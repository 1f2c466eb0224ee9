"""overlapping-options: single-choice options that are not mutually exclusive.

Kept precise: one option's words appear whole inside another's ("Student" and
"PhD student", "Instructor" and "Supporting instructor"), so someone who is both
cannot tell which to pick.  Scales, ranges, yes/no lists, and combination
options ("Python and R", "Both") are left alone, as are negations ("Not a student").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.rules.checks import option_labels as ol

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Words that do not make an option specific on their own.
GENERIC = {"other", "others", "none", "all", "some", "both", "yes", "no", "not", "sure", "the", "a", "an", "i", "my",
           "and", "or", "of", "in", "at", "to", "for", "with", "on", "it", "is", "am", "was", "something", "else"}
COMBINES = re.compile(r"\b(?:and|both|plus|as well as|with)\b|&|\+|/")
NEGATES = re.compile(r"\b(?:not|no|non|never|without|n't)\b|\bnon-")


def _key(text: str) -> list[str]:
    words = ol.words(ol.core(text))
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]


def _inside(small: list[str], big: list[str]) -> bool:
    n = len(small)
    return 0 < n < len(big) and any(big[i:i + n] == small for i in range(len(big) - n + 1))


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the option that contains another."""
    texts = [c.text for c in question.choices]
    if len(texts) < 2 or ol.ordinal_list(texts) or ol.ranges(texts) is not None or ol.yes_no_list(texts):
        return
    keys = [(_key(t) if ol.option_kind(t) == "substantive" else []) for t in texts]
    flagged: set[int] = set()
    for i, small in enumerate(keys):
        if not small or not set(small) - GENERIC:
            continue
        for j, big in enumerate(keys):
            if i == j or j in flagged or not _inside(small, big):
                continue
            core = ol.core(texts[j])
            if COMBINES.search(core) or NEGATES.search(core):
                continue
            flagged.add(j)
            yield Hit(0, len(texts[j]), choice=j, message=(
                f"'{texts[j].strip()}' is also '{texts[i].strip()}': someone who is both cannot tell which to pick."))
