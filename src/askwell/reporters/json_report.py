"""``--format json``: the versioned contract in DESIGN.md (schema 1)."""

from __future__ import annotations

import json
from typing import Any

from askwell import __version__
from askwell.model import Finding, Report

SCHEMA = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    """One finding in contract shape."""
    return {
        "rule": f.rule, "category": f.category, "severity": f.severity, "message": f.message,
        "start": f.start, "end": f.end, "line": f.line, "column": f.column,
        "end_line": f.end_line, "end_column": f.end_column, "values": list(f.values),
        "suggestion": f.suggestion,
        "fix": None if f.fix is None else {"start": f.fix.start, "end": f.fix.end, "replacement": f.fix.replacement},
        "choice": f.choice,
        "path": f.path,
    }


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as plain data, questions in input order."""
    s = report.summary
    return {
        "schema": SCHEMA,
        "askwell": __version__,
        "summary": {"files": s.files, "questions": s.questions, "findings": s.findings,
                    "by_severity": dict(s.by_severity), "score": s.score, "values": dict(s.values)},
        "questions": [
            {"path": r.question.path, "line": r.question.line, "column": r.question.column, "id": r.question.id,
             "text": r.question.text, "type": r.question.type, "score": r.score,
             "findings": [finding_dict(f) for f in r.findings]}
            for r in report.results
        ],
        "errors": [{"path": e.path, "line": e.line, "column": e.column, "message": e.message} for e in report.errors],
    }


class JsonReporter:
    """Pretty-printed JSON, stable key order, UTF-8 kept as is."""

    def __init__(self, color: bool = False) -> None:
        self.color = color

    def render(self, report: Report) -> str:
        return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
