"""``--format markdown``: a report for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment.

The verdict comes first, then the score with its band, one row per survey, the findings about
whole surveys, and the findings per file (errors first, with the question they are about).
GitHub refuses comments and step summaries over 65,536 characters, so the report stays under
``LIMIT``: when everything does not fit, errors are listed first and what is left out is counted.
GitHub-flavoured Markdown only; the one HTML used is ``<details>``/``<summary>`` to fold tables.
"""

from __future__ import annotations

import html
import re

from askwell.model import RANK, Finding, Question, Report, band, empty_note
from askwell.reporters.common import ReporterBase, display_path, plural, score_line, shorten, verdict

# GitHub's limit is 65,536 characters; stay clear of it (multi-byte characters, a bot's footer).
LIMIT = 60_000
# Files with more findings than this get their table folded into <details>.
FOLD_AFTER = 10
QUESTION_WIDTH = 50
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")
_NEWLINES = re.compile(r"\s*(?:\r\n|\r|\n)\s*")
HEADER = ["| Line:Col | Severity | Rule | Question | Message | Suggestion |", "| --- | --- | --- | --- | --- | --- |"]


def escape_inline(text: str) -> str:
    """Text that renders literally inside a Markdown paragraph or table cell (one line, no markup)."""
    return _SPECIAL.sub(r"\\\1", _NEWLINES.sub(" ", text.strip()))


def row(question: Question, f: Finding) -> str:
    """One finding as a table row: position, severity, rule, the question (shortened), message, suggestion."""
    where = f"{display_path(f.path)}:" if f.path else ""
    about = question.choices[f.choice].text if f.choice is not None and 0 <= f.choice < len(question.choices) else ""
    text = shorten(question.text, QUESTION_WIDTH) + (f" → option “{shorten(about, 25)}”" if about else "")
    return (f"| {where}{f.line}:{f.column} | {f.severity} | `{f.rule}` | {escape_inline(text)} "
            f"| {escape_inline(f.message)} | {escape_inline(f.better or '')} |")


