"""The data model every stage shares: frozen dataclasses, no behaviour beyond lookups.

Data flows one way: sources build ``Question`` objects, rules yield ``Hit`` objects
that the engine turns into ``Finding`` objects, scoring turns findings into
``QuestionResult`` and ``Report`` objects, and reporters render a ``Report``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
# 0 for the worst severity: sort by it, or compare with a limit such as fail_on.
RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
QUESTION_TYPES: tuple[str, ...] = ("open", "single", "multiple", "scale", "yes-no", "unknown")
CATEGORIES: tuple[str, ...] = (
    "leading",
    "double-barreled",
    "closed",
    "jargon",
    "length",
    "vague",
    "negative",
    "absolute",
    "hypothetical",
    "sensitive",
    "inclusive",
    "dismissive",
    "response-options",
    "structure",
)


@dataclass(frozen=True, slots=True)
class Segment:
    """From text offset ``offset`` on, characters sit at ``line``/``column`` + (i - offset)."""

    offset: int
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps a character offset in a question's text back to a 1-based file line and column.

    A question's text may be stitched together from several source lines (soft line
    breaks, markup removed); each piece is one ``Segment``.  Offsets between
    segments belong to the segment that starts at or before them.
    """

    segments: tuple[Segment, ...]
    # The segments' offsets, kept for bisecting: a whole file's map is looked up many times.
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.offset for s in self.segments))

    @classmethod
    def at(cls, line: int, column: int) -> "OffsetMap":
        """A map for text that sits verbatim on one line from ``line``:``column``."""
        return cls((Segment(0, line, column),))

    @classmethod
    def of_lines(cls, text: str) -> "OffsetMap":
        """A map for a whole file's text (line breaks already ``\n``): one segment per line."""
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        return cls(tuple(Segment(start, number, 1) for number, start in enumerate(starts, 1)))

    @classmethod
    def of_indices(cls, indices: Sequence[int | None], text: str, lines: "OffsetMap", fallback: int) -> "OffsetMap":
        """A map for a piece of a file's ``text`` whose character i was read from ``text[indices[i]]``.

        ``lines`` is the file's own map (``of_lines(text)``).  ``None`` marks a character
        nothing in the file stands for (a folded line break): it is counted on from the
        character before it.  A new segment starts wherever the indices jump or pass a
        line break; with no index at all the piece sits at ``fallback``.  The YAML, CSV
        and JSON sources map their strings with it.
        """
        segments: list[Segment] = []
        prev: int | None = None
        for i, index in enumerate(indices):
            if index is None:
                continue
            if prev is None or index != prev + 1 or text[prev] == "\n":
                line, column = lines.position(index)
                segments.append(Segment(i, line, column))
            prev = index
        if not segments:
            line, column = lines.position(fallback)
            segments.append(Segment(0, line, column))
        elif segments[0].offset != 0:
            # Leading characters without a place: count them back from the first that has one.
            first = segments[0]
            segments[0] = Segment(0, first.line, max(first.column - first.offset, 1))
        return cls(tuple(segments))

    def position(self, index: int) -> tuple[int, int]:
        """Return (line, column) of character ``index`` of the text (1-based).

        The one place askwell turns a character offset into a file position: sources map
        whole files and pieces of them with it, findings are placed with it.
        """
        k = max(bisect_right(self._starts, index) - 1, 0)
        seg = self.segments[k]
        return seg.line, seg.column + max(index - seg.offset, 0)


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer option, with its position in the file when known."""

    text: str
    line: int | None = None
    column: int | None = None
    # The file the option is written in, when it is not the question's own (an XLSForm
    # survey.csv keeps its options in choices.csv).
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Suppression:
    """An inline suppression comment that applies to a question: which rules, and where it is written.

    ``rules`` holds rule ids or categories; empty means every rule.
    """

    rules: frozenset[str]
    line: int
    column: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    """One item to lint: its text, where it came from, and what the source knows of it."""

    text: str
    path: str
    line: int
    column: int
    offsets: OffsetMap
    id: str | None = None
    type: str = "unknown"
    choices: tuple[Choice, ...] = ()
    title: str | None = None
    section: str | None = None
    required: bool | None = None
    # Rule ids or categories suppressed for this question (survey ``ignore:`` lists,
    # inline comments); "all" suppresses everything.
    ignore: frozenset[str] = frozenset()
    # Character spans of ``text`` that are not prose (inline code, template tags):
    # findings that overlap them are dropped.
    masked: tuple[tuple[int, int], ...] = ()
    # Inline suppression comments that cover this question (line, block and file forms).
    suppressions: tuple[Suppression, ...] = ()

    def position(self, index: int) -> tuple[int, int]:
        """File (line, column) of character ``index`` of ``text``."""
        return self.offsets.position(index)


@dataclass(frozen=True, slots=True)
class Fix:
    """A text edit inside a question's text that is safe to apply mechanically."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule's check yields: a span and, optionally, a tailored message, advice or rewrites.

    ``choice`` is the index of the answer option the hit is about, if any; then
    ``start``/``end`` are offsets in that option's text.
    """

    start: int
    end: int
    message: str | None = None
    suggestion: str | None = None
    fix: Fix | None = None
    choice: int | None = None
    # Whole questions that would fix the problem, best first; the engine verifies them.
    rewrites: tuple[str, ...] = ()
    # A message variant of the rule's YAML ``messages:`` and the values its template fills,
    # as (name, value) pairs; the engine builds the message (askwell.rules.messages).
    variant: str | None = None
    fields: tuple[tuple[str, str | int | float], ...] = ()

    @classmethod
    def saying(cls, variant: str, start: int, end: int, *, choice: int | None = None,
               suggestion: str | None = None, rewrites: tuple[str, ...] = (),
               **fields: str | int | float) -> "Hit":
        """A hit whose message is the rule's template ``variant`` filled with ``fields``."""
        return cls(start, end, suggestion=suggestion, choice=choice, rewrites=rewrites, variant=variant,
                   fields=tuple(sorted(fields.items())))


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's hit on a question, with everything a reporter needs to show it."""

    rule: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    values: tuple[str, ...]
    suggestion: str | None = None
    fix: Fix | None = None
    choice: int | None = None
    # Set only when the finding lies in another file than its question (see Choice.path).
    path: str | None = None
    # Whole questions that fix the finding, best first, each linted again before it is offered.
    rewrites: tuple[str, ...] = ()
    # "survey" for a rule that judges the whole file (length, closing question): such a
    # finding counts against its survey, not against the question it is placed on.
    scope: str = "question"

    @property
    def better(self) -> str | None:
        """What to show as the fix: the first rewrite when there is one, else the advice."""
        return self.rewrites[0] if self.rewrites else self.suggestion


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """A question with the findings that survived policy and its score."""

    question: Question
    findings: tuple[Finding, ...]
    score: float


