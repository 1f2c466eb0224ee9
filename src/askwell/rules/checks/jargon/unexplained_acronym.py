"""unexplained-acronym: all-capital abbreviations not spelled out anywhere in the same survey.

"high-performance computing (HPC)" or "HPC (high-performance computing)" in any
item of the file explains HPC for the whole file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.nlp import zipf
from askwell.analysis.subject import is_subject

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# An acronym may start a hyphenated word ("NGB-accredited", "PAR-Q"), not end one.
ACRONYM = re.compile(r"(?<![\w&-])([A-Z][A-Za-z&]*[A-Z])s?(?![\w&])")
# What every acronym holds: two capitals in one run of letters (a fast first look).
TWO_CAPITALS = re.compile(r"[A-Z][A-Za-z&]*[A-Z]")
DEFINED_AFTER = re.compile(r"\(\s*([A-Z][A-Za-z&]*[A-Z])s?\s*\)")
DEFINED_BEFORE = re.compile(r"\b([A-Z][A-Za-z&]*[A-Z])s?\s*\(([^)]{4,})\)")


def _initials_fit(acronym: str, words_before: str) -> bool:
    """True when the words before '(ACR)' start with the acronym's letters (loosely)."""
    letters = [c.lower() for c in acronym if c.isalpha() and c.isupper()]
    initials = [w[0].lower() for w in re.findall(r"[A-Za-z][\w-]*", words_before)]
    parts = [p for w in re.findall(r"[A-Za-z][\w-]*", words_before) for p in w.split("-")]
    initials += [p[0].lower() for p in parts if p]
    return all(ch in initials for ch in letters)


def defined(context: Context) -> frozenset[str]:
    """Acronyms the survey spells out somewhere, computed once per file."""
    key = "acronyms.defined"
    if key not in context.memo:
        found: set[str] = set()
        for q in context.questions:
            if "(" not in q.text:
                continue  # both ways of spelling an acronym out use brackets
            for m in DEFINED_AFTER.finditer(q.text):
                before = q.text[max(0, m.start() - 80): m.start()]
                if _initials_fit(m.group(1), before):
                    found.add(m.group(1))
            for m in DEFINED_BEFORE.finditer(q.text):
                found.add(m.group(1))
        context.memo[key] = frozenset(found)
    return context.memo[key]  # type: ignore[return-value]


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the first use of each unexplained acronym in the question."""
    if TWO_CAPITALS.search(question.text) is None:
        return
    known = {k.upper() for k in options["known"]} | {a.upper() for a in context.accept}
    explained = defined(context) if context.questions else frozenset()
    local = {m.group(1) for m in DEFINED_AFTER.finditer(question.text)} | {
        m.group(1) for m in DEFINED_BEFORE.finditer(question.text)}
    seen: set[str] = set()
    for m in ACRONYM.finditer(question.text):
        acronym = m.group(1)
        # Real acronyms are mostly capitals ("HPC", "CoC"); title-case words are not ("Git").
        capitals = sum(c.isupper() for c in acronym)
        if capitals < 2 or capitals < len(acronym) / 2 or acronym in seen or len(set(acronym)) == 1:
            continue  # (one letter repeated, "YYYY-MM-DD", "XX", is a placeholder, not an acronym)
        seen.add(acronym)
        if acronym.upper() in known or acronym in explained or acronym in local:
            continue
        if context.questions and is_subject(acronym, context):
            continue  # in the title or used across the survey: its respondents know it
        if acronym.isupper() and len(acronym) >= 5 and zipf(acronym.lower()) >= 3.0:
            # A common word in capitals ("OPTIONAL") is emphasis, not an acronym.
            continue
        if acronym.isalpha() and not set(acronym.lower()) & set("aeiouy") and (
                zipf(acronym.lower()) >= options["common_zipf"]):
            # Letters with no vowel cannot be read as a word, so their frequency is the
            # initialism's own: one as common in English as "GP", "BBC" or "HR" is known.
            # ("SEND" or "PAN" in capitals may be a common word's frequency, not the acronym's.)
            continue
        yield Hit(m.start(1), m.end(1))  # the rule's message, with the acronym as its {match}
