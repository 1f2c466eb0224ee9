"""The scoring stage: question, survey, run and per-core-value scores (0-100, or None for nothing read).

The formula and the reasons for it are in the README ("Scoring"). In short:

* every question carries a *load*: the preset's points for each distinct rule that fired on it
  (errors and warnings only), divided by ``UNIT`` (25 points, one error: one whole problem
  question), at most ``MAX_LOAD``;
* a survey's load is the sum over its questions plus its survey-level findings (length, no
  closing question), which count once against the survey;
* the survey score is ``100 × BASE ** (−load / size)``, where ``size`` is the number of questions
  up to ten and ``√(10 n)`` beyond: clean questions lift the score less and less, so they cannot
  hide errors;
* info findings (notes) only scale the result by ``1 − NOTES × share of questions with a note``:
  they never take a survey below 90;
* the run score is the mean of the survey scores weighted by their questions; a core value's score
  is the same computation with only the rules that serve the value.
"""

from __future__ import annotations

import math

from askwell.engine import Checked
from askwell.model import RANK, SEVERITIES, FileError, Finding, Question, QuestionResult, Report, Summary, SurveyResult

# Points that make one whole problem question (the carpentries preset's error weight).
UNIT = 25.0
# A question counts as at most two problem questions, however many rules fire on it.
MAX_LOAD = 2.0
# A survey whose every question is one whole problem scores 100 / BASE (25).
BASE = 4.0
# Up to this many questions a survey is judged on its share of problems; beyond, on √(SMALL × n).
SMALL = 10
# The most that notes (info findings) can take off: a tenth of the score.
NOTES = 0.10


def _worst(findings: list[Finding] | tuple[Finding, ...], value: str | None) -> dict[str, str]:
    """Each distinct rule's worst severity among ``findings`` (only rules serving ``value`` if given)."""
    worst: dict[str, str] = {}
    for f in findings:
        if value is not None and value not in f.values:
            continue
        if f.rule not in worst or RANK[f.severity] < RANK[worst[f.rule]]:
            worst[f.rule] = f.severity
    return worst


def load(findings: list[Finding] | tuple[Finding, ...], weights: dict[str, float],
         value: str | None = None) -> tuple[float, bool]:
    """(problem load, has a note) of a set of findings: errors and warnings load, info only notes."""
    if not findings:
        return 0.0, False  # most questions, once per core value
    worst = _worst(findings, value)
    points = sum(weights.get(sev, 0.0) for sev in worst.values() if sev != "info")
    noted = any(sev == "info" for sev in worst.values()) and weights.get("info", 0.0) > 0
    return min(MAX_LOAD, points / UNIT), noted


def size(questions: int) -> float:
    """How many questions a survey counts as: all up to ``SMALL``, then √(SMALL × n)."""
    return float(questions) if questions <= SMALL else math.sqrt(SMALL * questions)


def survey_score(loads: list[float], notes: int, extra_load: float = 0.0) -> float | None:
    """The score of ``len(loads)`` questions with ``notes`` of them noted, plus survey-level load."""
    n = len(loads)
    if n == 0:
        return None
    total = sum(loads) + extra_load
    share = min(1.0, notes / n)
    return round(100.0 * BASE ** (-total / size(n)) * (1.0 - NOTES * share), 1)


def question_score(findings: list[Finding] | tuple[Finding, ...], weights: dict[str, float],
                   value: str | None = None) -> float:
    """A question's score: the score a survey of that one question would get."""
    if not findings:
        return 100.0  # most questions: skip the walk, once per core value
    q_load, noted = load(findings, weights, value)
    return survey_score([q_load], int(noted)) or 0.0


def _judge(questions: list[tuple[float, bool]], survey: tuple[float, bool]) -> float | None:
    extra, survey_noted = survey
    notes = sum(noted for _, noted in questions) + int(survey_noted)
    return survey_score([q for q, _ in questions], notes, extra)


def _weighted(scores: list[tuple[float | None, int]]) -> float | None:
    """Mean of scores weighted by question counts; None when nothing was scored."""
    counted = [(s, n) for s, n in scores if s is not None and n]
    total = sum(n for _, n in counted)
    if not total:
        return None
    return round(sum(s * n for s, n in counted) / total, 1)


def build_report(checked: list[Checked], errors: list[FileError], weights: dict[str, float],
                 value_ids: list[str], files: int, notes: list[str] | None = None) -> Report:
    """Score every question and survey and assemble the Report reporters render.

    Findings of survey-scope rules leave the question they are placed on and go to the
    survey of its file.
    """
    results: list[QuestionResult] = []
    by_file: dict[str, list[tuple[Question, list[Finding], list[Finding]]]] = {}
    for c in checked:
        own = [f for f in c.findings if f.scope != "survey"]
        whole = [f for f in c.findings if f.scope == "survey"]
        results.append(QuestionResult(c.question, tuple(own), question_score(own, weights)))
        by_file.setdefault(c.question.path, []).append((c.question, own, whole))
    surveys: list[SurveyResult] = []
    for path, items in by_file.items():
        whole = [f for _, _, fs in items for f in fs]
        score = _judge([load(own, weights) for _, own, _ in items], load(whole, weights))
        values = {v: _judge([load(own, weights, v) for _, own, _ in items], load(whole, weights, v)) or 0.0
                  for v in value_ids}
        title = next((q.title for q, _, _ in items if q.title), None)
        surveys.append(SurveyResult(
            path=path, questions=len(items), clean=sum(1 for _, own, fs in items if not own and not fs),
            score=score, values=values, findings=tuple((q, f) for q, _, fs in items for f in fs), title=title))
    by_severity = {s: 0 for s in SEVERITIES}
    for r in results:
        for f in r.findings:
            by_severity[f.severity] += 1
    for s in surveys:
        for _, f in s.findings:
            by_severity[f.severity] += 1
    run_score = _weighted([(s.score, s.questions) for s in surveys])
    values = {} if run_score is None else {
        v: _weighted([(s.values[v], s.questions) for s in surveys]) or 0.0 for v in value_ids}
    summary = Summary(
        files=files, questions=len(results), findings=sum(by_severity.values()), by_severity=by_severity,
        score=run_score, values=values,
        file_scores={s.path: s.score for s in surveys if s.score is not None},
        clean=sum(s.clean for s in surveys),
    )
    return Report(results=tuple(results), errors=tuple(errors), summary=summary, notes=tuple(notes or ()),
                  surveys=tuple(surveys))
