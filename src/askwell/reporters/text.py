"""``--format text`` (default): ruff-style findings, the question with the span underlined,
the first rewrite (or the advice), each file's whole-survey findings, then a summary with the
run score, its band and the share of clean questions.  The nine core-value bars show only when
asked (``--values``) or when a value is below the run score, so pre-commit output stays short."""

from __future__ import annotations

import unicodedata

from askwell.model import BANDS, Finding, Question, QuestionResult, Report, empty_note
from askwell.reporters.common import ReporterBase, plural, score_detail, verdict
from askwell.rules.packs import Packs

COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "green": "32", "path": "1"}
BAR = 20
# Core values at or above this (band A) are left out of the summary unless --values asks.
GOOD = BANDS[0][0]


def _width(text: str) -> int:
    """Display width: wide (East Asian) characters take two cells, combining marks none."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


class TextReporter(ReporterBase):
    """Human output for a terminal or a log."""

    def __init__(self, color: bool = False, values: bool = False, packs: Packs | None = None) -> None:
        super().__init__(color, packs)
        self.values = values

    def _c(self, text: str, style: str) -> str:
        return f"\x1b[{COLORS[style]}m{text}\x1b[0m" if self.color else text

    def finding(self, text: str, line: int, f: Finding, whole: bool = False) -> list[str]:
        """The lines for one finding: header, the question with carets, the rewrite or advice."""
        scope = " (whole survey)" if whole else ""
        out = [f"{self._c(f'{f.line}:{f.column}:', 'dim')} {self._c(f.severity, f.severity)} "
               f"{self._c(f.rule, 'bold')}{scope} {f.message}"]
        gutter = " " * len(str(line))
        shown = "".join(" " if ch in "\t\r\n" or not ch.isprintable() else ch for ch in text)
        out.append(f"  {gutter} |")
        out.append(f"  {line} | {shown}")
        if f.choice is None and f.end > f.start:
            pad = _width(shown[: f.start])
            marks = "^" * max(_width(shown[f.start:f.end]), 1)
            out.append(f"  {gutter} | {' ' * pad}{self._c(marks, f.severity)}")
        better = f.better
        if better:
            out.append(f"  {gutter} = {self._c('try:', 'green')} {better}")
        return out

    def question_lines(self, r: QuestionResult) -> list[str]:
        """Every finding of one question, each with its source line."""
        lines: list[str] = []
        for f in r.findings:
            lines.extend(self.placed(r, f))
            lines.append("")
        return lines

    def placed(self, r: QuestionResult, f: Finding, whole: bool = False) -> list[str]:
        """One finding shown on its question (or answer option), with the path in front."""
        if f.choice is not None and 0 <= f.choice < len(r.question.choices):
            # A finding on an answer option shows that option, on its own line.
            block = self.finding(f"option: {r.question.choices[f.choice].text}", f.line, f, whole)
        else:
            block = self.finding(r.question.text, r.question.line, f, whole)
        block[0] = f"{self._c((f.path or r.question.path) + ':', 'path')}{block[0]}"
        return block

    def render(self, report: Report) -> str:
        lines: list[str] = []
        for note in report.notes:
            lines.append(self._c(f"note: {note}", "dim"))
        for e in report.errors:
            lines.append(f"{self._c(e.location() + ':', 'path')} {self._c('error', 'error')} input {e.message}")
        surveys = {s.path: s for s in report.surveys}
        shown: set[str] = set()
        results = report.results
        for i, r in enumerate(results):
            lines.extend(self.question_lines(r))
            path = r.question.path
            last_of_file = i + 1 == len(results) or results[i + 1].question.path != path
            if last_of_file and path in surveys and path not in shown:
                shown.add(path)
                lines.extend(self.whole_survey(surveys[path].findings))
        lines.extend(self.summary(report))
        return "\n".join(lines) + "\n"

    def whole_survey(self, found: tuple[tuple[Question, Finding], ...]) -> list[str]:
        """A file's survey-level findings under a 'whole survey' heading, after its questions."""
        if not found:
            return []
        out: list[str] = []
        for q, f in found:
            out.extend(self.placed(QuestionResult(q, (f,), 0.0), f, whole=True))
            out.append("")
        return out

    def summary(self, report: Report) -> list[str]:
        """Counts, the run score with its band and clean share, and the core values when they matter."""
        s = report.summary
        sev = s.by_severity
        out = [
            f"Found {plural(s.findings, 'finding')} ({sev['error']} error, {sev['warning']} warning, {sev['info']} info) "
            f"in {plural(s.questions, 'question')} from {plural(s.files, 'file')}.",
        ]
        if report.errors:
            out.append(self._c(f"{plural(len(report.errors), 'file')} could not be read.", "error"))
        note = empty_note(report)
        if note:
            out.append(self._c(note, "bold"))
        if s.score is not None:
            out.append(f"Score: {self._c(f'{s.score:.1f}', 'bold')}/100 {score_detail(report)}")
            # A value counts a subset of the run's findings, so it never scores below the run: the
            # bars shown unasked are the values outside the top band, the ones that stand out.
            low = {vid: v for vid, v in s.values.items() if v < GOOD}
            chosen = s.values if self.values else low
            if chosen:
                names = self.packs.value_names()
                width = max(len(names.get(v, v)) for v in chosen)
                if not self.values:
                    out.append(f"Core values below {GOOD:g} (all of them with --values):")
                for vid, score in chosen.items():
                    filled = round(score / 100 * BAR)
                    bar = self._c("█" * filled, "green") + self._c("░" * (BAR - filled), "dim")
                    out.append(f"  {names.get(vid, vid):<{width}}  {bar} {score:5.1f}")
        outcome = verdict(report)
        out.append(f"Result: {self._c(outcome.text(), 'green' if outcome.passed else 'error')}")
        return out
