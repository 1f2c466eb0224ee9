"""forced-single-identity: identity questions that make people choose one identity, or only two genders.

- Race or ethnicity asked as a single choice ("Please choose only one", "Which
  race best describes you?", or a single-choice item): people of more than one
  heritage must deny part of it.  Questions that invite more than one answer are
  fine (a single-choice type under "choose one or more" is stem-option-mismatch).
- Gender options that are only Male/Female (or Man/Woman): everyone else has no
  true answer.  A question about sex recorded at birth, asked beside a gender
  identity question as the ONS and GenIUSS recommend, is not flagged.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis import options as ol
from askwell.analysis.topics import identity_topic, other_senses_blanked, topic_in_text
from askwell.rules.kinds import Needled

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

MANY = re.compile(r"\bone or more\b|\ball that apply\b|\bas many as\b|\bmore than one\b|\b(?:select|check|tick|choose)"
                  r"\s+(?:any|all)\b|\bmultiple\b", re.IGNORECASE)
ONLY_ONE = re.compile(r"\b(?:choose|select|pick|tick|check|mark)\s+(?:only\s+)?one\b(?!\s+or\b)|\bonly one\b|"
                      r"\bone (?:answer|option|box|category) only\b|\bsingle (?:answer|option|choice|category)\b|"
                      r"\bbest describes?\b|\bmain (?:ethnic|racial)\b", re.IGNORECASE)
# A category for people of several heritages makes a single choice answerable (the ONS design).
MIXED = re.compile(r"\bmixed\b|\bmultiple\b|\bmulti-?racial\b|\bbi-?racial\b|\bmore than one\b|\btwo or more\b",
                   re.IGNORECASE)
EXPLICIT_ONE = re.compile(r"\bonly one\b|\bone (?:answer|option|box|category) only\b|\b(?:choose|select|pick|tick|"
                          r"check|mark)\s+(?:only\s+)?one\b(?!\s+or\b)", re.IGNORECASE)
RACE = Needled(re.compile(r"\b(?:race|racial|ethnicity|ethnic|ancestry)\b", re.IGNORECASE),
               ("rac", "ethnic", "ancestry"))
BINARY = ({"male", "female"}, {"man", "woman"}, {"men", "women"}, {"boy", "girl"}, {"male", "female", "man", "woman"})
SEX_AT_BIRTH = re.compile(r"\bsex\b(?![^?]*\bgender\b)|\bassigned at birth\b|\bbirth certificate\b|\bbiological",
                          re.IGNORECASE)


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "choose-one": ("phrase",),
    "single-choice-race": (),
    "binary-gender": (),
}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the single-choice instruction, the topic word, or the first binary option."""
    texts = [c.text for c in question.choices]
    text = question.text
    found = topic_in_text(text)
    topic = found[0] if found and found[0] in ("race or ethnicity", "gender", "sex") else identity_topic(texts)
    if topic == "race or ethnicity" or (RACE.search(text) and RACE.search(other_senses_blanked(text))):
        if MANY.search(text) or question.type == "multiple" or any(MIXED.search(t) for t in texts):
            return
        if question.type == "yes-no" or ol.yes_no_list(texts):
            return  # "Are you a member of an ethnic minority?": one yes/no about membership, not one identity
        only = EXPLICIT_ONE.search(text) or ONLY_ONE.search(text)
        if only:
            yield Hit.saying("choose-one", only.start(), only.end(), phrase=only.group(0))
            return
        if question.type == "single" and texts:
            word = RACE.search(other_senses_blanked(text))
            start, end = (word.start(), word.end()) if word else (0, len(text))
            yield Hit.saying("single-choice-race", start, end)
        return
    if topic in ("gender", "sex") or identity_topic(texts) == "gender":
        if SEX_AT_BIRTH.search(text):
            return
        kinds = [ol.option_kind(t) for t in texts]
        if "other" in kinds:
            return
        substantive = {ol.core(t) for t, k in zip(texts, kinds) if k == "substantive"}
        if len(substantive) >= 2 and any(substantive <= pair for pair in BINARY) and len(substantive) <= 2:
            yield Hit.saying("binary-gender", 0, len(texts[0]), choice=0)
