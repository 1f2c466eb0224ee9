"""``--format github``: GitHub Actions workflow commands, so findings show as annotations on the lines.

Paths are relative to the working directory (the checkout), as annotations need; errors come
first, since GitHub shows only so many annotations per step. A line and column inside a binary
file (.xlsx) mean nothing to GitHub's file view, so those findings go on the file, with the
sheet and cell in the message. Whole-survey findings go on their file too.
"""

from __future__ import annotations

from askwell.model import RANK, FileError, Finding, Question, Report, empty_note
from askwell.reporters.common import ReporterBase, cell, display_path, is_binary, plural, score_line, verdict

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=…``, ``title=…``): data escaping plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    """``::name key=value,…::message`` with everything escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


class GithubReporter(ReporterBase):
    """One annotation per finding and input error, then a plain summary line."""

    @staticmethod
    def finding(path: str, f: Finding, question: Question | None = None, whole: bool = False) -> str:
        """The workflow command for one finding; the rewrite or advice goes on a second line of the message."""
        better = f.better
        message = f.message.strip() + (f"\nSuggestion: {better.strip()}" if better else "")
        title = f"askwell {f.rule}" + (" (whole survey)" if whole else "")
        shown = display_path(path)
        if is_binary(path):
            where = f"{cell(question, f)}: " if question is not None else ""
            return command(COMMANDS[f.severity], {"file": shown, "title": title}, where + message)
        props = {"file": shown, "line": f.line, "col": f.column, "endLine": f.end_line, "endColumn": f.end_column,
                 "title": title}
        return command(COMMANDS[f.severity], props, message)

    @staticmethod
    def error(e: FileError) -> str:
        """The workflow command for an input that could not be read."""
        binary = is_binary(e.path)
        return command("error", {"file": display_path(e.path), "line": None if binary else e.line,
                                 "col": None if binary else e.column, "title": "askwell input error"}, e.message)

    def render(self, report: Report) -> str:
        lines = [self.error(e) for e in report.errors]
        found = [(f.path or r.question.path, f, r.question, False) for r in report.results for f in r.findings]
        found += [(path, f, q, True) for path, q, f in report.survey_findings()]
        found.sort(key=lambda item: RANK[item[1].severity])  # stable: file order kept within a severity
        lines += [self.finding(path, f, q, whole) for path, f, q, whole in found]
        s = report.summary
        sev = s.by_severity
        summary = (f"askwell: {plural(s.findings, 'finding')} ({sev.get('error', 0)} error, "
                   f"{sev.get('warning', 0)} warning, {sev.get('info', 0)} info) in {plural(s.questions, 'question')} "
                   f"from {plural(s.files, 'file')}; score {score_line(report)}; {verdict(report).text()}")
        if report.errors:
            summary += f"; {plural(len(report.errors), 'input error')}"
        note = empty_note(report)
        if note:
            lines.append(command("warning", {"title": "askwell: no questions"}, note))
        lines.append(summary + ".")
        return "\n".join(lines) + "\n"
