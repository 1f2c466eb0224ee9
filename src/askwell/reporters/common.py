"""What several reporters share: the verdict, display paths, ordering, shortened text, binary positions."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath

from askwell.model import Finding, Question, Report, RunInfo, band
from askwell.rules.packs import Packs, load_packs
from askwell.sources.xlsx import column_letters

# Files whose line and column are a spreadsheet row and column, not a place in text.
BINARY_SUFFIXES = (".xlsx", ".xlsm")


class ReporterBase:
    """What every reporter is built with: colour, and the run's rule packs (for names and rule docs)."""

    def __init__(self, color: bool = False, packs: Packs | None = None) -> None:
        self.color = color
        self._given_packs = packs

    @cached_property
    def packs(self) -> Packs:
        """The packs the run used; a caller that gave none (a library user, a test) gets them parsed once here."""
        return self._given_packs or load_packs()


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class Verdict:
    """Whether the run passes its ``fail_on``/``fail_under``, and why, in a phrase."""

    passed: bool
    reason: str

    def text(self) -> str:
        """'passes (fail_on: error)' or 'fails: 3 findings at error (fail_on: error)'."""
        return f"passes ({self.reason})" if self.passed else f"fails: {self.reason}"


def verdict(report: Report) -> Verdict:
    """The run's pass/fail, decided as the exit code decides it (the default limits when the run's are unknown)."""
    run = report.run or RunInfo()
    if report.errors:
        return Verdict(False, f"{plural(len(report.errors), 'input')} could not be read")
    reasons = []
    if run.fail_on != "never":
        failing = report.at_or_above(run.fail_on)
        if failing:
            level = run.fail_on if run.fail_on == "error" else f"{run.fail_on} or worse"
            reasons.append(f"{plural(failing, 'finding')} at {level} (fail_on: {run.fail_on})")
    score = report.summary.score
    if score is not None and score < run.fail_under:
        reasons.append(f"score {score:.1f} is under {run.fail_under:g} (fail_under)")
    if reasons:
        return Verdict(False, "; ".join(reasons))
    return Verdict(True, f"fail_on: {run.fail_on}" + (f", fail_under: {run.fail_under:g}" if run.fail_under else ""))


def score_detail(report: Report) -> str:
    """'(C, needs work) · 7 of 10 questions clean (70%)': what goes beside the number."""
    s = report.summary
    graded = band(s.score)
    if graded is None:
        return ""
    share = round(100 * s.clean / s.questions) if s.questions else 0
    return f"({graded[0]}, {graded[1]}) · {s.clean} of {plural(s.questions, 'question')} clean ({share}%)"


def score_line(report: Report) -> str:
    """'66.0/100 (C, needs work) · 7 of 10 questions clean (70%)', or the no-score phrase."""
    if report.summary.score is None:
        return "no score (no questions read)"
    return f"{report.summary.score:.1f}/100 {score_detail(report)}"


def display_path(path: str, root: str | None = None) -> str:
    """``path`` relative to ``root`` (default: the working directory) when it lies inside it, with '/'."""
    pure = PurePath(path)
    if not pure.is_absolute():
        return pure.as_posix()
    try:
        rel = os.path.relpath(path, root or os.getcwd())
    except ValueError:  # another drive on Windows
        return pure.as_posix()
    return PurePath(rel).as_posix() if not rel.startswith("..") else pure.as_posix()


def shorten(text: str, width: int = 60) -> str:
    """One line of at most ``width`` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut[width // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def is_binary(path: str) -> bool:
    """True for files where a line and column are a spreadsheet cell (.xlsx)."""
    return path.lower().endswith(BINARY_SUFFIXES)


def cell(question: Question, finding: Finding) -> str:
    """Where an .xlsx finding is, as a spreadsheet names it: 'survey!C4' (answer options: 'choices!…')."""
    if finding.choice is not None and 0 <= finding.choice < len(question.choices):
        choice = question.choices[finding.choice]
        if choice.line and choice.column:
            return f"choices!{column_letters(choice.column)}{choice.line}"
    return f"survey!{column_letters(question.column)}{question.line}"
