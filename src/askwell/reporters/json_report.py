"""``--format json``: the versioned contract in DESIGN.md and the README (schema 2).

Schema 2 (from 1): each finding has ``rewrites`` (whole questions, best first, possibly empty)
beside ``suggestion`` (advice); scores are null when nothing was read; ``summary`` gains
``grade`` and ``clean``; ``surveys`` holds each file's score and its survey-level findings,
which no longer sit on a question; ``notes`` lists what the run wants said (nothing found,
skipped files).
"""

from __future__ import annotations

import json
from typing import Any

from askwell import __version__
from askwell.model import Finding, QuestionResult, Report, SurveyResult, band, empty_note
from askwell.reporters.common import ReporterBase

SCHEMA = 2
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
        "rewrites": list(f.rewrites),
        "choice": f.choice,
        "path": f.path,
    }


def _grade(score: float | None) -> str | None:
    graded = band(score)
    return graded[0] if graded else None


def survey_dict(s: SurveyResult) -> dict[str, Any]:
    """One file as a survey: its score and the findings about the whole survey."""
    return {"path": s.path, "title": s.title, "questions": s.questions, "clean": s.clean, "score": s.score,
            "grade": _grade(s.score), "values": dict(s.values), "findings": [finding_dict(f) for _, f in s.findings]}


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
        "summary": {"files": s.files, "questions": s.questions, "clean": s.clean, "findings": s.findings,
                    "by_severity": dict(s.by_severity), "score": s.score, "grade": _grade(s.score),
                    "values": dict(s.values)},
        "notes": _notes(report),
        "surveys": [survey_dict(x) for x in report.surveys],
    }


def _notes(report: Report) -> list[str]:
    note = empty_note(report)
    return list(report.notes) + ([note] if note else [])


def _errors(report: Report) -> list[dict[str, Any]]:
    return [{"path": e.path, "line": e.line, "column": e.column, "message": e.message} for e in report.errors]


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as plain data, questions in input order."""
    return {**_head(report), "questions": [question_dict(r) for r in report.results], "errors": _errors(report)}


# The C string escaper json.dumps itself uses with ensure_ascii=False.
_STRING = json.encoder.encode_basestring


def _number(value: float) -> str:
    # json's own spelling: repr, with JavaScript's names for the non-finite values.
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def encode(value: Any, indent: str, out: list[str]) -> None:
    """Append ``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` spells it, nested at ``indent``.

    With ``indent`` set, json.dumps leaves its C encoder for a pure-Python one built on
    generators, which cost more than the rules of a small file; this walks the same
    plain data (str keys, str, int, float, bool, None, list, dict) in one recursion.
    """
    if isinstance(value, str):
        out.append(_STRING(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_number(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        sep = "[\n" + inner
        for item in value:
            out.append(sep)
            sep = ",\n" + inner
            encode(item, inner, out)
        out.append("\n" + indent + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        sep = "{\n" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"JSON keys here are strings, not {type(key).__name__}")
            out.append(sep + _STRING(key) + ": ")
            sep = ",\n" + inner
            encode(item, inner, out)
        out.append("\n" + indent + "}")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _encoded(value: Any, indent: str) -> str:
    out: list[str] = []
    encode(value, indent, out)
    return "".join(out)


class JsonReporter(ReporterBase):
    """Pretty-printed JSON, stable key order, UTF-8 kept as is."""

    def render(self, report: Report) -> str:
        """The same bytes as ``json.dumps(report_dict(report), indent=2, ensure_ascii=False)``, in batches.

        Dumping the whole report at once holds every question's dict and millions of
        small string pieces together (hundreds of MB for 100,000 questions); here only
        one batch's dicts and pieces live at a time, joined into one string per batch.
        """
        head = _encoded(_head(report), "")[:-2]  # without the closing "\n}"
        parts = [head, ',\n  "questions": [']
        results = report.results
        for start in range(0, len(results), BATCH):
            out: list[str] = []
            for result in results[start:start + BATCH]:
                out.append(",\n    " if out or start else "\n    ")
                encode(question_dict(result), "    ", out)
            parts.append("".join(out))
        parts.append("\n  ]" if results else "]")
        parts.append(f',\n  "errors": {_encoded(_errors(report), "  ")}\n}}\n')
        return "".join(parts)  # one join: the text exists once beside its pieces
