"""Sensitive and identity topics: what a question or its options ask people to disclose.

Shared by missing-prefer-not-to-say and forced-single-identity.  The topic comes
from the question (rules/wordlists/sensitive-topics.tsv) or from identity options
in the list (identity-options.tsv).  A topic the item sets aside ("where you live
now, not where you were born") and technical senses ("race condition") are not
asked about.
"""

from __future__ import annotations

import re
from functools import lru_cache

from askwell.analysis import options as ol
from askwell.analysis.stems import set_aside
from askwell.rules.kinds import could_hold, rarest_runs
from askwell.rules.packs import wordlist

# Technical senses of sensitive words in a computing community, and the sporting race.
NOT_SENSITIVE = re.compile(r"\brace conditions?\b|\bdata race\b|\bage of (?:the|your) (?:data|code|computer|"
                           r"software|machine|laptop)\b|\brace (?:day|number|pack|route|results?|entry|entries|series|"
                           r"distance|start|finish|organisers?|organizers?)\b", re.IGNORECASE)


def other_senses_blanked(text: str) -> str:
    """``text`` with the non-sensitive senses of topic words ("race condition", "race day") blanked out."""
    return NOT_SENSITIVE.sub(lambda found: " " * len(found.group(0)), text)


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
        masked = other_senses_blanked(text)
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
