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
from askwell.analysis.subject import is_subject, measures_knowledge
from askwell.rules.kinds import Phrases
from askwell.rules.packs import wordlist

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {"technical": ("term", "audience")}

LIST = "glosario-jargon.tsv"


@lru_cache(maxsize=None)
def _terms(levels: tuple[str, ...]) -> tuple[Phrases, dict[str, str]]:
    """A gated regex for the terms of the given levels, and term -> canonical form."""
    chosen: dict[str, str] = {}
    for line in wordlist(LIST):
        term, level = line.split("\t")[:2]
        if level in levels:
            chosen[term.lower()] = term
    return Phrases.of(list(chosen)), chosen


# A term followed by a bracket ("version control software (Git, Subversion)") comes with
# its explanation or examples, and one inside brackets ("Git (version control)") is itself
# the explanation: neither leaves respondents guessing.
_FOLLOWED_BY_BRACKET = re.compile(r"\s*(?:[\w-]+\s+){0,2}\(")


def _explained(text: str, start: int, end: int) -> bool:
    depth = text[:start].count("(") - text[:start].count(")")
    return depth > 0 or bool(_FOLLOWED_BY_BRACKET.match(text, end))


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit per glossary term that is jargon for the configured audience."""
    levels = tuple(options["levels"].get(context.audience, ["basic", "advanced"]))
    if not levels:
        return
    regex, _ = _terms(levels)
    if regex.search(question.text) is None or measures_knowledge(question, context):
        return  # no term; or the term is the skill or concept being rated: not knowing it is an answer
    text = question.text
    for m in regex.finditer(text):
        term = " ".join(m.group(0).split())
        if term.lower() in context.accept:
            continue
        if _explained(text, m.start(), m.end()):
            continue
        if context.questions and is_subject(term, context):
            continue  # the survey's own subject: named in its title or used throughout
        yield Hit.saying("technical", m.start(), m.end(), term=term, audience=context.audience)
