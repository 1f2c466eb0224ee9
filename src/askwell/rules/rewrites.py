"""Named rewrites that declarative rules can ask for with ``rewrite: NAME``.

A rewrite turns a question and the span a rule matched into a better question.
They are plain functions in one explicit table, so a rule file can only name
one that exists (checked when the rule packs load).
"""

from __future__ import annotations

import re
from typing import Callable

LEADING_STEM = re.compile(
    r"^\s*(?:do|does|did|would|could|should|will|have|is|was|are|were|ca|wo)(?:n['’]t| not)\s+"
    r"(?:you\s+(?:agree|think|feel|say|believe|find|consider|accept)|it|this|that|there)"
    r"(?:\s+(?:true|the case|so))?(?:\s+that)?\s+",
    re.IGNORECASE,
)


# Sentence-initial words that lose their capital inside a longer question; names keep theirs.
FUNCTION_WORDS = {"the", "a", "an", "you", "your", "our", "this", "that", "these", "those", "it", "we", "they",
                  "there", "most", "many", "some", "all", "every", "each", "my", "their", "its"}


def _statement(text: str) -> str:
    body = text.strip().rstrip("?").rstrip(" ,")
    first = body.split(" ", 1)[0]
    return body[:1].lower() + body[1:] if first.lower() in FUNCTION_WORDS else body


# "the workshop was great": the thing judged, before its verb.
_CLAIM = re.compile(r"^(?P<thing>.+?)\s+(?:was|were|is|are|has been|have been)\b", re.IGNORECASE)


def balanced_agreement(text: str, start: int, end: int) -> str | None:
    """'Don't you agree that X was great?' and 'X was great, right?' → 'What did you think of X?'
    ('What do you think of X?' when the claim is in the present).

    An agree/disagree question, even a balanced one, still asks for assent to a claim; asking
    about the thing itself lets respondents say what they think of it.
    """
    stem = LEADING_STEM.match(text)
    if stem:
        claim = _statement(text[stem.end():])
    elif start > 0 and text[start:start + 1] == ",":
        claim = _statement(text[:start])
    else:
        return None
    degree = _too_form(claim) or _degree_form(claim)
    if degree is not None:
        return degree
    m = _CLAIM.match(claim)
    if not (m and m.group("thing").strip()):
        return None
    tense = "do" if m.group(0).split()[-1].lower() in ("is", "are") else "did"
    return f"What {tense} you think of {m.group('thing')}?"


# "the room was (very) comfortable to work in": the thing, its verb, a one-word judgement and the rest.
_JUDGED = re.compile(r"^(?P<thing>.+?)\s+(?P<verb>was|were|is|are)\s+(?:very\s+|really\s+|quite\s+)?"
                     r"(?P<word>[a-z]+)(?P<rest>(?:\s+.*)?)$", re.IGNORECASE)
# Words after the verb that name no degree ("was a success", "was not…", "were on time", "too high").
_NOT_DEGREE = FUNCTION_WORDS | {"not", "no", "on", "in", "at", "for", "with", "by", "to", "of", "too", "so", "done",
                                "over", "worth", "there", "here", "held", "run", "given", "better", "worse", "best",
                                "worst"}
# Praise or blame this strong anywhere in the claim: the degree form would keep it, so ask about the thing.
_STRONG = 2.5


# "fares on this route are too high": a claim that something is more than it should be.
_TOO = re.compile(r"^(?P<thing>.+?)\s+(?P<verb>was|were|is|are)\s+too\s+(?P<word>[a-z]+)(?P<rest>(?:\s+.*)?)$",
                  re.IGNORECASE)


# The other end of a common amount scale: "too long" is balanced by "too short". Words without
# one ("noisy", "clear") have no balanced "too" form and keep the rules' other rewrites; nor do
# speeds ("Was check-out quick enough?"), whose "too quick" end a reader found implausible.
OTHER_END = {"long": "short", "high": "low", "big": "small", "large": "small", "many": "few", "much": "little",
             "early": "late", "hot": "cold", "warm": "cold", "expensive": "cheap",
             "difficult": "easy", "hard": "easy", "strict": "lenient", "frequent": "infrequent", "loud": "quiet"}
