"""``--format markdown``: a report for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment.

GitHub-flavoured Markdown only; the one HTML used is ``<details>``/``<summary>`` to fold
long per-file tables.
"""

from __future__ import annotations

import html
import re

from askwell.model import QuestionResult, Report
from askwell.rules.packs import value_names

# Files with more findings than this get their table folded into <details>.
FOLD_AFTER = 10
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")
_NEWLINES = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def escape_inline(text: str) -> str:
    """Text that renders literally inside a Markdown paragraph or table cell (one line, no markup)."""
    return _SPECIAL.sub(r"\\\1", _NEWLINES.sub(" ", text.strip()))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _by_file(report: Report) -> dict[str, list[QuestionResult]]:
    files: dict[str, list[QuestionResult]] = {}
    for r in report.results:
        files.setdefault(r.question.path, []).append(r)
    return files


class MarkdownReporter:
    """Summary, per-value scores, findings per file and input errors, as GitHub Markdown."""

    def __init__(self, color: bool = False) -> None:
        self.color = color

    def head(self, report: Report) -> list[str]:
        """Heading, run score, counts by severity and the per-value table."""
        s = report.summary
        sev = s.by_severity
        counts = ", ".join(f"{sev.get(k, 0)} {k}" for k in ("error", "warning", "info"))
        out = ["## askwell report", "",
               f"**Score: {s.score:.1f}/100** · {_plural(s.findings, 'finding')} ({counts}) "
               f"in {_plural(s.questions, 'question')} from {_plural(s.files, 'file')}"]
        if report.errors:
            out[-1] += f" · {_plural(len(report.errors), 'input error')}"
        if s.values:
            names = value_names()
            out += ["", "| Core value | Score |", "| --- | ---: |"]
            out += [f"| {escape_inline(names.get(vid, vid))} | {score:.1f} |" for vid, score in s.values.items()]
        return out

    @staticmethod
    def table(results: list[QuestionResult]) -> list[str]:
        """The findings of one file, one row each."""
        out = ["| Line:Col | Severity | Rule | Message | Suggestion |", "| --- | --- | --- | --- | --- |"]
        for r in results:
            for f in r.findings:
                where = f"{f.path}:" if f.path else ""
                out.append(f"| {where}{f.line}:{f.column} | {f.severity} | `{f.rule}` | {escape_inline(f.message)} "
                           f"| {escape_inline(f.suggestion or '')} |")
        return out

    def files(self, report: Report) -> list[str]:
        """A section per file with findings; long ones folded."""
        out: list[str] = []
        for path, results in _by_file(report).items():
            n = sum(len(r.findings) for r in results)
            if not n:
                continue
            score = report.summary.file_scores.get(path)
            label = f"{path} — {_plural(n, 'finding')}" + (f", score {score:.1f}" if score is not None else "")
            if n > FOLD_AFTER:
                out += ["", "<details>", f"<summary>{html.escape(label)}</summary>", "", *self.table(results), "",
                        "</details>"]
            else:
                out += ["", f"#### {escape_inline(label)}", "", *self.table(results)]
        return out

    def render(self, report: Report) -> str:
        lines = self.head(report)
        if report.errors:
            lines += ["", "### Input errors", ""]
            lines += [f"- {escape_inline(e.location())}: {escape_inline(e.message)}" for e in report.errors]
        if report.notes:
            lines += ["", "### Notes", ""] + [f"- {escape_inline(n)}" for n in report.notes]
        lines += ["", "### Findings"]
        body = self.files(report)
        lines += body if body else ["", "No findings."]
        return "\n".join(lines) + "\n"