class MarkdownReporter(ReporterBase):
    """Verdict, score, surveys, whole-survey findings, findings per file and input errors, as GitHub Markdown."""

    def head(self, report: Report) -> list[str]:
        """Heading, verdict, the run score with band and clean share, counts, and the core values."""
        s = report.summary
        sev = s.by_severity
        out = ["## askwell report", ""]
        outcome = verdict(report)
        out += [f"**{'✅ Passes' if outcome.passed else '❌ Fails'}** — {escape_inline(outcome.reason)}", ""]
        counts = ", ".join(f"{sev.get(k, 0)} {k}" for k in ("error", "warning", "info"))
        line = (f"**Score: {escape_inline(score_line(report))}** · {plural(s.findings, 'finding')} ({counts}) "
                f"in {plural(s.questions, 'question')} from {plural(s.files, 'file')}")
        if report.errors:
            line += f" · {plural(len(report.errors), 'input error')}"
        out.append(line)
        note = empty_note(report)
        if note:
            out += ["", f"> {escape_inline(note)}"]
        if s.values:
            names = self.packs.value_names()
            lowest = min(s.values, key=lambda v: s.values[v])
            out += ["", "<details>", f"<summary>Core values (lowest: {html.escape(names.get(lowest, lowest))} "
                    f"{s.values[lowest]:.1f})</summary>", "", "| Core value | Score |", "| --- | ---: |"]
            out += [f"| {escape_inline(names.get(vid, vid))} | {score:.1f} |" for vid, score in s.values.items()]
            out += ["", "</details>"]
        return out

    @staticmethod
    def surveys(report: Report) -> list[str]:
        """One row per file: score, band, questions, clean, and findings by severity."""
        if len(report.surveys) < 2 and not any(s.findings for s in report.surveys):
            return []
        counts: dict[str, dict[str, int]] = {}
        for r in report.results:
            per = counts.setdefault(r.question.path, {"error": 0, "warning": 0, "info": 0})
            for f in r.findings:
                per[f.severity] += 1
        for path, _, f in report.survey_findings():
            counts.setdefault(path, {"error": 0, "warning": 0, "info": 0})[f.severity] += 1
        out = ["", "### Surveys", "", "| File | Score | Questions | Clean | Errors | Warnings | Info |",
               "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for s in report.surveys:
            graded = band(s.score)
            score = f"{s.score:.1f} ({graded[0]})" if s.score is not None and graded else "–"
            c = counts.get(s.path, {"error": 0, "warning": 0, "info": 0})
            title = f" — {escape_inline(s.title)}" if s.title else ""
            out.append(f"| `{display_path(s.path)}`{title} | {score} | {s.questions} | {s.clean} | {c['error']} "
                       f"| {c['warning']} | {c['info']} |")
        return out

    @staticmethod
    def whole(report: Report) -> list[str]:
        """Findings about whole surveys (length, closing question), apart from the questions."""
        found = report.survey_findings()
        if not found:
            return []
        out = ["", "### Whole survey", "", "| File | Severity | Rule | Message | Suggestion |", "| --- | --- | --- | --- | --- |"]
        for path, _, f in sorted(found, key=lambda item: RANK[item[2].severity]):
            out.append(f"| `{display_path(path)}` | {f.severity} | `{f.rule}` | {escape_inline(f.message)} "
                       f"| {escape_inline(f.better or '')} |")
        return out

    @staticmethod
    def section(path: str, rows: list[str], report: Report, total: int) -> list[str]:
        """A file's heading and its table; long ones folded."""
        score = report.summary.file_scores.get(path)
        label = f"{display_path(path)} — {plural(total, 'finding')}" + (f", score {score:.1f}" if score is not None else "")
        if len(rows) > FOLD_AFTER:
            return ["", "<details>", f"<summary>{html.escape(label)}</summary>", "", *HEADER, *rows, "", "</details>"]
        return ["", f"#### {escape_inline(label)}", "", *HEADER, *rows]

    def findings(self, report: Report, budget: int) -> list[str]:
        """The findings per file; if they do not fit in ``budget`` characters, errors first and the rest counted."""
        per_file: dict[str, list[tuple[Question, Finding]]] = {}
        for r in report.results:
            per_file.setdefault(r.question.path, []).extend((r.question, f) for f in r.findings)
        rows = {path: [row(q, f) for q, f in sorted(pairs, key=lambda p: RANK[p[1].severity])]
                for path, pairs in per_file.items() if pairs}
        full = [line for path, rs in rows.items() for line in self.section(path, rs, report, len(rs))]
        if sum(len(x) + 1 for x in full) <= budget:
            return full
        # Too long: take rows in order of severity across all files while they fit, then count the rest.
        ranked = sorted(((RANK[f.severity], path, i, f) for path, pairs in per_file.items()
                         for i, (_, f) in enumerate(sorted(pairs, key=lambda p: RANK[p[1].severity]))),
                        key=lambda item: item[0])
        chosen: dict[str, list[int]] = {}
        used = 0
        left: dict[str, int] = {"error": 0, "warning": 0, "info": 0}
        for _, path, i, f in ranked:
            cost = len(rows[path][i]) + 1 + (0 if path in chosen else 400)  # a new file adds its heading and header
            if used + cost <= budget - 600 and not any(left.values()):
                chosen.setdefault(path, []).append(i)
                used += cost
            else:
                left[f.severity] += 1
        out: list[str] = []
        for path in rows:
            if path in chosen:
                out += self.section(path, [rows[path][i] for i in sorted(chosen[path])], report, len(rows[path]))
        counted = ", ".join(f"{n} {sev}" for sev, n in left.items() if n)
        out += ["", f"**{sum(left.values())} more findings not listed** ({counted}): the report stays under "
                "GitHub's 65,536-character limit. Run `askwell check` locally or use `--format html` or "
                "`--format sarif` for every finding."]
        return out

    def render(self, report: Report) -> str:
        lines = self.head(report) + self.surveys(report) + self.whole(report)
        if report.errors:
            lines += ["", "### Input errors", ""]
            lines += [f"- {escape_inline(display_path(e.path))}{escape_inline(e.location()[len(e.path):])}: "
                      f"{escape_inline(e.message)}" for e in report.errors]
        if report.notes:
            lines += ["", "### Notes", ""] + [f"- {escape_inline(n)}" for n in report.notes]
        lines += ["", "### Findings"]
        budget = LIMIT - sum(len(x) + 1 for x in lines)
        body = self.findings(report, budget)
        lines += body if body else ["", "No findings on questions." if report.survey_findings() else "No findings."]
        text = "\n".join(lines) + "\n"
        if len(text) > LIMIT:  # only the fixed parts can still overflow (thousands of input errors)
            text = text[: LIMIT - 200].rsplit("\n", 1)[0] + "\n\n**Report cut here at GitHub's size limit.**\n"
        return text
