"""The scoring stage: question, file, run and per-core-value scores (0-100).

A question starts at 100 and loses the preset's weight for the severity of each
distinct rule that fired on it (a rule counts once per question, at its highest
severity).  File and run scores are means over their questions; a core value's
score is the same mean counting only the rules that serve that value.
"""

from __future__ import annotations

from askwell.engine import Checked
from askwell.model import SEVERITIES, FileError, Finding, QuestionResult, Report, Summary

RANK = {s: i for i, s in enumerate(SEVERITIES)}


def penalty(findings: list[Finding] | tuple[Finding, ...], weights: dict[str, float], value: str | None = None) -> float:
    """Points lost: the weight of each distinct rule's worst severity (optionally only rules serving ``value``)."""
    worst: dict[str, str] = {}
    for f in findings:
        if value is not None and value not in f.values:
            continue
        if f.rule not in worst or RANK[f.severity] < RANK[worst[f.rule]]:
            worst[f.rule] = f.severity
    return sum(weights.get(sev, 0.0) for sev in worst.values())


def question_score(findings: list[Finding] | tuple[Finding, ...], weights: dict[str, float], value: str | None = None) -> float:
    """100 minus the penalty, floored at 0, rounded to one decimal."""
    if not findings:
        return 100.0  # most questions: skip the penalty walk, once per core value
    return round(max(0.0, 100.0 - penalty(findings, weights, value)), 1)


def _mean(scores: list[float]) -> float:
    return round(sum(scores) / len(scores), 1) if scores else 100.0


def build_report(checked: list[Checked], errors: list[FileError], weights: dict[str, float],
                 value_ids: list[str], files: int, notes: list[str] | None = None) -> Report:
    """Score every question and assemble the Report reporters render."""
    results = tuple(QuestionResult(c.question, tuple(c.findings), question_score(c.findings, weights)) for c in checked)
    by_file: dict[str, list[float]] = {}
    for r in results:
        by_file.setdefault(r.question.path, []).append(r.score)
    by_severity = {s: 0 for s in SEVERITIES}
    for r in results:
        for f in r.findings:
            by_severity[f.severity] += 1
    values = {v: _mean([question_score(r.findings, weights, v) for r in results]) for v in value_ids}
    summary = Summary(
        files=files, questions=len(results), findings=sum(by_severity.values()), by_severity=by_severity,
        score=_mean([r.score for r in results]), values=values,
        file_scores={path: _mean(scores) for path, scores in by_file.items()},
    )
    return Report(results=results, errors=tuple(errors), summary=summary, notes=tuple(notes or ()))
