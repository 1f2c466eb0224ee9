"""``--format sarif``: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, SARIF viewers).

Every rule from the packs is listed in ``tool.driver.rules`` (so ``ruleIndex`` does not
shift with what fired); unreadable inputs become tool execution notifications.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from askwell import __version__
from askwell.model import FileError, Finding, Question, QuestionResult, Report, band, empty_note
from askwell.reporters.markdown import escape_inline
from askwell.reporters.statistics import short_description
from askwell.reporters.common import ReporterBase
from askwell.rules.packs import Example, Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/askwell/"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Characters a URI path may carry as they are (RFC 3986 pchar minus ':', which would read as a scheme).
_URI_SAFE = "/!$&'()*+,;=@"


def artifact_location(path: str) -> dict[str, Any]:
    """A relative path stays relative to ``%SRCROOT%``; an absolute one becomes a file URI."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    # A file name that is not UTF-8 (lone surrogates) is quoted as the bytes it stands for.
    return {"uri": quote(pure.as_posix(), safe=_URI_SAFE, errors="surrogateescape"), "uriBaseId": "%SRCROOT%"}


def _example(ex: Example) -> str:
    return ex.text + (f" (choices: {' | '.join(ex.choices)})" if ex.choices else "")


def _pascal(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in rule_id.split("-"))


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """``reportingDescriptor`` for one rule, generated from its documentation fields."""
    bad, good = _example(rule.bad[0]), _example(rule.good[0])
    why, suggestion = rule.why.strip(), (rule.suggestion or "").strip()
    text = [why, "", f"Example: {bad}", f"Instead: {good}"]
    markdown = [escape_inline(why), "", f"Example: ✗ {escape_inline(bad)}", "",
                f"Instead: ✓ {escape_inline(good)}"]
    if suggestion:
        text += ["", f"Suggestion: {suggestion}"]
        markdown += ["", f"**Suggestion.** {escape_inline(suggestion)}"]
    return {
        "id": rule.id,
        "name": _pascal(rule.id),
        "shortDescription": {"text": short_description(rule.message)},
        "fullDescription": {"text": why},
        "help": {"text": "\n".join(text), "markdown": "\n".join(markdown)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category, *rule.values]},
    }


def fix_object(question: Question, finding: Finding) -> dict[str, Any] | None:
    """The finding's fix as a SARIF ``fix``, or None when it does not map to one stretch of one line."""
    fx = finding.fix
    if fx is None or finding.choice is not None or fx.end < fx.start:
        return None
    line, column = question.position(fx.start)
    end_line, end_column = line, column
    if fx.end > fx.start:
        end_line, last = question.position(fx.end - 1)
        end_column = last + 1
    if end_line != line or end_column - column != fx.end - fx.start:
        return None  # spans a line break or markup the text leaves out
    old = question.text[fx.start:fx.end]
    description = f'Replace "{old}" with "{fx.replacement}"' if fx.replacement else f'Delete "{old.strip()}"'
    return {
        "description": {"text": description},
        "artifactChanges": [{
            "artifactLocation": artifact_location(question.path),
            "replacements": [{
                "deletedRegion": {"startLine": line, "startColumn": column, "endLine": line, "endColumn": end_column},
                "insertedContent": {"text": fx.replacement},
            }],
        }],
    }


class SarifReporter(ReporterBase):
    """One SARIF log with one run."""

    def result(self, qr: QuestionResult, f: Finding, index: dict[str, int]) -> dict[str, Any]:
        """One ``result`` for one finding."""
        out: dict[str, Any] = {"ruleId": f.rule}
        if f.rule in index:
            out["ruleIndex"] = index[f.rule]
        # The first rewrite, else the advice; ``fixes`` below carries only safe edits (Finding.fix).
        better = f.better
        text = f.message.strip() + (f" Suggestion: {better.strip()}" if better else "")
        out["level"] = LEVELS[f.severity]
        out["message"] = {"text": text}
        region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
        out["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(f.path or qr.question.path),
                                                  "region": region}}]
        fix = fix_object(qr.question, f)
        if fix is not None:
            out["fixes"] = [fix]
        return out

    @staticmethod
    def notification(error: FileError) -> dict[str, Any]:
        """An unreadable input as an error-level tool execution notification."""
        physical: dict[str, Any] = {"artifactLocation": artifact_location(error.path)}
        if error.line is not None:
            physical["region"] = {"startLine": error.line}
            if error.column is not None:
                physical["region"]["startColumn"] = error.column
        return {"level": "error", "message": {"text": error.message}, "locations": [{"physicalLocation": physical}]}

    def log(self, report: Report) -> dict[str, Any]:
        """The whole SARIF log as plain data."""
        rules = self.packs.rules
        index = {rule.id: i for i, rule in enumerate(rules)}
        notifications = [self.notification(e) for e in report.errors]
        notifications += [{"level": "note", "message": {"text": note}} for note in report.notes]
        nothing = empty_note(report)
        if nothing:
            notifications.append({"level": "warning", "message": {"text": nothing}})
        invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        driver = {"name": "askwell", "version": __version__, "semanticVersion": __version__,
                  "informationUri": INFORMATION_URI, "rules": [rule_descriptor(r) for r in rules]}
        return {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                # The run's score travels in a property bag: SARIF has no field for it.
                "properties": {"score": report.summary.score, "grade": (band(report.summary.score) or (None,))[0],
                               "questions": report.summary.questions, "clean": report.summary.clean},
                # Whole-survey findings sit where their rule placed them in the file.
                "results": [self.result(qr, f, index) for qr in report.placed() for f in qr.findings],
            }],
        }

    def render(self, report: Report) -> str:
        return json.dumps(self.log(report), indent=2, ensure_ascii=False) + "\n"
