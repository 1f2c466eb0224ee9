"""Answer-option rules: the label helpers (polarity, ranges, lookup lists), survey-scope
checks across several questions, and an end-to-end run that places option findings
on the option's own line and column."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from askwell.analysis import options as ol
from askwell.rules.messages import fill
from askwell.rules.packs import load_rules

ROOT = Path(__file__).resolve().parents[2]
PACE = ("Much too slow", "A little too slow", "About right", "A little too fast", "Much too fast")


# -- one label ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "pole", "weight"), [
    ("Strongly disagree", "-", 2.0),
    ("Agree", "+", 1.0),
    ("Extremely Unhelpful", "-", 3.0),
    ("Don't recommend", "-", 1.0),
    ("Not at all useful", "zero", 0.0),
    ("Neither agree nor disagree", "0", 1.0),
    ("Neither agree or disagree", "0", 1.0),
    ("Not important at all", "zero", 0.0),
    ("Neutral", "0", 1.0),
    ("About right", "0", 1.0),
    ("Much too slow", "<", 2.0),
    ("A little too fast", ">", 0.5),
    ("Less motivated", "-", 1.0),
    ("I feel equally confident", "0", 1.0),
    ("Excellent", "+", 3.0),
    ("Fair", "-", 0.5),
    ("3 - Somewhat satisfied", "+", 0.5),
])
def test_label_polarity(text: str, pole: str, weight: float) -> None:
    lab = ol.label(text)
    assert lab.kind == "substantive"
    assert (lab.pole, lab.weight) == (pole, weight)


@pytest.mark.parametrize(("text", "kind"), [
    ("Prefer not to say", "optout"),
    ("I prefer not to say.", "optout"),
    ("I'd rather not say", "optout"),
    ("Don't know", "dontknow"),
    ("Not sure", "dontknow"),
    ("Not applicable", "na"),
    ("Other (please specify)", "other"),
    ("Other (open text)", "other"),
    ("Other (write in):", "other"),
    ("Other:", "other"),
    ("Something else", "other"),
    ("Not listed", "other"),
    ("Other ethnic group", "other"),
    ("Prefer to self-describe", "other"),
    ("None of the above", "none"),
    ("Other Pacific Islander", "substantive"),
    ("Neither agree nor disagree", "substantive"),
    ("Graduate student", "substantive"),
])
def test_option_kind(text: str, kind: str) -> None:
    assert ol.option_kind(text) == kind


def test_words_that_look_like_poles_are_not() -> None:
    assert ol.label("No impact at all").pole == "zero"
    assert ol.label("Less than once a year").pole is None  # "less than" is not "less motivated"
    assert ol.label("No - I have not done the training").scale_like is False


# -- a list as a scale -------------------------------------------------------------------------

def test_pace_scale_is_two_sided_and_balanced() -> None:
    scale = ol.scale(PACE)
    assert scale is not None and scale.bipolar and not scale.valenced
    assert [scale.side(i) for i in scale.points] == [-1, -1, 0, 1, 1]
    assert scale.direction == 0  # too slow/too fast is not good/bad


def test_directional_words_follow_their_too_forms() -> None:
    scale = ol.scale(["Too easy", "A bit easy", "Just right", "A bit hard", "Too hard"])
    assert scale is not None
    assert [scale.side(i) for i in scale.points] == [-1, -1, 0, 1, 1]


@pytest.mark.parametrize(("choices", "direction"), [
    (("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"), 1),
    (("Very prepared", "Slightly prepared", "Slightly unprepared", "Very unprepared"), -1),
    (("Not at all useful", "Extremely useful"), 1),
    (("Definitely yes", "Probably yes", "Probably no", "Definitely no"), 0),
])
def test_scale_direction(choices: tuple[str, ...], direction: int) -> None:
    scale = ol.scale(choices)
    assert scale is not None and scale.direction == direction


@pytest.mark.parametrize("choices", [
    ("1", "2", "3", "4", "5"),
    ("Never", "Sometimes", "All of the time"),
    ("Python", "R", "Julia"),
    ("Little or no experience", "Some experience", "A lot of experience"),
    ("Yes", "No - I have taken the training", "No - I have not taken the training"),
])
def test_not_a_polar_scale(choices: tuple[str, ...]) -> None:
    assert ol.scale(choices) is None


def test_ordinal_and_yes_no_lists() -> None:
    assert ol.ordinal_list(["Never", "Rarely", "Sometimes", "Often"])
    assert ol.ordinal_list(["Beginner", "Intermediate", "Advanced", "Expert"])
    assert not ol.ordinal_list(["Student", "Researcher", "Librarian", "Engineer"])
    assert ol.yes_no_list(["Yes", "No", "Not sure"])
    assert ol.yes_no_list(["Yes, I have run whole courses", "No"])
    assert not ol.yes_no_list(["Python", "No preference"])


@pytest.mark.parametrize(("choices", "kind"), [
    (("January", "February", "March"), "months"),
    (("2019", "2020", "2021"), "years"),
    (("Canada", "Kenya", "India", "Brazil"), "countries"),
    (("Analyst", "Faculty", "Librarian", "Other"), "alphabetical"),
    (("Student", "Faculty", "Analyst"), None),
])
def test_lookup_lists(choices: tuple[str, ...], kind: str | None) -> None:
    assert ol.lookup_list(choices) == kind


# -- numeric ranges ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lo", "hi", "form"), [
    ("18-24", 18, 24, "closed"),
    ("18–24", 18, 24, "closed"),
    ("18 to 24", 18, 24, "closed"),
    ("Between 5 and 10", 5, 10, "closed"),
    ("Under 18", -math.inf, 18, "below"),
    ("65 and over", 65, math.inf, "above"),
    ("10+", 10, math.inf, "above"),
    ("More than 10", 10, math.inf, "above"),
    ("$10,000–$19,999", 10_000, 19_999, "closed"),
    ("$30k or more", 30_000, math.inf, "above"),
    ("25%", 25, 25, "single"),
    ("3", 3, 3, "single"),
])
def test_interval(text: str, lo: float, hi: float, form: str) -> None:
    iv = ol.interval(text)
    assert iv is not None
    assert (iv.lo, iv.hi, iv.form) == (lo, hi, form)


def test_interval_units_compare() -> None:
    a = ol.interval("3 months - 1 year ago")
    b = ol.interval("0-3 months ago")
    assert a is not None and b is not None and a.dimension == b.dimension == "time"
    assert a.lo == b.hi and a.hi == 4 * b.hi
    assert ol.interval("Less than 1 year") is not None
    assert ol.interval("Under 18")  is not None and not ol.interval("Under 18").hi_incl  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["3 mornings and 1 full day", "It was my first one", "Python 3",
                                  "A few times a year", "Version 2.0 or 3.0 and later"])
def test_not_an_interval(text: str) -> None:
    assert ol.interval(text) is None


def _problems(choices: list[str], question: str = "") -> list[tuple[str, int]]:
    return [(p.kind, p.index) for p in ol.range_problems(choices, question)]


@pytest.mark.parametrize(("choices", "question", "expected"), [
    (["0-5", "5-10", "10+"], "", [("overlap", 1), ("overlap", 2)]),
    (["1-3", "5-7", "8 or more"], "", [("gap", 1)]),
    (["Under 18", "18-24", "25 or older"], "", []),
    (["less than 1 year", "1-2 years"], "", [("top", 1)]),
    (["0-3 months ago", "3 months - 1 year ago", "Over a year ago"], "", [("overlap", 1)]),
    (["0", "2 - 4", "5 - 10", "More than 10"], "", [("gap", 1)]),
    (["It was my first one", "2-4", "5-10", "More than 10"], "", []),
    (["18-64", "Over 65"], "What is your age?", [("gap", 1)]),
    (["18-24", "25-34", "35-44"], "What is your age?", [("top", 2)]),
    (["$20,000–$39,999", "$40,000–$59,999", "$60,000 or more"], "", [("bottom", 0)]),
    (["0-25%", "26-50%", "51-75%", "76-100%"], "", []),
    (["0 days", "1-3 days", "4-7 days"], "How many days a week do you code?", []),
    (["2019", "2020", "2021"], "", []),
    (["Less than 6 months", "6-12 months", "1-2 years", "More than 2 years"], "", [("overlap", 2)]),
])
def test_range_problems(choices: list[str], question: str, expected: list[tuple[str, int]]) -> None:
    assert _problems(choices, question) == expected


@pytest.mark.parametrize(("choices", "question", "expected"), [
    (["1-2", "3-5", "6+"], "How many times have you used the cluster?", [("zero", 0)]),
    (["1-2", "3-5", "6+"], "If so, how many times have you used the cluster?", []),
    (["None", "1-2", "3-5", "6+"], "How many times have you used the cluster?", []),
    (["1-2", "3-5", "6+"], "How many nodes does your job use?", []),
])
def test_counts_of_events_need_a_zero(choices: list[str], question: str, expected: list[tuple[str, int]]) -> None:
    assert _problems(choices, question) == expected


def test_a_gap_names_the_missing_value() -> None:
    (problem,) = ol.range_problems(["0", "2 - 4", "5 - 10", "More than 10"])
    assert problem.variant == "gap-value" and dict(problem.values)["value"] == 1


# One list per message variant of gapped-ranges and overlapping-ranges, with the sentence
# askwell.analysis.options wrote before the wording moved to the rules' YAML (issue 19).
RANGE_MESSAGES = [
    (["0", "2 - 4", "5 - 10", "More than 10"], "", "gap-value",
     "No option covers 1: '0' ends at 0 and '2 - 4' starts at 2."),
    (["18-64", "Over 65"], "What is your age?", "gap-value-above",
     "No option covers 65: '18-64' ends at 64 and 'Over 65' starts above 65."),
    (["1-3", "7-9", "10 or more"], "", "gap-values", "No option covers 4 to 6: '1-3' ends at 3 and '7-9' starts at 7."),
    (["Under 1", "1-3", "Over 6"], "", "gap-values-above",
     "No option covers 4 to 6: '1-3' ends at 3 and 'Over 6' starts above 6."),
    (["Less than 1 year", "1-2 years", "4-5 years", "More than 5 years"], "", "gap-between",
     "No option covers the values between 2 years and 4 years: '1-2 years' ends at 2 years and '4-5 years' starts at "
     "4 years."),
    (["Less than 1 year", "1-2 years", "More than 3 years"], "", "gap-between-above",
     "No option covers the values between 2 years and 3 years: '1-2 years' ends at 2 years and 'More than 3 years' "
     "starts above 3 years."),
    (["18-24", "25-34", "35-44"], "What is your age?", "top",
     "No option covers values above '35-44'; add an open top such as 'More than 44'."),
    (["$20,000–$39,999", "$40,000–$59,999", "$60,000 or more"], "", "bottom",
     "No option covers values below '$20,000–$39,999'; add an open bottom such as 'Less than $20,000'."),
    (["1-2", "3-5", "6+"], "How many times have you used the cluster?", "zero",
     "The options start at '1-2', but the answer can be none: add 'None' or '0'."),
    (["0-5", "5-10", "11 or more"], "", "overlap-value", "'5-10' overlaps '0-5': 5 fits both."),
    (["Less than 6 months", "6-12 months", "1-2 years", "More than 2 years"], "", "overlap-value",
     "'1-2 years' overlaps '6-12 months': 12 months fits both."),
    (["0-10", "5-15", "16+"], "", "overlap-values", "'5-15' overlaps '0-10': values from 5 to 10 fit both."),
]


@pytest.mark.parametrize(("choices", "question", "variant", "message"), RANGE_MESSAGES)
def test_range_problems_read_as_before_through_the_rules_templates(choices: list[str], question: str, variant: str,
                                                                   message: str) -> None:
    templates = {r.id: r.messages for r in load_rules() if r.id in ("gapped-ranges", "overlapping-ranges")}
    (problem,) = [p for p in ol.range_problems(choices, question) if p.variant == variant]
    rule = "overlapping-ranges" if problem.kind == "overlap" else "gapped-ranges"
    assert fill(templates[rule][variant], problem.values) == message


def test_question_sentence() -> None:
    text = "Think about last week. How often did you code?"
    start, end = ol.question_sentence(text)  # type: ignore[misc]
    assert text[start:end] == "How often did you code?"
    assert ol.question_sentence("The lessons were clear.") is None


# -- rules on whole questions and surveys ---------------------------------------------------------

def _config(default_config, *rules: str):  # type: ignore[no-untyped-def]
    return replace(default_config, select=rules)


def test_pace_question_is_clean(lint_text, default_config) -> None:  # type: ignore[no-untyped-def]
    # A one-item file is also a survey without a closing question: that survey rule is not the point here.
    config = replace(default_config, select=("response-options",), ignore=("no-closing-question",))
    assert lint_text("How would you rate the pace of the workshop?", "scale", PACE, config=config) == []


def _survey(pipeline, config, items):  # type: ignore[no-untyped-def]
    from askwell.config import active_rules
    from askwell.engine import Engine
    from askwell.model import Choice, OffsetMap, Question

    questions = tuple(
        Question(text=text, path="s.yaml", line=i + 1, column=1, offsets=OffsetMap.at(i + 1, 1), type=qtype,
                 choices=tuple(Choice(c, i + 1, 40 + 10 * k) for k, c in enumerate(choices)), required=required)
        for i, (text, qtype, choices, required) in enumerate(items))
    return Engine(config, active_rules(config), pipeline).run([("s.yaml", questions)])


AGREE = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")
PREPARED = ("Very prepared", "Fairly prepared", "Fairly unprepared", "Very unprepared")


def test_direction_flip_across_consecutive_items(pipeline, default_config) -> None:  # type: ignore[no-untyped-def]
    checked = _survey(pipeline, _config(default_config, "scale-direction-flip"), [
        ("How ready do you feel to teach?", "single", PREPARED, None),
        ("The lessons were clear.", "scale", AGREE, None),
        ("The pace was right.", "scale", AGREE, None),
        ("What would you change?", "open", (), None),
        ("How ready do you feel to lead?", "single", PREPARED, None),
    ])
    flagged = [i for i, c in enumerate(checked) if c.findings]
    assert flagged == [1]  # the open item ends the run, so item 4 starts a new one
    finding = checked[1].findings[0]
    assert finding.choice == 0 and (finding.line, finding.column) == (2, 40)


def test_closing_question(pipeline, default_config) -> None:  # type: ignore[no-untyped-def]
    config = _config(default_config, "no-closing-question")
    items = [("Is there anything else you want to add?", "open", (), None),
             ("What is your gender?", "single", ("Woman", "Man", "Non-binary", "Prefer not to say"), None),
             ("What is your age?", "single", ("Under 30", "30 or older", "Prefer not to say"), None),
             ("Which country do you live in?", "single", ("Canada", "Kenya"), None)]
    scales = [("The lessons were clear.", "scale", AGREE, None)] * 3
    # the catch-all comes before the demographics, in the second half: fine
    assert not any(c.findings for c in _survey(pipeline, config, scales + items))
    checked = _survey(pipeline, config, scales + items[1:])
    assert [i for i, c in enumerate(checked) if c.findings] == [len(checked) - 1]


def test_required_share_counts_known_items(pipeline, default_config) -> None:  # type: ignore[no-untyped-def]
    config = _config(default_config, "many-required")
    consent = ("Do you agree to take part in this survey?", "yes-no", (), True)
    mostly = [consent] + [(f"Question {i}?", "open", (), True) for i in range(3)] + [("Last?", "open", (), None)]
    checked = _survey(pipeline, config, mostly)
    assert [i for i, c in enumerate(checked) if c.findings] == [1]  # consent is not counted
    few = [consent] + [(f"Question {i}?", "open", (), None) for i in range(4)] + [("Name?", "open", (), True)]
    assert not any(c.findings for c in _survey(pipeline, config, few))


def test_survey_length(pipeline, default_config) -> None:  # type: ignore[no-untyped-def]
    config = _config(default_config, "survey-length")
    long_survey = [(f"Please describe in your own words what you learned in session {i}.", "open", (), None)
                   for i in range(30)]
    checked = _survey(pipeline, config, long_survey)
    assert [i for i, c in enumerate(checked) if c.findings] == [0]
    assert "minutes" in checked[0].findings[0].message
    short = long_survey[:5]
    assert not any(c.findings for c in _survey(pipeline, config, short))


# -- end to end ----------------------------------------------------------------------------------

def test_option_findings_sit_on_the_option(pipeline, default_config) -> None:  # type: ignore[no-untyped-def]
    from askwell.run import lint

    path = ROOT / "examples" / "feedback-survey.yaml"
    report = lint([str(path)], _config(default_config, "response-options"), pipeline=pipeline)
    assert not report.errors
    lines = path.read_text(encoding="utf-8").splitlines()
    by_id = {r.question.id: r for r in report.results}
    assert [f.rule for f in by_id["pace"].findings] == []
    (finding,) = [f for f in by_id["instructors"].findings if f.rule == "unbalanced-scale"]
    assert finding.choice == 0
    row = next(n for n, line in enumerate(lines, 1) if "[Agree, Strongly agree]" in line)
    assert (finding.line, finding.column) == (row, lines[row - 1].index("Agree") + 1)
    assert finding.end_column == finding.column + len("Agree")
