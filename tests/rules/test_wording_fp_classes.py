"""False-positive classes of the wording rules found on real surveys: each stays fixed.

Every example here is invented; each stands for a class of wording that the rule named
in the test used to flag wrongly.
"""

from __future__ import annotations

import pytest


def _rules(findings) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.rule for f in findings}


@pytest.mark.parametrize("text", [
    "Do you currently teach with Jupyter?",
    "How many lessons are you preparing at the moment?",
    "How often do you use the shell these days?",
    "How often do you review pull requests in your current role?",
    "How often do you write tests in a typical week?",
    "How often do you run your scripts nowadays?",
])
def test_a_present_or_typical_period_is_a_reference_period(lint_text, text):  # type: ignore[no-untyped-def]
    assert "missing-reference-period" not in _rules(lint_text(text))


def test_a_frequency_question_without_a_period_is_still_flagged(lint_text):  # type: ignore[no-untyped-def]
    assert "missing-reference-period" in _rules(lint_text("How often do you review pull requests?"))


@pytest.mark.parametrize("text", [
    "Are online workshops generally easier to join?",
    "Is the venue usually accessible by bus?",
])
def test_typical_case_words_as_hedges_are_not_vague(lint_text, text):  # type: ignore[no-untyped-def]
    assert "vague-quantifier" not in _rules(lint_text(text))


def test_typical_case_word_on_a_habit_is_still_vague(lint_text):  # type: ignore[no-untyped-def]
    found = lint_text("I usually write tests for my code.", "scale",
                      ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"))
    assert "vague-quantifier" in _rules(found)


@pytest.mark.parametrize("text", [
    "How much time would you like to spend on group exercises?",
    "How many breaks would you like in a full-day session?",
])
def test_a_preference_is_not_a_prediction(lint_text, text):  # type: ignore[no-untyped-def]
    rules = _rules(lint_text(text))
    assert not rules & {"hypothetical-behaviour", "presupposition", "missing-reference-period"}


def test_a_zero_amount_is_not_a_negation(lint_text):  # type: ignore[no-untyped-def]
    agree = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")
    assert not _rules(lint_text("The editor needs no setup.", "scale", agree)) & {"negative-wording", "double-negative"}
    assert _rules(lint_text("I have no time to practise.", "scale", agree)) & {"negative-wording", "double-negative"}


def _survey(tmp_path, body: str):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from askwell.cli import main

    path = tmp_path / "survey.yaml"
    path.write_text(body, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--no-cache", "--fail-on", "never"])
    import json

    return json.loads(result.stdout)


def test_the_surveys_own_subject_is_not_jargon(tmp_path):  # type: ignore[no-untyped-def]
    data = _survey(tmp_path, """title: Snakemake users survey
questions:
  - text: How did you first hear about Snakemake?
  - text: In the past month, how many workflows did you run with Snakemake?
""")
    rules = {f["rule"] for q in data["questions"] for f in q["findings"]}
    assert not rules & {"glossary-term", "rare-words", "unexplained-acronym"}


def test_an_acronym_used_throughout_the_survey_is_known(tmp_path):  # type: ignore[no-untyped-def]
    items = "\n".join(f"  - text: In the past year, how often did you use the {w} at the SLC?"
                      for w in ("library", "printers", "study rooms", "help desk"))
    data = _survey(tmp_path, f"title: Campus services\nquestions:\n{items}\n")
    assert not any(f["rule"] == "unexplained-acronym" for q in data["questions"] for f in q["findings"])
    once = _survey(tmp_path, "title: Campus services\nquestions:\n  - text: In the past year, how often did you visit the SLC?\n")
    assert any(f["rule"] == "unexplained-acronym" for q in once["questions"] for f in q["findings"])


def _rules_by_id(data) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    return {q["id"]: {f["rule"] for f in q["findings"]} for q in data["questions"]}


def test_a_yes_no_filter_followed_by_please_explain_is_a_screener(tmp_path):  # type: ignore[no-untyped-def]
    data = _survey(tmp_path, """title: Teaching online
questions:
  - id: modify
    text: Do you feel the lesson materials need changes for online teaching?
    type: yes-no
  - id: why
    text: Please explain.
""")
    assert "closed-question" not in _rules_by_id(data)["modify"]


def test_the_accepted_closing_question_with_a_text_box_is_not_closed(tmp_path):  # type: ignore[no-untyped-def]
    data = _survey(tmp_path, """title: Feedback
questions:
  - id: last
    text: Is there anything else you would like to tell us?
    type: open
""")
    assert "closed-question" not in _rules_by_id(data)["last"]


def test_topics_rated_in_a_grid_are_what_is_measured_not_jargon(tmp_path):  # type: ignore[no-untyped-def]
    data = _survey(tmp_path, """title: Trainer survey
sections:
  - title: Describe your knowledge about the following topics.
    questions:
      - id: t1
        text: Formative vs. summative assessment
        type: scale
        choices: [None, Some, A lot]
""")
    assert not _rules_by_id(data)["t1"] & {"rare-words", "glossary-term"}


def test_a_grid_stem_whose_rows_offer_no_change_presupposes_nothing(tmp_path):  # type: ignore[no-untyped-def]
    data = _survey(tmp_path, """title: Motivation
sections:
  - title: How has your interest in these topics changed?
    questions:
      - id: stem
        text: How has your interest in these topics changed?
      - id: r1
        text: Version control
        type: scale
        choices: [No change, Somewhat more, Much more]
""")
    assert "presupposition" not in _rules_by_id(data)["stem"]
