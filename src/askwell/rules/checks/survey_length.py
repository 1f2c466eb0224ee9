"""survey-length (survey scope): a survey that takes longer than respondents will give it.

The estimate adds, for every item, the time to read its text and options
(``words_per_minute``, 238 by default: the mean silent reading rate for
non-fiction in Brysbaert's 2019 meta-analysis) and the time to answer it
(``seconds_closed``, 5 s by default, which with the reading time puts an ordinary
closed item near the ~10 s Pew Research Center measured; ``seconds_open``, 40 s,
an assumption for a written answer, which Pew notes can take minutes; and
``seconds_short``, 10 s, for an open box that asks for a fact such as a number, a
year or a name, and for items of unknown type in plain drafts).
Above ``max_minutes`` (15, the cap Pew puts on its online panel surveys) the
first item gets the finding.  A survey that states its own length ("takes about
2 minutes") is also held to it: when the estimate exceeds the stated time by more
than ``stated_tolerance`` (1.5×), the statement gets a finding.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.rules.checks.closing_question import is_open

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60, "a": 1}
STATED = re.compile(
    r"\b(?:takes?|taking|will take|should take|lasts?|complete(?:d)? in|in)\s+(?:only\s+|just\s+)?"
    r"(?:about|around|approximately|roughly|less than|under|up to|no more than|only|just)?\s*"
    r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|sixty|a)"
    r"[\s-]*(?P<u>seconds?|secs?|minutes?|mins?)\b"
    r"|\b(?P<n2>\d+|one|two|three|five|ten|fifteen|twenty|thirty)[\s-](?P<u2>second|minute)\s+"
    r"(?:survey|questionnaire|form|poll|check-in)\b",
    re.IGNORECASE)


# Open boxes that ask for a fact, not for writing: a count, a year, a name, an identifier.
SHORT = re.compile(
    r"^\W*(?:approximately\s+|roughly\s+)?how (?:many|much|long|old)\b|^\W*(?:in )?(?:what|which) (?:year|month|date|"
    r"country|city|town|language)\b|^\W*(?:when|where)\b|^\W*what is (?:your|the) (?:name|e-?mail|age|job title|"
    r"identifier|id|number|postcode|zip)\b|\bidentifier\b|\b(?:enter|type|copy)\b[^.?]*\b(?:name|number|code|id|"
    r"identifier|e-?mail)\b",
    re.IGNORECASE)


def answer_seconds(question: Question, options: dict[str, Any]) -> tuple[float, str]:
    """Seconds to answer one item, and its kind: closed, short (a fact in a box) or open (writing)."""
    if not is_open(question):
        return float(options.get("seconds_closed", 5)), "closed"
    if question.type == "unknown" or SHORT.search(question.text):
        return float(options.get("seconds_short", 10)), "short"
    return float(options.get("seconds_open", 40)), "open"


def estimate(questions: tuple[Question, ...], options: dict[str, Any]) -> tuple[float, int, int, int]:
    """(seconds, words, closed or short items, written answers) to complete the survey."""
    wpm = float(options.get("words_per_minute", 238))
    words = sum(len(q.text.split()) + sum(len(c.text.split()) for c in q.choices) for q in questions)
    answers = [answer_seconds(q, options) for q in questions]
    n_open = sum(1 for _, kind in answers if kind == "open")
    return words / wpm * 60 + sum(s for s, _ in answers), words, len(questions) - n_open, n_open


def _minutes(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} seconds"
    return f"{seconds / 60:.0f} minutes"


def check(questions: tuple[Question, ...], doc: None, options: dict[str, Any],
          context: Context) -> Iterator[tuple[int, Hit]]:
    """(index, hit): on the first item for the total, on a stated length the estimate exceeds."""
    if not questions:
        return
    seconds, words, n_closed, n_open = estimate(questions, options)
    limit = float(options.get("max_minutes", 15))
    if seconds > limit * 60:
        yield 0, Hit(0, len(questions[0].text), message=(
            f"The survey takes about {_minutes(seconds)} ({words} words to read, {n_closed} quick answers and {n_open} "
            f"written ones), more than {limit:g} minutes; long surveys lose respondents and answer quality."))
    tolerance = float(options.get("stated_tolerance", 1.5))
    for index, question in enumerate(questions):
        lowered = question.text.lower()
        if "min" not in lowered and "sec" not in lowered:
            continue  # every stated length has a unit of minutes or seconds
        m = STATED.search(question.text)
        if m is None:
            continue
        raw = (m.group("n") or m.group("n2")).lower()
        unit = (m.group("u") or m.group("u2")).lower()
        stated = (int(raw) if raw.isdigit() else NUMBERS.get(raw, 0)) * (1 if unit.startswith("s") else 60)
        if stated and seconds > stated * tolerance:
            yield index, Hit(m.start(), m.end(), message=(
                f"The survey says it {m.group(0).strip()!r}, but reading and answering it takes about "
                f"{_minutes(seconds)}."))
        break