OTHER_END |= {b: a for a, b in list(OTHER_END.items()) if b not in OTHER_END}


def too_form(thing: str, verb: str, word: str, rest: str = "") -> str:
    """'Are fares too high, about right or too low?': both sides of the right amount, and the middle
    (``word`` must be in OTHER_END)."""
    word = word.lower()
    return f"{verb.capitalize()} {thing} too {word}, about right or too {OTHER_END[word]}{rest.rstrip()}?"


def _too_form(claim: str) -> str | None:
    """'fares on this route are too high' → 'Are fares on this route too high, about right or not high enough?'"""
    too = _TOO.match(claim)
    if too is None or too.group("word").lower() not in OTHER_END:
        return None  # "too noisy": "not noisy enough" is no answer anyone wants; ask about the thing
    return too_form(too.group("thing"), too.group("verb"), too.group("word"), too.group("rest"))


def _degree_form(claim: str) -> str | None:
    """'the room was comfortable to work in' → 'How comfortable was the room to work in?': the
    dimension the claim judged, asked as a degree (what the generic "What did you think of…"
    loses), when no word of the claim is strong praise or blame."""
    from askwell.valence import valence  # the lexicon loads only when a rewrite is wanted

    judged = _JUDGED.match(claim)
    if judged is None:
        return None
    word = judged.group("word").lower()
    if word in _NOT_DEGREE or word.endswith(("ly", "er")) or any(
            abs(valence(w)) >= _STRONG for w in re.findall(r"[a-z]+", claim.lower())):
        return None
    rest = re.sub(r"^\s+enough\b", "", judged.group("rest")).rstrip()  # "long enough" asks "How long"
    return f"How {word} {judged.group('verb').lower()} {judged.group('thing')}{rest}?"


# An intensifier just before a dropped word, and "-ly" words that are not intensifiers.
_INTENSIFIER = re.compile(r"\b(?:very|really|so|truly|simply|absolutely|quite|most|extremely|incredibly|[a-z]+ly)\s+$",
                          re.IGNORECASE)
_NOT_INTENSIFIER = re.compile(r"\b(?:only|early|daily|weekly|monthly|yearly|friendly|lovely|likely|family)\s+$",
                              re.IGNORECASE)
COPULAS = {"is", "was", "are", "were", "be", "been", "being", "seem", "seemed", "looks", "looked"}


def drop_word(text: str, start: int, end: int) -> str | None:
    """Remove a loaded modifier ("our excellent instructors" → "our instructors").

    Only where a word follows and no copula precedes: "the instructors were excellent"
    has no neutral version without the word, so no rewrite is offered.
    """
    after = text[end:]
    before = text[:start].split()
    if not re.match(r"\s+[^\W\d_]", after) or (before and before[-1].lower() in COPULAS):
        return None
    if (before and before[-1].lower() == "how") or re.match(r"\s+to\s", after):
        return None  # "How happy…", "easy to use": the scale word or a predicate, with no neutral rest
    if text[end:end + 1] == "-" or text[start - 1:start] == "-":
        return None  # part of a compound ("award-winning"): no neutral half to keep
    head = text[:start]
    # The word's own intensifier goes with it: "the simply excellent lessons" → "the lessons".
    if not _NOT_INTENSIFIER.search(head):
        head = _INTENSIFIER.sub("", head)
    joined = re.match(r"\s*(?:,\s*)?(?:and|or|but)\s+|\s*,\s+", after)
    if joined:
        after = " " + after[joined.end():]  # "our brilliant and friendly helpers" → "our friendly helpers"
    elif re.search(r"(?:,\s*)?\s(?:and|or|but)\s+$", head):
        head = re.sub(r"(?:,\s*)?\s(?:and|or|but)\s+$", " ", head)  # "quick and welcoming" → "quick"
    elif head.endswith(", "):
        head = head[:-2] + " "  # "the new, improved policy" → "the new policy"
    rewritten = head + after.lstrip()
    return rewritten[:1].upper() + rewritten[1:]


REWRITES: dict[str, Callable[[str, int, int], str | None]] = {
    "balanced_agreement": balanced_agreement,
    "drop_word": drop_word,
}
