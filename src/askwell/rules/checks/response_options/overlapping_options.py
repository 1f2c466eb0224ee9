"""overlapping-options: single-choice options that are not mutually exclusive.

Kept precise: one option's words appear whole inside another's ("Student" and
"PhD student", "Instructor" and "Supporting instructor"), so someone who is both
cannot tell which to pick.  Scales, ranges, yes/no lists, and combination
options ("Python and R", "Both") are left alone, as are negations ("Not a student").
Also: a part-time activity beside another activity ("Working part time",
"Studying full time") in a single-choice list, since many people do both.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis import options as ol

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Words that do not make an option specific on their own.
GENERIC = {"other", "others", "none", "all", "some", "both", "yes", "no", "not", "sure", "the", "a", "an", "i", "my",
           "and", "or", "of", "in", "at", "to", "for", "with", "on", "it", "is", "am", "was", "something", "else"}
COMBINES = re.compile(r"\b(?:and|both|plus|as well as|with)\b|&|\+|/")
NEGATES = re.compile(r"\b(?:not|no|non|never|without|n't)\b|\bnon-")


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "both-true": ("first", "second"),
    "contained": ("option", "wider"),
}


def _key(text: str) -> list[str]:
    words = ol.words(ol.core(text))
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]


def _inside(small: list[str], big: list[str]) -> bool:
    n = len(small)
    return 0 < n < len(big) and any(big[i:i + n] == small for i in range(len(big) - n + 1))


# What people spend their week on; a part-time one leaves room for another ("Working part
# time" and "Studying full time" are both true of many students).
ACTIVITIES = {
    "work": re.compile(r"\b(?:work|working|works|employed|employee|employment|job|self-employed|freelanc\w*)\b"),
    "study": re.compile(r"\b(?:study|studying|student|in (?:education|school|college|university|training)|"
                        r"enrolled)\b"),
    "care": re.compile(r"\b(?:caring|carer|caregiver|looking after|homemaker|stay-at-home)\b"),
    "volunteer": re.compile(r"\bvolunteer\w*\b"),
}
PART_TIME = re.compile(r"\bpart[- ]?time\b")


def _activity(core: str) -> set[str]:
    return {name for name, pattern in ACTIVITIES.items() if pattern.search(core)}


def _combinable(texts: list[str]) -> tuple[int, int] | None:
    """(part-time option, option of another activity) that one person can both be, or None.

    None when an option already names a combination ("Working and studying").
    """
    cores = [ol.core(t) if ol.option_kind(t) == "substantive" else "" for t in texts]
    kinds = [set() if NEGATES.search(c) else _activity(c) for c in cores]
    if any(len(k) > 1 for k in kinds):
        return None
    for i, core in enumerate(cores):
        if not kinds[i] or not PART_TIME.search(core):
            continue
        for j, other in enumerate(kinds):
            if other and other != kinds[i]:
                return i, j
    return None


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the option that contains another, or on an activity a part-time one leaves room for."""
    texts = [c.text for c in question.choices]
    if len(texts) < 2 or ol.ordinal_list(texts) or ol.ranges(texts) is not None or ol.yes_no_list(texts):
        return
    pair = _combinable(texts) if question.type != "multiple" else None
    if pair is not None:
        part, other = pair
        later = max(pair)
        yield Hit.saying("both-true", 0, len(texts[later]), choice=later, first=texts[other].strip(),
                         second=texts[part].strip())
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
            yield Hit.saying("contained", 0, len(texts[j]), choice=j, option=texts[j].strip(), wider=texts[i].strip())
