"""``--format json``: the versioned contract in DESIGN.md (schema 1)."""

from __future__ import annotations

import json
from typing import Any

from askwell import __version__
from askwell.model import Finding, QuestionResult, Report

SCHEMA = 1
# Questions per json.dumps call in JsonReporter.render.
BATCH = 256


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


def question_dict(result: QuestionResult) -> dict[str, Any]:
    """One question, its score and its findings, in contract shape."""
    q = result.question
    return {"path": q.path, "line": q.line, "column": q.column, "id": q.id, "text": q.text, "type": q.type,
            "score": result.score, "findings": [finding_dict(f) for f in result.findings]}


def _head(report: Report) -> dict[str, Any]:
    s = report.summary
    return {
        "schema": SCHEMA,
        "askwell": __version__,
        "summary": {"files": s.files, "questions": s.questions, "findings": s.findings,
                    "by_severity": dict(s.by_severity), "score": s.score, "values": dict(s.values)},
    }


def _errors(report: Report) -> list[dict[str, Any]]:
    return [{"path": e.path, "line": e.line, "column": e.column, "message": e.message} for e in report.errors]


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as plain data, questions in input order."""
    return {**_head(report), "questions": [question_dict(r) for r in report.results], "errors": _errors(report)}


def _deeper(text: str, levels: int) -> str:
    """Indented JSON text moved ``levels`` levels deeper (every line after the first).

    JSON text never holds a raw newline inside a string, so every "\n" is layout.
    """
    return text.replace("\n", "\n" + "  " * levels)


class JsonReporter:
    """Pretty-printed JSON, stable key order, UTF-8 kept as is."""

    def __init__(self, color: bool = False) -> None:
        self.color = color

    def render(self, report: Report) -> str:
        """The same bytes as ``json.dumps(report_dict(report), indent=2)``, built in batches of questions.

        Dumping the whole report at once holds every question's dict and millions of
        small string pieces together (hundreds of MB for 100,000 questions); here only
        one batch's dicts live at a time, and each ``json.dumps`` call (which sets up its
        encoder anew) serves a whole batch.
        """
        head = json.dumps(_head(report), indent=2, ensure_ascii=False)[:-2]  # without the closing "\n}"
        parts = [head, ',\n  "questions": [']
        results = report.results
        for start in range(0, len(results), BATCH):
            # A batch as a list, "[\n  {…},\n  {…}\n]", without its brackets and two levels deeper.
            batch = json.dumps([question_dict(r) for r in results[start:start + BATCH]], indent=2, ensure_ascii=False)
            parts.append(",\n  " if start else "\n  ")
            parts.append(_deeper(batch[2:-2], 1))
        parts.append("\n  ]" if results else "]")
        errors = _deeper(json.dumps(_errors(report), indent=2, ensure_ascii=False), 1)
        parts.append(f',\n  "errors": {errors}\n}}\n')
        return "".join(parts)  # one join: the text exists once beside its pieces
