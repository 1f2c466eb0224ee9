"""CSV: XLSForm survey sheets with their choices file, and generic question tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from askwell.errors import InputError, NotASurvey
from askwell.sources import load
from askwell.sources.csv_table import extract

ROOT = Path(__file__).resolve().parents[2]
XLSFORM = ROOT / "examples" / "xlsform"


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def _read(path: Path):  # type: ignore[no-untyped-def]
    return extract(path.read_text(encoding="utf-8"), path.as_posix())


# -- XLSForm CSV ------------------------------------------------------------------------------


def test_example_xlsform_csv() -> None:
    qs = _read(XLSFORM / "survey.csv")
    assert [q.id for q in qs] == ["pace", "instructors", "liked", "comfort", "tools", "change", "anything_else"]
    assert [q.type for q in qs] == ["single", "single", "yes-no", "single", "multiple", "open", "open"]
    # English is linted although French is there too
    assert qs[0].text == "How would you rate the pace of the workshop?"
    assert [c.text for c in qs[0].choices][:2] == ["Much too slow", "A little too slow"]
    assert [c.text for c in qs[4].choices][-1] == "Other"
    # group labels become sections; questions after end_group have none
    assert [q.section for q in qs] == ["About the sessions"] * 4 + [None] * 3
    assert qs[0].required is True and qs[1].required is None and qs[-1].required is False


def test_example_xlsform_csv_positions() -> None:
    text = (XLSFORM / "survey.csv").read_text(encoding="utf-8")
    qs = _read(XLSFORM / "survey.csv")
    lines = text.split("\n")
    assert (qs[0].line, qs[0].column) == (5, 22)
    assert lines[4][21:].startswith("How would you rate")
    # quoted field: the column is where the text starts, after the quote
    comfort = qs[3]
    assert (comfort.line, comfort.column) == (8, 29)
    assert lines[7][28:].startswith("How comfortable")
    for q in qs:
        for i, ch in enumerate(q.text):
            line, column = q.position(i)
            assert lines[line - 1][column - 1] == ch
    # choices live in another file: their positions name that file (see test_csv_choice_paths.py)
    assert all(c.path is not None and c.path.endswith("choices.csv") for q in qs for c in q.choices if c.line)


def test_field_references_are_masked(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.csv", "type,name,label\ntext,a,\"${name}, what did you learn?\"\n")
    (q,) = _read(path)
    assert q.masked == ((0, 7),)


def test_choices_file_on_its_own_is_not_a_survey() -> None:
    with pytest.raises(NotASurvey, match="choices sheet"):
        _read(XLSFORM / "choices.csv")


def test_settings_sheet_is_not_a_survey(tmp_path: Path) -> None:
    path = _write(tmp_path, "settings.csv", "form_title,form_id\nFeedback,fb\n")
    with pytest.raises(NotASurvey, match="settings"):
        _read(path)


XLSFORM_SURVEY = """\
type,name,label,hint
start,start,,
today,today,,
deviceid,deviceid,,
begin group,about,Your background,
select_one yn,member,Are you a member of a local user group?,
select_one role,role,"What best describes
your ""main"" role?",
select_multiple langs,langs,Which languages do you use?,
end group,,,
integer,years,How many years have you programmed?,
decimal,hours,How many hours a week do you code?,
date,when,When did you attend?,
range,useful,How useful was the workshop?,
rank langs,order,Order these languages by how often you use them.,
calculate,score,,
note,intro,Please answer honestly.,
text,other,Anything else?,
geopoint,where,Where are you?,
"""

XLSFORM_CHOICES = """\
list_name,name,label
yn,yes,Yes
yn,no,No
role,student,Student
role,staff,Staff
langs,py,Python
langs,r,R
"""


def test_xlsform_type_mapping_and_skips(tmp_path: Path) -> None:
    survey = _write(tmp_path, "form.csv", XLSFORM_SURVEY)
    _write(tmp_path, "form-choices.csv", XLSFORM_CHOICES)
    qs = _read(survey)
    assert [(q.id, q.type) for q in qs] == [
        ("member", "yes-no"), ("role", "single"), ("langs", "multiple"), ("years", "open"), ("hours", "open"),
        ("when", "open"), ("useful", "scale"), ("order", "unknown"), ("other", "open"), ("where", "unknown")]
    assert [c.text for c in qs[1].choices] == ["Student", "Staff"]
    assert [c.text for c in qs[7].choices] == ["Python", "R"]
    assert [q.section for q in qs[:4]] == ["Your background"] * 3 + [None]


def test_xlsform_multiline_quoted_label_positions(tmp_path: Path) -> None:
    qs = _read(_write(tmp_path, "form.csv", XLSFORM_SURVEY))
    role = qs[1]
    assert role.text == 'What best describes\nyour "main" role?'
    assert (role.line, role.column) == (7, 23)  # the record's first line, after the quote
    assert role.position(role.text.index("your")) == (8, 1)
    assert role.position(role.text.index("main")) == (8, 8)  # after the doubled quote
    assert role.position(role.text.index("role?")) == (8, 15)
    # the record after the two-line record is numbered by its physical line
    assert (qs[2].line, qs[2].column) == (9, 29)


@pytest.mark.parametrize("name", ["choices.csv", "form_choices.csv", "form-choices.csv"])
def test_choices_file_names(tmp_path: Path, name: str) -> None:
    survey = _write(tmp_path, "form.csv", XLSFORM_SURVEY)
    _write(tmp_path, name, XLSFORM_CHOICES)
    assert [c.text for c in _read(survey)[0].choices] == ["Yes", "No"]


def test_missing_choices_file_gives_questions_without_choices(tmp_path: Path) -> None:
    qs = _read(_write(tmp_path, "form.csv", XLSFORM_SURVEY))
    assert len(qs) == 10
    assert all(q.choices == () for q in qs)
    assert qs[0].type == "single"  # yes/no cannot be told without the list


def test_broken_choices_file_is_an_error_naming_it(tmp_path: Path) -> None:
    survey = _write(tmp_path, "form.csv", XLSFORM_SURVEY)
    _write(tmp_path, "choices.csv", 'list_name,name,label\nyn,yes,"Yes\n')
    with pytest.raises(InputError) as info:
        _read(survey)
    assert "choices.csv" in info.value.detail and "line 2" in info.value.detail


MULTILANG = """\
type,name,label::French (fr),label::English (en),label::Español (es)
select_one yn,ok,Ça va ?,Are you well?,¿Estás bien?
"""

MULTILANG_CHOICES = """\
list_name,name,label::French (fr),label::English (en),label::Español (es)
yn,yes,Oui,Yes,Sí
yn,no,Non,No,No
"""


def test_multilanguage_labels_pick_english(tmp_path: Path) -> None:
    survey = _write(tmp_path, "ml.csv", MULTILANG)
    _write(tmp_path, "choices.csv", MULTILANG_CHOICES)
    (q,) = _read(survey)
    assert q.text == "Are you well?"
    assert (q.line, q.column) == (2, 26)
    assert [c.text for c in q.choices] == ["Yes", "No"]
    assert q.type == "yes-no"


@pytest.mark.parametrize("header", ["label::en", "label::English", "label::English (en)", "label::en-GB"])
def test_english_column_forms(tmp_path: Path, header: str) -> None:
    path = _write(tmp_path, "s.csv", f"type,name,label::de,{header}\ntext,a,Wie?,How?\n")
    assert _read(path)[0].text == "How?"


def test_without_english_the_first_label_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.csv", "type,name,label::French (fr),label::German (de)\ntext,a,Pourquoi ?,Warum?\n")
    assert _read(path)[0].text == "Pourquoi ?"


def test_sheet_without_label_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.csv", "type,name,hint\ntext,a,Something\n")
    with pytest.raises(InputError) as info:
        _read(path)
    assert info.value.path == path.as_posix()
    assert "no 'label' column" in info.value.detail
    assert "type, name, hint" in info.value.detail


# -- generic CSV ---------------------------------------------------------------------------------


def test_generic_question_column_with_id_type_choices() -> None:
    src = 'ID,Question,Type,Choices\nq1,How was the venue?,scale,Poor | Fair | Good\nq2,"What, if anything, was missing?",open,\nq3,Which days suit you?,multiple,Mon;Tue;Wed\n'
    qs = extract(src, "g.csv")
    assert [(q.id, q.text, q.type) for q in qs] == [
        ("q1", "How was the venue?", "scale"), ("q2", "What, if anything, was missing?", "open"),
        ("q3", "Which days suit you?", "multiple")]
    assert (qs[0].line, qs[0].column) == (2, 4)
    assert (qs[1].line, qs[1].column) == (3, 5)
    assert [(c.text, c.line, c.column) for c in qs[0].choices] == [("Poor", 2, 29), ("Fair", 2, 36), ("Good", 2, 43)]
    assert [(c.text, c.column) for c in qs[2].choices] == [("Mon", 34), ("Tue", 38), ("Wed", 42)]


@pytest.mark.parametrize("column", ["question", "Text", "LABEL"])
def test_generic_column_names(column: str) -> None:
    qs = extract(f"{column}\nWhy did you sign up?\n\nWhat did you expect?\n", "g.csv")
    assert [(q.text, q.line, q.type, q.id) for q in qs] == [
        ("Why did you sign up?", 2, "unknown", None), ("What did you expect?", 4, "unknown", None)]


def test_generic_table_with_type_and_name_columns() -> None:
    qs = extract("name,type,question\nvenue,scale,How suitable was the room?\n", "g.csv")
    assert [(q.text, q.type, q.column) for q in qs] == [("How suitable was the room?", "scale", 13)]


def test_generic_semicolon_delimiter() -> None:
    qs = extract("id;question\na;How did you hear about us?\n", "g.csv")
    assert (qs[0].id, qs[0].text, qs[0].column) == ("a", "How did you hear about us?", 3)


def test_generic_without_question_column() -> None:
    with pytest.raises(InputError) as info:
        extract("a,b\n1,2\n", "g.csv")
    assert info.value.detail == "no 'question', 'text' or 'label' column; found: a, b"


def test_generic_bad_type() -> None:
    with pytest.raises(InputError) as info:
        extract("question,type\nHow?,scal\n", "g.csv")
    assert "did you mean 'scale'?" in info.value.detail
    assert (info.value.line, info.value.column) == (2, 6)


@pytest.mark.parametrize(("src", "line"), [
    ('question\n"Unclosed quote\nnext line\n', 2),
    ('question\nfine\n"closed" then text\n', 3),
])
def test_broken_quoting(src: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        extract(src, "g.csv")
    assert info.value.line == line
    assert "broken CSV" in info.value.detail


def test_empty_csv_has_no_questions() -> None:
    assert extract("", "e.csv") == []
    assert extract("\n\n", "e.csv") == []


def test_load_by_suffix(tmp_path: Path) -> None:
    loaded = load(_write(tmp_path, "q.csv", "question\nWhat helped you most?\n"))
    assert loaded.error is None and loaded.questions[0].text == "What helped you most?"
    loaded = load(_write(tmp_path, "choices.csv", XLSFORM_CHOICES))
    assert loaded.note and "skipped" in loaded.note


# -- robustness -----------------------------------------------------------------------------------

_CSVISH = st.lists(st.sampled_from(list(',;"\n\t ab?') + ["question", "type", "name", "label", "label::en",
                                                          "select_one x", "choices", "|", "list_name"]),
                   max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), _CSVISH))
def test_arbitrary_text_only_raises_user_errors(src: str) -> None:
    try:
        qs = extract(src, "/nonexistent-dir/h.csv")
    except (InputError, NotASurvey):
        return
    for q in qs:
        for i in range(len(q.text) + 1):
            q.position(i)
