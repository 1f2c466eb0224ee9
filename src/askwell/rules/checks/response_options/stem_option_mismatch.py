"""stem-option-mismatch: the options do not answer the question as it is asked.

- agree/disagree options under a question ("How satisfied…?", "Would you…?"):
  agreement answers statements, and an item-specific scale measures better;
- yes/no options under a how/what/which/why question ("How often…? Yes / No");
- frequency options (never … always) under an opinion question, satisfaction or
  likelihood options under a question about something else;
- the instruction and the question type disagree: "select all that apply" on a
  single-choice item, "choose one" on a multiple-choice item.

The question is the last sentence ending in "?", or, in a stem written without one
("Do you feel ready to teach:", "How often do you code"), a last clause worded as
a question.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis import options as ol

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

WH = re.compile(r"^\W*(?:how|what|which|why|when|where|who|whom|whose|to what extent|in what|in which)\b", re.IGNORECASE)
AUX = re.compile(r"^\W*(?:do|does|did|is|are|was|were|have|has|had|can|could|will|would|should|shall|may|might|must)\b",
                 re.IGNORECASE)
ASKS = {
    "agreement": re.compile(r"\bagree(?:ment|s|d)?\b|\bdisagree", re.IGNORECASE),
    "frequency": re.compile(r"\bhow (?:often|frequently)\b|\bhow many times\b|\bfrequency\b", re.IGNORECASE),
    "satisfaction": re.compile(r"\bsatisf", re.IGNORECASE),
    "likelihood": re.compile(r"\bhow likely\b|\blikelihood\b|\bhow probable\b", re.IGNORECASE),
    "opinion": re.compile(r"\bhow (?:useful|helpful|important|good|well|easy|difficult|hard|clear|relevant|valuable|"
                          r"effective|interesting|confident|comfortable|prepared)\b|\bhow would you (?:rate|describe)\b|"
                          r"\brate\b", re.IGNORECASE),
}
# Option families and the kinds of question (keys of ASKS) they cannot answer, unless the question
# also asks for the family itself.
CLASHES = {
    "frequency": {"agreement", "satisfaction", "likelihood", "opinion"},
    "satisfaction": {"frequency", "likelihood", "agreement"},
    "likelihood": {"frequency", "satisfaction", "agreement"},
}
NAMES = {"agreement": "agree/disagree", "frequency": "frequency", "satisfaction": "satisfaction",
         "likelihood": "likelihood", "opinion": "a rating"}
MANY = re.compile(r"\b(?:select|check|tick|mark|choose|pick)\s+(?:all|any|as many)\b(?:\s+that\s+apply)?|"
                  r"\ball that apply\b|\bone or more\b", re.IGNORECASE)
ONE = re.compile(r"\b(?:select|check|tick|mark|choose|pick)\s+(?:only\s+)?one\b(?!\s+or\b)|\bonly one\b|"
                 r"\bone answer\b", re.IGNORECASE)


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "several-in-single": ("phrase",),
    "one-in-multiple": ("phrase",),
    "yes-no-to-wh": ("opening",),
    "agree-to-question": ("opening",),
    "family-clash": ("options", "asked", "opening"),
}


def _family(texts: list[str]) -> str | None:
    """The kind of scale the options form: agreement, frequency, satisfaction, likelihood, yesno or None."""
    classified = [lab for lab in ol.labels(texts) if lab.substantive]
    if len(classified) < 2:
        return None
    if ol.yes_no_list(texts) and all(len(lab.core.split()) <= 2 for lab in classified):
        return "yesno"
    for family in ("agreement", "satisfaction", "likelihood", "frequency"):
        marked = sum(1 for lab in classified if family in lab.families)
        if marked * 2 > len(classified) and marked >= 2:
            return family
    return None


# The last clause of a stem, ended by ":" or "." or nothing: "How often do you use Git:".
LAST_CLAUSE = re.compile(r"([^.?!:]+)[.:!]*\s*$")


def asked_sentence(text: str) -> tuple[int, int] | None:
    """Span of the question proper: the last sentence ending in "?", else a last clause
    that is worded as a question ("Do you feel…", "How often…") but ends in ":" or nothing."""
    span = ol.question_sentence(text)
    if span is not None:
        return span
    m = LAST_CLAUSE.search(text)
    if m is None:
        return None
    start, end = m.span(1)
    while start < end and text[start] in " \t\n*_\"'":
        start += 1
    end = len(text[:end].rstrip())
    clause = text[start:end]
    if not (WH.match(clause) or AUX.match(clause)) or len(clause.split()) < 3:
        return None
    return start, end


def _asks(sentence: str) -> set[str]:
    return {kind for kind, pattern in ASKS.items() if pattern.search(sentence)}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the question (the instruction, or the question sentence)."""
    text = question.text
    if question.type == "single":
        many = MANY.search(text)
        if many:
            yield Hit.saying("several-in-single", many.start(), many.end(), phrase=many.group(0).strip())
            return
    elif question.type == "multiple":
        one = ONE.search(text)
        if one and not MANY.search(text):
            yield Hit.saying("one-in-multiple", one.start(), one.end(), phrase=one.group(0).strip())
            return
    texts = [c.text for c in question.choices]
    family = _family(texts)
    if family is None:
        return
    span = asked_sentence(text)
    if span is None:
        return
    sentence = text[span[0]:span[1]]
    asks = _asks(sentence)
    wh = WH.match(sentence) is not None
    opening = " ".join(sentence.split()[:6])
    if family == "yesno":
        if wh and not AUX.match(sentence):
            yield Hit.saying("yes-no-to-wh", span[0], span[1], opening=opening)
    elif family == "agreement":
        if "agreement" not in asks and (wh or AUX.match(sentence)):
            yield Hit.saying("agree-to-question", span[0], span[1], opening=opening)
    elif family not in asks and not (family == "satisfaction" and "opinion" in asks):
        clash = sorted(asks & CLASHES[family])
        if clash:
            yield Hit.saying("family-clash", span[0], span[1], options=NAMES[family].capitalize(),
                             asked=" and ".join(NAMES[k] for k in clash), opening=opening)