@dataclass(frozen=True, slots=True)
class FileError:
    """Input that could not be read or parsed; the run goes on without it."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def location(self) -> str:
        """``path:line:col`` with as much of the place as is known."""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass
class Context:
    """What a check may know beyond its question: the rest of its file and the run's vocabulary.

    ``memo`` lets a check compute something once per file (e.g. the acronyms a
    survey defines) instead of once per question.
    """

    path: str
    questions: tuple[Question, ...] = ()
    accept: frozenset[str] = frozenset()
    reject: tuple[str, ...] = ()
    audience: str = "learners"
    memo: dict[str, object] = field(default_factory=dict)


# Bands beside a score, as Lighthouse and SonarQube show them: (lowest score, letter, verdict).
BANDS: tuple[tuple[float, str, str], ...] = (
    (90.0, "A", "good"),
    (75.0, "B", "a few problems"),
    (60.0, "C", "needs work"),
    (40.0, "D", "poor"),
    (0.0, "E", "rewrite before use"),
)


def band(score: float | None) -> tuple[str, str] | None:
    """The letter and verdict for a score; None when there is no score."""
    if score is None:
        return None
    for lowest, letter, verdict in BANDS:
        if score >= lowest:
            return letter, verdict
    return BANDS[-1][1], BANDS[-1][2]


@dataclass(frozen=True, slots=True)
class SurveyResult:
    """One file judged as a survey: its score and the findings about the whole survey.

    ``findings`` pairs each survey-level finding with the question it is placed on
    (its position in the file), so tools that key on a question (baselines) still can.
    """

    path: str
    questions: int
    clean: int
    score: float | None
    values: dict[str, float]
    findings: tuple[tuple[Question, Finding], ...] = ()
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """Run-level counts and scores; ``score`` is None when no question was read."""

    files: int
    questions: int
    findings: int
    by_severity: dict[str, int]
    score: float | None
    values: dict[str, float]
    file_scores: dict[str, float] = field(default_factory=dict)
    # Questions with no finding at all.
    clean: int = 0

    @property
    def grade(self) -> tuple[str, str] | None:
        """The run score's letter and verdict."""
        return band(self.score)


@dataclass(frozen=True, slots=True)
class RunInfo:
    """How the run was set up, for reports that show it (pass/fail line, config, date)."""

    fail_on: str = "error"
    fail_under: float = 0.0
    config: str | None = None
    preset: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a reporter renders; built once per run."""

    results: tuple[QuestionResult, ...]
    errors: tuple[FileError, ...]
    summary: Summary
    notes: tuple[str, ...] = ()
    surveys: tuple[SurveyResult, ...] = ()
    run: RunInfo | None = None

    def survey_findings(self) -> list[tuple[str, Question, Finding]]:
        """Every survey-level finding as (file, question it is placed on, finding)."""
        return [(s.path, q, f) for s in self.surveys for q, f in s.findings]

    def at_or_above(self, severity: str) -> int:
        """How many findings, survey-level ones included, are at ``severity`` or worse."""
        limit = RANK[severity]
        return sum(1 for r in self.results for f in r.findings if RANK[f.severity] <= limit) + sum(
            1 for _, _, f in self.survey_findings() if RANK[f.severity] <= limit)

    def placed(self) -> list[QuestionResult]:
        """Question results with the survey-level findings put back on the questions they are placed on.

        For consumers that key findings on a question (baselines, the exit code).
        """
        extra: dict[int, list[Finding]] = {}
        for _, q, f in self.survey_findings():
            extra.setdefault(id(q), []).append(f)
        if not extra:
            return list(self.results)
        return [QuestionResult(r.question, r.findings + tuple(extra.get(id(r.question), ())), r.score)
                for r in self.results]

    def empty(self) -> bool:
        """True when the run read no question at all (nothing to score)."""
        return self.summary.questions == 0


def empty_note(report: Report) -> str | None:
    """The sentence every reporter shows when the run read no question, else None."""
    if not report.empty():
        return None
    if report.errors:
        return "No questions were read: the inputs could not be read (see the errors). Nothing was scored."
    return ("No questions found: nothing to lint (an empty folder, a page with no questions, or only "
            "file types askwell does not read). Nothing was scored.")
