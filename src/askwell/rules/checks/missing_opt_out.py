"""missing-prefer-not-to-say: a personal or demographic question without a way to decline.

Gender, age, ethnicity, disability, income, sexual orientation, religion,
nationality, caring responsibilities…: an explicit "Prefer not to say" lets
people decline without abandoning the survey or picking an answer that is not
true.  The topic comes from the question (rules/wordlists/sensitive-topics.tsv)
or from identity options in the list (identity-options.tsv).  Open questions
without options can be left blank and are not checked.  A topic the item sets
aside ("where you live now, not where you were born") and the age at a past
event ("How old were you when you first…") are not asked about.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.rules.checks import option_labels as ol
from askwell.rules.kinds import could_hold, rarest_runs
from askwell.rules.checks.stems import set_aside
from askwell.rules.packs import wordlist

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Technical senses of sensitive words in a computing community.
NOT_SENSITIVE = re.compile(r"\brace conditions?\b|\bdata race\b|\bage of (?:the|your) (?:data|code|computer|"
                           r"software|machine|laptop)\b", re.IGNORECASE)


@lru_cache(maxsize=None)
def _topics() -> tuple[re.Pattern[str], dict[str, str], frozenset[str] | None]:
    table = {line.split("\t")[0].strip().lower(): line.split("\t")[1].strip() for line in wordlist("sensitive-topics.tsv")}
    # The pattern's boundaries, like phrase_regex's, make every word run of a phrase a whole run
    # of the text: could_hold's gate holds for it too.
    return ol.phrase_pattern(list(table)), table, rarest_runs(set(table))


@lru_cache(maxsize=None)
def _identity() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {line.split("\t")[0].strip().lower(): line.split("\t")[1].strip() for line in wordlist("identity-options.tsv")}
    return ol.phrase_pattern(list(table)), table


@lru_cache(maxsize=4096)
def topic_in_text(text: str) -> tuple[str, int, int] | None:
    """(topic, start, end) of the first sensitive-topic phrase in a question, or None.

    Remembered: missing-prefer-not-to-say and forced-single-identity both ask.
    """
    pattern, table, gate = _topics()
    if not could_hold(gate, text):
        return None
    m = pattern.search(text.lower().replace("’", "'"))
    if m is not None:
        # Blank out the technical senses ("race condition"), what the item sets aside and a
        # past age, and look again.
        masked = NOT_SENSITIVE.sub(lambda found: " " * len(found.group(0)), text)
        for start, end in set_aside(masked):
            masked = masked[:start] + " " * (end - start) + masked[end:]
        m = pattern.search(masked.lower().replace("’", "'"))
    if m is None:
        return None
    return table[" ".join(m.group(0).split())], m.start(), m.end()


def identity_topic(choices: list[str]) -> str | None:
    """'gender' or 'race or ethnicity' when at least two options name such identities."""
    pattern, table = _identity()
    counts: dict[str, int] = {}
    for c in choices:
        m = pattern.search(ol.core(c))
        if m:
            topic = table[" ".join(m.group(0).split())]
            counts[topic] = counts.get(topic, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=None)
    return best[0] if best and best[1] >= 2 else None


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the last option, where "Prefer not to say" would go."""
    texts = [c.text for c in question.choices]
    if not texts and question.type == "yes-no":
        texts = ["Yes", "No"]
    if not texts:
        return
    found = topic_in_text(question.text)
    topic = found[0] if found else identity_topic(texts)
    if topic is None:
        return
    if any(ol.option_kind(t) == "optout" for t in texts):
        return
    message = (f"This asks about {topic}, which some people would rather not share, and no option lets them "
               "decline (e.g. 'Prefer not to say').")
    if question.choices:
        last = len(question.choices) - 1
        yield Hit(0, len(question.choices[last].text), choice=last, message=message)
    else:
        start, end = (found[1], found[2]) if found else (0, len(question.text))
        yield Hit(start, end, message=message)
