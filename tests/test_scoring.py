"""The score's promises (issue 17), each on a survey invented for it.

Most tests build findings by hand, so they test the formula and not today's rules; the last
ones lint real invented surveys end to end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from askwell.engine import Checked
from askwell.model import Finding, OffsetMap, Question, band
from askwell.scoring import build_report, question_score

WEIGHTS = {"error": 25.0, "warning": 10.0, "info": 3.0}
VALUES = ["act-openly", "always-learning", "people-first"]


def q(text: str, path: str = "survey.txt", line: int = 1) -> Question:
    return Question(text=text, path=path, line=line, column=1, offsets=OffsetMap.at(line, 1))


def f(rule: str, severity: str, values: tuple[str, ...] = ("act-openly",), scope: str = "question") -> Finding:
    return Finding(rule=rule, category="leading", severity=severity, message="m", start=0, end=1, line=1, column=1,
                   end_line=1, end_column=2, values=values, scope=scope)


def survey(n: int, flawed: dict[int, list[Finding]], path: str = "survey.txt") -> list[Checked]:
    """``n`` questions; those whose index is in ``flawed`` carry its findings."""
    return [Checked(q(f"Question {i} about the workshop?", path, i + 1), list(flawed.get(i, []))) for i in range(n)]


def score(checked: list[Checked]):  # type: ignore[no-untyped-def]
    return build_report(checked, [], WEIGHTS, VALUES, files=1)


ERROR = [f("agreement-seeking", "error")]


def test_nothing_read_has_no_score() -> None:
    report = build_report([], [], WEIGHTS, VALUES, files=0)
    assert report.summary.score is None and report.summary.grade is None and report.summary.values == {}
    assert report.empty()


def test_ten_clean_questions_score_100() -> None:
    report = score(survey(10, {}))
    assert report.summary.score == 100.0 and report.summary.clean == 10
    assert report.summary.grade == ("A", "good")
    assert set(report.summary.values.values()) == {100.0}


@pytest.mark.parametrize("n", [1, 3, 10, 25])
def test_every_question_an_error_scores_at_most_30(n: int) -> None:
    assert score(survey(n, {i: ERROR for i in range(n)})).summary.score <= 30


def test_three_error_questions_in_ten_at_most_75() -> None:
    assert score(survey(10, {1: ERROR, 4: ERROR, 8: ERROR})).summary.score <= 75


def test_one_error_question_in_ten_at_most_92() -> None:
    s = score(survey(10, {5: ERROR})).summary.score
    assert 80 <= s <= 92  # it still reads as mostly fine


def test_clean_questions_do_not_hide_errors() -> None:
    three_in_ten = score(survey(10, {1: ERROR, 4: ERROR, 8: ERROR})).summary.score
    three_in_forty = score(survey(40, {1: ERROR, 14: ERROR, 38: ERROR})).summary.score
    assert three_in_forty <= 85
    assert three_in_ten < three_in_forty  # a larger survey still does better, a little


@pytest.mark.parametrize("n", [1, 10, 200])
def test_info_alone_never_below_90(n: int) -> None:
    notes = [f(f"note-{k}", "info") for k in range(6)]
    whole = [f("no-closing-question", "info", scope="survey")]
    checked = survey(n, {i: notes for i in range(n)})
    checked[0].findings.extend(whole)
    report = score(checked)
    assert 90 <= report.summary.score < 100
    assert all(v >= 90 for v in report.summary.values.values())


def test_more_problems_score_lower() -> None:
    warn = [f("closed-question", "warning", ("always-learning",))]
    scores = [score(survey(10, {i: warn for i in range(k)})).summary.score for k in range(11)]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 11


def test_survey_level_findings_count_against_the_survey_not_the_first_question() -> None:
    checked = survey(10, {})
    checked[0].findings.append(f("survey-length", "warning", ("people-first",), scope="survey"))
    report = score(checked)
    first = report.results[0]
    assert first.findings == () and first.score == 100.0
    (whole,) = report.surveys
    assert [g.rule for _, g in whole.findings] == ["survey-length"] and whole.findings[0][0] is first.question
    assert report.summary.score < 100 and report.summary.findings == 1
    assert report.summary.values["people-first"] < 100 and report.summary.values["act-openly"] == 100
    # consumers that key on a question (baselines) still see it on the question it is placed on
    assert [g.rule for g in report.placed()[0].findings] == ["survey-length"]
    assert whole.clean == 9  # the question it is placed on is not counted as clean


def test_a_value_with_problems_stands_out() -> None:
    # Every question is a yes/no item: Always learning must read as poor, the others untouched.
    closed = [f("closed-question", "warning", ("always-learning",))]
    report = score(survey(12, {i: closed for i in range(12)}))
    values = report.summary.values
    assert values["always-learning"] <= 60 and values["act-openly"] == values["people-first"] == 100
    assert report.summary.score == values["always-learning"]


def test_per_value_scores_follow_the_survey_rules() -> None:
    report = score(survey(10, {1: ERROR, 4: ERROR, 8: ERROR}))
    assert report.summary.values["act-openly"] == report.summary.score <= 75


def test_run_score_is_the_question_weighted_mean_of_surveys() -> None:
    checked = survey(10, {0: ERROR}, "a.txt") + survey(30, {}, "b.txt")
    report = build_report(checked, [], WEIGHTS, VALUES, files=2)
    a, b = (s.score for s in report.surveys)
    assert b == 100.0 and a < 92
    assert report.summary.score == round((a * 10 + b * 30) / 40, 1)
    assert report.summary.file_scores == {"a.txt": a, "b.txt": b}


def test_question_scores() -> None:
    assert question_score([], WEIGHTS) == 100.0
    assert question_score(ERROR, WEIGHTS) <= 30
    assert question_score([f("x", "info")], WEIGHTS) == 90.0
    # a rule counts once per question, at its worst severity
    assert question_score([f("x", "warning"), f("x", "error")], WEIGHTS) == question_score(ERROR, WEIGHTS)


def test_zero_weights_turn_a_severity_off() -> None:
    report = build_report(survey(10, {0: ERROR, 1: [f("n", "info")]}), [], {"error": 0, "warning": 10, "info": 0},
                          VALUES, files=1)
    assert report.summary.score == 100.0


def test_bands() -> None:
    assert band(None) is None
    assert [band(s)[0] for s in (100, 90, 89.9, 75, 60, 40, 39.9, 0)] == ["A", "A", "B", "B", "C", "D", "E", "E"]


# End to end: invented surveys through the real rules.

CLEAN = [
    "How would you rate the pace of the workshop?",
    "What was the most useful part of the workshop for you?",
    "What would you change about the workshop?",
    "How confident do you feel using the shell now?",
    "Which topic would you like more time on?",
    "How clear were the instructions for installing the software?",
    "What, if anything, stopped you from following along?",
    "How likely are you to use Git in your own work?",
    "What did you think of the exercises?",
    "What else would you like to tell us about the workshop?",
]
LEADING = "Don't you agree that the workshop was excellent?"


def _lint(tmp_path: Path, lines: list[str], pipeline, config):  # type: ignore[no-untyped-def]
    from askwell.run import lint

    path = tmp_path / "survey.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lint([str(path)], config, pipeline=pipeline)


def test_end_to_end_clean_and_flawed(tmp_path: Path, pipeline, default_config) -> None:  # type: ignore[no-untyped-def]
    clean = _lint(tmp_path, CLEAN, pipeline, default_config)
    assert clean.summary.by_severity["error"] == 0 and clean.summary.by_severity["warning"] == 0
    assert clean.summary.score >= 90
    flawed = CLEAN[:7] + [LEADING] * 3
    report = _lint(tmp_path, flawed, pipeline, default_config)
    assert report.summary.by_severity["error"] >= 3
    assert report.summary.score <= 75
    assert report.summary.values["act-openly"] < min(v for k, v in report.summary.values.items() if k != "act-openly")


def test_end_to_end_empty_file(tmp_path: Path, pipeline, default_config) -> None:  # type: ignore[no-untyped-def]
    report = _lint(tmp_path, ["# only a comment"], pipeline, default_config)
    assert report.empty() and report.summary.score is None
