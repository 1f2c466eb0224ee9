"""survey-length (survey scope): a survey that takes longer than respondents will give it.

The estimate adds, for every item, the time to read its text and options
(``words_per_minute``, 238 by default: the mean silent reading rate for
non-fiction in Brysbaert's 2019 meta-analysis) and the time to answer it
(``seconds_closed``, 5 s by default, which with the reading time puts an ordinary
closed item near the ~10 s Pew Research Center measured; ``seconds_open``, 40 s,
an assumption for a written answer, which Pew notes can take minutes; and
``seconds_short``, 10 s, for an open box that asks for a fact such as a number, a
year or a name, and for items of unknown type in plain drafts).
Only what one respondent sees is counted: a matrix stem is read but not
answered, options shared by consecutive items (a grid) are read once, adjacent
branches ("If yes, …" / "If no, …", or sections under such conditions) count
only the longest, and a question bank counts one item.  An item is priced as a
written answer only when it asks for words: an item with options, or a statement
to rate whose options the file omits, is a closed answer whatever its type.
Above ``max_minutes`` (15, the cap Pew puts on its online panel surveys) the
first item gets the finding (survey-scope findings are placed on a question).  A survey that states its own length ("takes about
2 minutes") is also held to it: when the estimate exceeds the stated time by more
than ``stated_tolerance`` (1.5×), the statement gets a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.rules.kinds import Folded
from askwell.analysis.options import CLOSED_TYPES, is_open

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60, "a": 1}
STATED = Folded(re.compile(
    r"\b(?:takes?|taking|will take|should take|lasts?|complete(?:d)? in|in)\s+(?:only\s+|just\s+)?"
    r"(?:about|around|approximately|roughly|less than|under|up to|no more than|only|just)?\s*"
    r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|sixty|a)"
    r"[\s-]*(?P<u>seconds?|secs?|minutes?|mins?)\b"
    r"|\b(?P<n2>\d+|one|two|three|five|ten|fifteen|twenty|thirty)[\s-](?P<u2>second|minute)\s+"
    r"(?:survey|questionnaire|form|poll|check-in)\b",
    re.IGNORECASE))


# Open boxes that ask for a fact, not for writing: a count, a year, a name, an identifier.
SHORT = re.compile(
    r"^\W*(?:approximately\s+|roughly\s+)?how (?:many|much|long|old)\b|^\W*(?:in )?(?:what|which) (?:year|month|date|"
    r"country|city|town|language)\b|^\W*(?:when|where)\b|^\W*what is (?:your|the) (?:name|e-?mail|age|job title|"
    r"identifier|id|number|postcode|zip)\b|\bidentifier\b|\b(?:enter|type|copy)\b[^.?]*\b(?:name|number|code|id|"
    r"identifier|e-?mail)\b",
    re.IGNORECASE)
# Words that invite a written answer even without a question mark ("Describe…", "Please tell us…").
WRITE = Folded(re.compile(r"\b(?:describe|explain|tell us|tell me|comment|comments|list|share|suggest|suggestions|"
                          r"say|write|feedback|elaborate|give (?:an |some )?examples?|why)\b", re.IGNORECASE))
# A row of a grid ("…the following tasks? Write a function"): rated on the grid's scale.
GRID_ROW = re.compile(r"\b(?:the following|these)\s+(?:\w+\s+)?(?:topics|tasks|statements|items|skills|tools|areas|"
                      r"aspects|activities)\b", re.IGNORECASE)
# Conditions that show an item or a section to some respondents only.
CONDITION = re.compile(r"^\W*(?:if\s+(?:yes|no|not|so|other|you\s+(?:answered|chose|selected|ticked|checked|said|"
                       r"responded|are|were|have|had|did|do|work|teach|use|attended))\b[^,:?]*|only (?:for|if)\b[^,:?]*|"
                       r"for (?:those|people|respondents|anyone|everyone) who\b[^,:?]*|(?:branch|path|route|version)"
                       r"\s+\w+)", re.IGNORECASE)
# A section from which each respondent sees one item (a question bank).
BANK = re.compile(r"\b(?:question )?bank\b|\b(?:question )?pool\b|\b(?:one|an item) (?:is )?(?:shown|drawn|chosen) at "
                  r"random\b", re.IGNORECASE)


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "too-long": ("duration", "words", "closed", "open", "limit"),
    "longer-than-stated": ("stated", "duration"),
}


def answer_seconds(question: Question, options: dict[str, Any], typed: bool = True) -> tuple[float, str]:
    """Seconds to answer one item, and its kind: closed, short (a fact in a box) or open (writing).

    Only an item that asks for words is priced as writing: an item with options, or a
    statement to rate whose options the file does not give ("The pace was right"), is a
    closed answer, whatever its type says.  In a file that types nothing (``typed`` false:
    no options, no closed type, as in a column key or a plain draft) "open" is only the
    format's default, so an item counts as writing only when its words ask for it.
    """
    closed = float(options.get("seconds_closed", 5))
    if question.choices or not is_open(question):
        return closed, "closed"
    text = question.text
    if "?" not in text and not WRITE.search(text):
        return closed, "closed"
    if question.type == "unknown" or not typed:
        if GRID_ROW.search(text):
            return closed, "closed"
        return (float(options.get("seconds_open", 40)), "open") if WRITE.search(text) and not SHORT.search(text) \
            else (float(options.get("seconds_short", 10)), "short")
    if SHORT.search(text):
        return float(options.get("seconds_short", 10)), "short"
    return float(options.get("seconds_open", 40)), "open"


def typed_file(questions: tuple[Question, ...]) -> bool:
    """Whether any item carries options or a closed type: then "open" means a written answer."""
    return any(q.choices or q.type in CLOSED_TYPES for q in questions)


def group_stems(questions: tuple[Question, ...]) -> set[int]:
    """Items that only introduce the rows after them (a matrix or grid stem): read, not answered.

    A stem is named as the section of the rows that follow it (SurveyJS and Qualtrics
    matrices), or its id is the prefix of theirs ("q12" before "q12.1").
    """
    stems = set()
    for i, (stem, row) in enumerate(zip(questions, questions[1:])):
        by_section = row.section is not None and row.section.strip() == stem.text.strip()
        by_id = bool(stem.id) and bool(row.id) and str(row.id).startswith(f"{stem.id}.")
        if by_section or by_id:
            stems.add(i)
    return stems


@dataclass(frozen=True)
class Cost:
    """What one item costs a respondent who sees it."""

    seconds: float
    words: int
    kind: str    # closed | short | open | stem


def item_costs(questions: tuple[Question, ...], options: dict[str, Any]) -> list[Cost]:
    """Reading and answering time per item.  Options shared with the item before (a grid's
    scale, a matrix's columns) are read once; a group stem is read but not answered."""
    wpm = float(options.get("words_per_minute", 238))
    stems = group_stems(questions)
    typed = typed_file(questions)
    costs = []
    for i, q in enumerate(questions):
        shared = i > 0 and bool(q.choices) and [c.text for c in q.choices] == [c.text for c in questions[i - 1].choices]
        words = len(q.text.split()) + (0 if shared else sum(len(c.text.split()) for c in q.choices))
        seconds, kind = (0.0, "stem") if i in stems else answer_seconds(q, options, typed)
        costs.append(Cost(words / wpm * 60 + seconds, words, kind))
    return costs


def _branch(question: Question) -> tuple[str, str] | None:
    """('bank', section), ('path', condition) or None: what decides whether a respondent sees the item."""
    section = (question.section or "").strip()
    if section and BANK.search(section):
        return "bank", section
    if section and CONDITION.match(section):
        return "path", section.lower()
    m = CONDITION.match(question.text)
    return ("path", " ".join(m.group(0).lower().split())) if m else None


def seen(questions: tuple[Question, ...], costs: list[Cost]) -> list[int]:
    """Indices of the items on the longest path through the survey.

    Adjacent items or sections under different conditions ("If yes, …", "If no, …") are
    alternatives: only the costlier path counts.  Items under the same condition are on
    one path and add up.  A question bank contributes its costliest item, not all of them.
    """
    out: list[int] = []
    i = 0
    while i < len(questions):
        key = _branch(questions[i])
        if key is None:
            out.append(i)
            i += 1
            continue
        j = i
        while j < len(questions) and (_branch(questions[j]) or ("", ""))[0] == key[0]:
            j += 1
        run = range(i, j)
        if key[0] == "bank":
            out.append(max(run, key=lambda k: costs[k].seconds))
        else:
            paths: dict[str, list[int]] = {}
            for k in run:
                paths.setdefault(_branch(questions[k])[1], []).append(k)  # type: ignore[index]
            out += max(paths.values(), key=lambda ks: sum(costs[k].seconds for k in ks))
        i = j
    return sorted(out)


def estimate(questions: tuple[Question, ...], options: dict[str, Any]) -> tuple[float, int, int, int]:
    """(seconds, words, closed or short items, written answers) for a respondent on the longest path."""
    costs = item_costs(questions, options)
    counted = [costs[i] for i in seen(questions, costs)]
    answered = [c for c in counted if c.kind != "stem"]
    n_open = sum(1 for c in answered if c.kind == "open")
    return sum(c.seconds for c in counted), sum(c.words for c in counted), len(answered) - n_open, n_open


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
        yield 0, Hit.saying("too-long", 0, len(questions[0].text), duration=_minutes(seconds), words=words,
                            closed=n_closed, open=n_open, limit=limit)
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
            yield index, Hit.saying("longer-than-stated", m.start(), m.end(), stated=m.group(0).strip(),
                                    duration=_minutes(seconds))
        break
