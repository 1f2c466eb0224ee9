"""False-positive classes and missed detections of the answer-option, identity, sensitive
and survey-length rules: each stays fixed.

Every example here is invented; each stands for a class of items that the rule named in
the test used to flag wrongly, or missed.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from askwell.model import Choice, OffsetMap, Question
from askwell.analysis import options as ol
from askwell.rules.checks.length import survey_length as sl

SCALE_RULES = {"unbalanced-scale", "misplaced-midpoint", "missing-midpoint", "scale-direction-flip"}
AGREE = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")


def _rules(findings) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.rule for f in findings}


def _survey(pipeline, config, items):  # type: ignore[no-untyped-def]
    from askwell.config import active_rules
    from askwell.engine import Engine

    questions = tuple(
        Question(text=text, path="s.yaml", line=i + 1, column=1, offsets=OffsetMap.at(i + 1, 1), type=qtype,
                 choices=tuple(Choice(c) for c in choices))
        for i, (text, qtype, choices) in enumerate(items))
    return Engine(config, active_rules(config), pipeline).run([("s.yaml", questions)])


# -- 1. two-sided and one-sided scales that are balanced and in order ---------------------------

@pytest.mark.parametrize("choices", [
    ("Strongly want it", "Somewhat want it", "No preference", "Somewhat want to avoid it", "Strongly want to avoid it"),
    ("Strongly like", "Somewhat like", "Neither like nor dislike", "Somewhat dislike", "Strongly dislike"),
    ("Not at all", "Slightly", "Somewhat", "Very important"),
    ("Not at all important", "Slightly important", "Somewhat important", "Very important"),
    ("Not confident", "Slightly confident", "Somewhat confident", "Very confident"),
    ("Very confident", "Somewhat confident", "Slightly confident", "Not confident"),
])
def test_balanced_two_sided_and_one_sided_scales_are_clean(lint_text, choices):  # type: ignore[no-untyped-def]
    assert not _rules(lint_text("How do you feel about a weekly code review?", "scale", choices)) & SCALE_RULES


def test_a_bare_not_is_the_zero_of_a_one_sided_scale() -> None:
    scale = ol.scale(["Not useful", "Slightly useful", "Somewhat useful", "Very useful"])
    assert scale is not None and not scale.bipolar and scale.labels[0].pole == "zero"
    # Without a small amount the list is two-sided: "Not useful" is its negative end.
    two_sided = ol.scale(["Not useful", "Useful", "Very useful"])
    assert two_sided is not None and two_sided.bipolar


def test_a_one_sided_scale_then_an_agree_scale_runs_one_way(pipeline, default_config) -> None:  # type: ignore[no-untyped-def]
    config = replace(default_config, select=("scale-direction-flip",))
    checked = _survey(pipeline, config, [
        ("How confident are you with branches?", "scale", ("Not confident", "Slightly confident", "Very confident")),
        ("The branching exercise was clear.", "scale", AGREE),
    ])
    assert not any(c.findings for c in checked)


# -- 2. midpoints and Other options as people write them -------------------------------------------

@pytest.mark.parametrize("middle", ["Neither agree or disagree", "Neither disagree or agree",
                                    "Neither agree nor disagree", "Neutral"])
def test_neither_or_is_a_midpoint(lint_text, middle):  # type: ignore[no-untyped-def]
    choices = ("Strongly disagree", "Disagree", middle, "Agree", "Strongly agree")
    assert not _rules(lint_text("The slides were readable.", "scale", choices)) & SCALE_RULES
    assert ol.label(middle).pole == "0"


def test_no_opinion_in_the_middle_is_one_finding_not_two(lint_text):  # type: ignore[no-untyped-def]
    choices = ("Strongly disagree", "Disagree", "No opinion", "Agree", "Strongly agree")
    rules = _rules(lint_text("The slides were readable.", "scale", choices)) & SCALE_RULES
    assert rules == {"misplaced-midpoint"}


@pytest.mark.parametrize("other", ["Other (please specify)", "Other (write in):", "Other:", "Something else",
                                   "Not listed", "My editor is not listed"])
def test_other_options_as_people_write_them(lint_text, other):  # type: ignore[no-untyped-def]
    assert ol.option_kind(other) == "other"
    choices = ("Vim", "Emacs", "Nano", "Helix", other)
    assert "missing-other" not in _rules(lint_text("Which editor do you use most?", "single", choices))


# -- 3. exhaustive numeric bands and orders of magnitude --------------------------------------------

@pytest.mark.parametrize(("text", "choices"), [
    ("What is your yearly pay?", ("Less than £18,000", "£18,000 to £35,999", "£36,000 to £59,999", "£60,000 or more",
                                  "Prefer not to say")),
    ("What is your age?", ("Under 18", "18-29", "30-44", "45-64", "65 and over", "Prefer not to say")),
    ("How many people are in your lab?", ("Fewer than 5", "5-9", "10-19", "20 or more")),
])
def test_exhaustive_numeric_bands_need_no_other(lint_text, text, choices):  # type: ignore[no-untyped-def]
    assert not _rules(lint_text(text, "single", choices)) & {"missing-other", "overlapping-options", "gapped-ranges"}


@pytest.mark.parametrize("choices", [
    ("Dozens", "Hundreds", "Thousands", "Tens of thousands", "Millions"),
    ("Tens", "Hundreds", "Thousands", "Tens of thousands", "Hundreds of thousands", "Millions or more"),
])
def test_orders_of_magnitude_do_not_overlap(lint_text, choices):  # type: ignore[no-untyped-def]
    found = _rules(lint_text("Roughly how many files does your pipeline process?", "single", choices))
    assert not found & {"missing-other", "overlapping-options"}


def test_names_that_contain_each_other_still_overlap(lint_text):  # type: ignore[no-untyped-def]
    found = lint_text("What is your role?", "single", ("Developer", "Lead developer", "Tester", "Manager"))
    assert "overlapping-options" in _rules(found)


# -- 4. identity and age ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "qtype", "choices"), [
    ("Do you identify as a member of an ethnic minority?", "single", ("Yes", "No", "Prefer not to say")),
    ("Do you consider yourself part of a racial minority?", "yes-no", ()),
])
def test_a_yes_no_membership_question_is_not_a_forced_single_identity(lint_text, text, qtype, choices):  # type: ignore[no-untyped-def]
    assert "forced-single-identity" not in _rules(lint_text(text, qtype, choices))


def test_a_single_choice_ethnicity_list_is_still_forced(lint_text):  # type: ignore[no-untyped-def]
    found = lint_text("What is your ethnicity?", "single", ("Asian", "Black", "White", "Other", "Prefer not to say"))
    assert "forced-single-identity" in _rules(found)


@pytest.mark.parametrize(("text", "choices"), [
    ("How old were you when you first wrote a script?", ()),
    ("How old were you when you started using Linux?", ("Under 12", "12-17", "18-25", "Over 25")),
    ("What was your age when you first taught a lesson?", ()),
])
def test_age_at_a_past_event_is_not_the_respondents_age(lint_text, text, choices):  # type: ignore[no-untyped-def]
    found = _rules(lint_text(text, "single" if choices else "open", choices))
    assert not found & {"sensitive-topic", "missing-prefer-not-to-say"}


def test_the_respondents_age_is_still_sensitive(lint_text):  # type: ignore[no-untyped-def]
    assert "sensitive-topic" in _rules(lint_text("How old are you?", "open"))
    assert "missing-prefer-not-to-say" in _rules(lint_text("How old are you?", "single", ("Under 30", "30 or over")))


@pytest.mark.parametrize("text", [
    "Which town do you live in now, not your place of birth?",
    "Which languages do you teach in (not your nationality or ethnicity)?",
    "Which country is your employer in? We do not ask about your citizenship.",
    "Which region do you work in, rather than your country of birth?",
])
def test_a_topic_the_item_sets_aside_is_not_raised(lint_text, text):  # type: ignore[no-untyped-def]
    assert not _rules(lint_text(text, "open")) & {"sensitive-topic", "missing-prefer-not-to-say"}


def test_a_negated_topic_without_a_contrast_is_still_raised(lint_text):  # type: ignore[no-untyped-def]
    assert "sensitive-topic" in _rules(lint_text("Why are you not a citizen of the country you work in?", "open"))


# -- 5. survey length counts what one respondent sees -----------------------------------------------

OPTIONS = {"words_per_minute": 238, "seconds_closed": 5, "seconds_open": 40, "seconds_short": 10}


def _q(text: str, qtype: str = "open", choices: tuple[str, ...] = (), qid: str | None = None,
       section: str | None = None) -> Question:
    return Question(text=text, path="s.yaml", line=1, column=1, offsets=OffsetMap.at(1, 1), id=qid, type=qtype,
                    choices=tuple(Choice(c) for c in choices), section=section)


def test_branches_count_only_the_longer_path() -> None:
    screener = _q("Have you taught a lesson before?", "yes-no", ("Yes", "No"))
    yes = [_q(f"If yes, what did you learn from teaching lesson {i}?") for i in range(3)]
    no = [_q("If no, what has kept you from teaching?")]
    seconds, _, _, n_open = sl.estimate((screener, *yes, *no), OPTIONS)
    assert n_open == 3
    assert seconds == pytest.approx(sl.estimate((screener, *yes), OPTIONS)[0])


def test_sections_under_different_conditions_are_alternatives() -> None:
    role = _q("How did you take part?", "single", ("As a learner", "As a helper"))
    learners = [_q(f"What did you learn on day {i}?", section="If you attended as a learner") for i in range(2)]
    helpers = [_q(f"What did you help with on day {i}?", section="If you attended as a helper") for i in range(2)]
    assert sl.estimate((role, *learners, *helpers), OPTIONS)[3] == 2


def test_a_question_bank_counts_one_item() -> None:
    bank = [_q(f"Describe a time you used tool {i}.", section="Question bank (one shown at random)") for i in range(5)]
    assert sl.estimate(tuple(bank), OPTIONS)[3] == 1


def test_a_group_stem_is_read_but_not_answered() -> None:
    scale = ("Not at all able", "Slightly able", "Moderately able", "Very able", "Extremely able")
    stem = _q("How able are you to do the following?", "scale", scale, qid="skills")
    rows = [_q(f"Task {i}", "scale", scale, qid=f"skills.{i}", section="How able are you to do the following?")
            for i in range(4)]
    seconds, words, n_closed, n_open = sl.estimate((stem, *rows), OPTIONS)
    assert (n_closed, n_open) == (4, 0)
    # The five scale labels are read once, at the stem; each row adds its own two words.
    assert words == len(stem.text.split()) + sum(len(c.split()) for c in scale) + 4 * 2


def test_untyped_items_and_items_with_options_are_not_written_answers() -> None:
    statement = _q("The room was comfortable.", "open")
    with_options = _q("Which lesson did you like best?", "open", ("Shell", "Git", "Python"))
    untyped = _q("What is the name of your institution?", "unknown")
    writing = _q("Describe what you would change.", "open")
    kinds = [sl.answer_seconds(q, OPTIONS)[1] for q in (statement, with_options, untyped, writing)]
    assert kinds == ["closed", "closed", "short", "open"]
    # In a file that types nothing, "open" is the format's default, not the author's choice.
    question = _q("What did you think of the pace?", "open")
    assert sl.answer_seconds(question, OPTIONS, typed=True)[1] == "open"
    assert sl.answer_seconds(question, OPTIONS, typed=False)[1] == "short"
    assert sl.answer_seconds(writing, OPTIONS, typed=False)[1] == "open"


def test_a_long_untyped_key_file_is_not_flagged(pipeline, default_config) -> None:  # type: ignore[no-untyped-def]
    config = replace(default_config, select=("survey-length",))
    items = [(f"The exercises in part {i} were useful.", "open", ()) for i in range(60)]
    assert not any(c.findings for c in _survey(pipeline, config, items))


# -- 6. stem/option mismatch without a question mark ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Do you feel ready to lead the Git lesson:",
    "How often do you write unit tests",
    "How much did the exercises help you:",
])
def test_a_question_stem_without_a_question_mark_on_an_agree_scale(lint_text, text):  # type: ignore[no-untyped-def]
    assert "stem-option-mismatch" in _rules(lint_text(text, "scale", AGREE))


@pytest.mark.parametrize("text", [
    "The Git lesson was well paced.",
    "Please rate your agreement: the exercises helped me",
    "Overall:",
])
def test_statements_on_an_agree_scale_stay_clean(lint_text, text):  # type: ignore[no-untyped-def]
    assert "stem-option-mismatch" not in _rules(lint_text(text, "scale", AGREE))


# -- 7. gaps between ranges and counts with no zero -------------------------------------------------------

def test_a_gap_after_a_single_value_is_found(lint_text):  # type: ignore[no-untyped-def]
    found = lint_text("How long have you used Python?", "single", ("Less than 1 year", "1 year", "3-5 years",
                                                                     "More than 5 years"))
    assert "gapped-ranges" in _rules(found)
    # A length of time runs on between whole units: beside exactly "1 year", "2-5 years" leaves out
    # eighteen months (issue 15 names this gap). A count of whole days or years stays whole.
    beside_exact = lint_text("How long have you used Python?", "single", ("Less than 1 year", "1 year", "2-5 years",
                                                                            "More than 5 years"))
    assert "gapped-ranges" in _rules(beside_exact)
    counted = lint_text("How many days did you attend?", "single", ("1 day", "2-3 days", "4 or more days"))
    assert "gapped-ranges" not in _rules(counted)
    contiguous = lint_text("How long have you used Python?", "single", ("Less than 2 years", "2-5 years",
                                                                          "More than 5 years"))
    assert "gapped-ranges" not in _rules(contiguous)


@pytest.mark.parametrize("choices", [("1-2", "3-5", "6+"), ("1-2 times", "3-5 times", "6 or more times")])
def test_a_count_of_events_needs_a_zero(lint_text, choices):  # type: ignore[no-untyped-def]
    found = lint_text("How many times have you asked for help on the forum?", "single", choices)
    assert any(f.rule == "gapped-ranges" and f.choice == 0 for f in found)


@pytest.mark.parametrize(("text", "choices"), [
    ("How many times have you asked for help on the forum?", ("Never", "1-2", "3-5", "6+")),
    ("How many times have you asked for help on the forum?", ("0", "1-2", "3-5", "6+")),
    ("If you have asked for help, how many times did you ask?", ("1-2", "3-5", "6+")),
    ("Including today, how many times have you attended?", ("1-2", "3-5", "6+")),
    ("How many people are in your team?", ("1-2", "3-5", "6+")),
])
def test_counts_that_offer_or_rule_out_zero_are_clean(lint_text, text, choices):  # type: ignore[no-untyped-def]
    assert "gapped-ranges" not in _rules(lint_text(text, "single", choices))


# -- 8. options one person can both be ------------------------------------------------------------------

def test_part_time_activities_are_not_mutually_exclusive(lint_text):  # type: ignore[no-untyped-def]
    choices = ("Working part time", "Studying full time", "Working full time", "Looking for work")
    found = [f for f in lint_text("What is your current situation?", "single", choices)
             if f.rule == "overlapping-options"]
    assert [f.choice for f in found] == [1]


@pytest.mark.parametrize(("qtype", "choices"), [
    ("multiple", ("Working part time", "Studying full time", "Working full time")),
    ("single", ("Working full time", "Working part time", "Not working", "Retired")),
    ("single", ("Working part time", "Studying part time", "Working and studying", "Neither")),
])
def test_exclusive_or_combinable_activity_lists_are_clean(lint_text, qtype, choices):  # type: ignore[no-untyped-def]
    assert "overlapping-options" not in _rules(lint_text("What is your current situation?", qtype, choices))


# -- 9. unbalanced adjective lists ---------------------------------------------------------------------------

def test_the_standard_quality_scale_is_balanced(lint_text):  # type: ignore[no-untyped-def]
    for choices in (("Excellent", "Very good", "Good", "Fair", "Poor"), ("Poor", "Fair", "Good", "Very good",
                                                                         "Excellent")):
        assert "unbalanced-scale" not in _rules(lint_text("How would you rate the venue?", "scale", choices))


@pytest.mark.parametrize("choices", [
    ("Excellent", "Very good", "Good", "Poor"),
    ("Excellent", "Very good", "Good", "Fair"),
    ("Outstanding", "Excellent", "Very good", "Good", "Fair", "Poor"),
])
def test_quality_lists_with_more_praise_than_criticism_are_unbalanced(lint_text, choices):  # type: ignore[no-untyped-def]
    assert "unbalanced-scale" in _rules(lint_text("How would you rate the venue?", "scale", choices))


# -- scales read in context: "Not at all" beside "Not very", and "Fair" in the middle -------------

@pytest.mark.parametrize("choices", [
    ("Very clear", "Somewhat clear", "Not very clear", "Not at all clear"),
    ("Very poor", "Poor", "Fair", "Good", "Very good"),
])
def test_balanced_scales_read_in_context_are_not_unbalanced(lint_text, choices):  # type: ignore[no-untyped-def]
    found = _rules(lint_text("How would you rate the lesson notes?", "scale", choices))
    assert not found & {"unbalanced-scale", "scale-direction-flip"}


def test_a_scale_with_more_good_than_bad_points_is_still_unbalanced(lint_text):  # type: ignore[no-untyped-def]
    found = _rules(lint_text("How would you rate the lesson notes?", "scale", ("Excellent", "Very good", "Good", "Poor")))
    assert "unbalanced-scale" in found


@pytest.mark.parametrize("choices", [
    ("One session", "Two sessions", "Three sessions", "No preference"),
    ("Reception", "Year 1", "Year 2", "Year 3", "Year 4"),
])
def test_a_counted_sequence_needs_no_other_option(lint_text, choices):  # type: ignore[no-untyped-def]
    assert "missing-other" not in _rules(lint_text("Which would you choose?", "single", choices))
