"""``--format text`` (default): ruff-style findings, the question with the span underlined,
the suggestion, then a summary with the run score and a bar per core value."""

from __future__ import annotations

import unicodedata

from askwell.model import Finding, Report
from askwell.rules.packs import value_names

COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "green": "32", "path": "1"}
BAR = 20


def _width(text: str) -> int:
    """Display width: wide (East Asian) characters take two cells, combining marks none."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


class TextReporter:
    """Human output for a terminal or a log."""

    def __init__(self, color: bool = False) -> None:
        self.color = color

    def _c(self, text: str, style: str) -> str:
        return f"\x1b[{COLORS[style]}m{text}\x1b[0m" if self.color else text

    def finding(self, text: str, line: int, f: Finding) -> list[str]:
        """The lines for one finding: header, the question with carets, the suggestion."""
        out = [f"{self._c(f'{f.line}:{f.column}:', 'dim')} {self._c(f.severity, f.severity)} "
               f"{self._c(f.rule, 'bold')} {f.message}"]
        gutter = " " * len(str(line))
        shown = "".join(" " if ch in "\t\r\n" or not ch.isprintable() else ch for ch in text)
        out.append(f"  {gutter} |")
        out.append(f"  {line} | {shown}")
        if f.choice is None and f.end > f.start:
            pad = _width(shown[: f.start])
            marks = "^" * max(_width(shown[f.start:f.end]), 1)
            out.append(f"  {gutter} | {' ' * pad}{self._c(marks, f.severity)}")
        if f.suggestion:
            out.append(f"  {gutter} = {self._c('try:', 'green')} {f.suggestion}")
        return out

    def render(self, report: Report) -> str:
        lines: list[str] = []
        for note in report.notes:
            lines.append(self._c(f"note: {note}", "dim"))
        for e in report.errors:
            lines.append(f"{self._c(e.location() + ':', 'path')} {self._c('error', 'error')} input {e.message}")
        for r in report.results:
            for f in r.findings:
                if f.choice is not None and 0 <= f.choice < len(r.question.choices):
                    # A finding on an answer option shows that option, on its own line.
                    block = self.finding(f"option: {r.question.choices[f.choice].text}", f.line, f)
                else:
                    block = self.finding(r.question.text, r.question.line, f)
                block[0] = f"{self._c((f.path or r.question.path) + ':', 'path')}{block[0]}"
                lines.extend(block)
                lines.append("")
        lines.extend(self.summary(report))
        return "\n".join(lines) + "\n"

    def summary(self, report: Report) -> list[str]:
        """Counts, the run score and a bar per core value."""
        s = report.summary
        sev = s.by_severity
        plural = "s" if s.findings != 1 else ""
        out = [
            f"Found {s.findings} finding{plural} ({sev['error']} error, {sev['warning']} warning, {sev['info']} info) "
            f"in {s.questions} question{'s' if s.questions != 1 else ''} from {s.files} file{'s' if s.files != 1 else ''}.",
        ]
        if report.errors:
            out.append(self._c(f"{len(report.errors)} file{'s' if len(report.errors) != 1 else ''} could not be read.", "error"))
        if s.questions:
            out.append(f"Score: {self._c(f'{s.score:.1f}', 'bold')}/100")
            names = value_names()
            width = max(len(n) for n in names.values())
            for vid, score in s.values.items():
                filled = round(score / 100 * BAR)
                bar = self._c("█" * filled, "green") + self._c("░" * (BAR - filled), "dim")
                out.append(f"  {names.get(vid, vid):<{width}}  {bar} {score:5.1f}")
        return out
