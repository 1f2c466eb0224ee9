"""missing-other: a list of named categories that cannot be complete, with no "Other" option.

Roles, tools, reasons, fields, sources: with more than a handful of them, some
respondent's answer is not on the list.  Lists that can be complete are left
alone: yes/no, rating scales and other ordered lists, numeric ranges, calendar
lists and countries, questions that ask "which of the following" or which part of
the event (session, lesson, day), and questions that ask how much/how often.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.analysis.numbers import NUMBER_WORDS
from askwell.model import Context, Hit, Question
from askwell.analysis import options as ol

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

CLOSED_SET = re.compile(r"\b(?:which|what|select|choose|check|tick|mark)\b[^?.]*\b(?:of|from)\s+(?:the\s+)?"
                        r"(?:following|these|those|above|below|list)\b|\bof the following\b", re.IGNORECASE)
# "Which session…", "Which lesson…": the parts of the event the survey is about, a set its authors know.
OWN_PARTS = re.compile(r"\bwhich\s+(?:\w+\s+)?(?:sessions?|lessons?|modules?|days?|episodes?|parts?|sections?|"
                       r"exercises?|instructors?|helpers?|speakers?|talks?|tracks?|workshops?|events?|courses?|"
                       r"cohorts?|of (?:them|these|those))\b", re.IGNORECASE)
ORDERED_STEM = re.compile(r"^\W*(?:[^,?]{0,80},\s*)?(?:how\s+(?:many|much|often|long|far|old|soon|likely|frequently|well|satisfied|"
                          r"important|useful|helpful|easy|difficult|confident|comfortable|prepared|familiar)|"
                          r"to what extent|in what year|when\b|what year|what month|how would you rate|(?:please\s+)?rate\b)", re.IGNORECASE)


_NUMBER = re.compile(r"\b(\d+|" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "no-other": ("count",),
}


def _numbered_sequence(texts: list[str]) -> bool:
    """'One day, Two days, Three days' or 'Reception, Year 1 … Year 6': counted steps, a complete set."""
    numbers = []
    for text in texts:
        m = _NUMBER.search(text)
        if m:
            word = m.group(1).lower()
            numbers.append(int(word) if word.isdigit() else NUMBER_WORDS[word])
    return len(numbers) >= 3 and len(numbers) >= len(texts) - 2 and numbers == sorted(numbers) \
        and len(set(numbers)) == len(numbers)


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the last option, where "Other (please specify)" would go."""
    texts = [c.text for c in question.choices]
    if not texts:
        return
    classified = ol.labels(texts)
    if any(lab.kind == "other" for lab in classified):
        return
    substantive = [lab for lab in classified if lab.substantive]
    if len(substantive) < options.get("min_options", 4):
        return
    if ol.yes_no_list(texts) or ol.ordinal_list(texts) or ol.ranges(texts) is not None:
        return
    if _numbered_sequence([lab.text for lab in substantive]):
        return
    if ol.lookup_list(texts) in ("countries", "years", "months", "weekdays", "numbers"):
        return
    stem = question.text
    span = ol.question_sentence(stem)
    asked = stem[span[0]:span[1]] if span else stem
    if CLOSED_SET.search(stem) or OWN_PARTS.search(asked) or ORDERED_STEM.search(asked):
        return
    low = " ".join(stem.lower().split())
    if all(lab.core.strip(" .!?") in low for lab in substantive):
        return  # "…go up, stay the same, go down, or stop?": the question names its own answers
    last = len(texts) - 1
    yield Hit.saying("no-other", 0, len(texts[last]), choice=last, count=len(substantive))
