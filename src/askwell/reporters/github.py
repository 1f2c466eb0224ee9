"""``--format github``: GitHub Actions workflow commands, so findings show as annotations on the lines."""

from __future__ import annotations

from askwell.model import FileError, Finding, Report

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


class GithubReporter:
    """One annotation per finding and input error, then a plain summary line."""

    def __init__(self, color: bool = False) -> None:
        self.color = color

    @staticmethod
    def finding(path: str, f: Finding) -> str:
        """The workflow command for one finding; the suggestion goes on a second line of the message."""
        message = f.message.strip() + (f"\nSuggestion: {f.suggestion.strip()}" if f.suggestion else "")
        props = {"file": path, "line": f.line, "col": f.column, "endLine": f.end_line, "endColumn": f.end_column,
                 "title": f"askwell {f.rule}"}
        return command(COMMANDS[f.severity], props, message)

    @staticmethod
    def error(e: FileError) -> str:
        """The workflow command for an input that could not be read."""
        return command("error", {"file": e.path, "line": e.line, "col": e.column, "title": "askwell input error"},
                       e.message)

    def render(self, report: Report) -> str:
        lines = [self.error(e) for e in report.errors]
        lines += [self.finding(f.path or r.question.path, f) for r in report.results for f in r.findings]
        s = report.summary
        sev = s.by_severity
        summary = (f"askwell: {s.findings} finding{'s' if s.findings != 1 else ''} ({sev.get('error', 0)} error, "
                   f"{sev.get('warning', 0)} warning, {sev.get('info', 0)} info) in {s.questions} "
                   f"question{'s' if s.questions != 1 else ''} from {s.files} file{'s' if s.files != 1 else ''}; "
                   f"score {s.score:.1f}/100")
        if report.errors:
            summary += f"; {len(report.errors)} input error{'s' if len(report.errors) != 1 else ''}"
        lines.append(summary + ".")
        return "\n".join(lines) + "\n"
