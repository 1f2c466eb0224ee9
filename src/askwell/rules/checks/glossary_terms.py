"""glossary-term: technical terms from The Carpentries Glosario, by audience.

The list in ``rules/wordlists/glosario-jargon.tsv`` is the Glosario term list
filtered so that ordinary words with a technical sense ("branch", "mean") are
left out; each term has a level (basic or advanced) and the rule's ``levels``
option says which levels are jargon for which audience.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.rules.kinds import phrase_regex
from askwell.rules.packs import wordlist

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

LIST = "glosario-jargon.tsv"


@lru_cache(maxsize=None)
def _terms(levels: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """A regex for the terms of the given levels, and term -> canonical form."""
    chosen: dict[str, str] = {}
    for line in wordlist(LIST):
        term, level = line.split("\t")[:2]
        if level in levels:
            chosen[term.lower()] = term
    return phrase_regex(list(chosen)), chosen


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit per glossary term that is jargon for the configured audience."""
    levels = tuple(options["levels"].get(context.audience, ["basic", "advanced"]))
    if not levels:
        return
    regex, _ = _terms(levels)
    for m in regex.finditer(question.text):
        term = " ".join(m.group(0).split())
        if term.lower() in context.accept:
            continue
        yield Hit(m.start(), m.end(), f"'{term}' is a technical term ({context.audience} may not know it).")
