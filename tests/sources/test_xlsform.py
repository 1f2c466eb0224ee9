"""XLSForm workbooks (.xlsx): the example form, positions, languages, types and damaged files."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from askwell.errors import InputError, NotASurvey
from askwell.sources import extract as extract_by_suffix
from askwell.sources.csv_table import extract as extract_csv
from askwell.sources.xlsform import extract

ROOT = Path(__file__).resolve().parents[2]
FORM = ROOT / "examples" / "xlsform" / "form.xlsx"


def build() -> bytes:
    """The example workbook as tests/sources/make_form_xlsx.py would write it now."""
    spec = importlib.util.spec_from_file_location("make_form_xlsx", Path(__file__).with_name("make_form_xlsx.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build()


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_example_form_reads_like_its_csv_source() -> None:
    qs = extract(FORM.read_bytes(), "examples/xlsform/form.xlsx")
    csv_path = ROOT / "examples" / "xlsform" / "survey.csv"
    from_csv = extract_csv(csv_path.read_text(encoding="utf-8"), csv_path.as_posix())
    assert [(q.id, q.text, q.type, q.section) for q in qs] == [(q.id, q.text, q.type, q.section) for q in from_csv]
    assert [[c.text for c in q.choices] for q in qs] == [[c.text for c in q.choices] for q in from_csv]
    assert all(q.path == "examples/xlsform/form.xlsx" for q in qs)
    assert {q.title for q in qs} == {"Post-workshop feedback"}


def test_example_form_is_up_to_date_with_its_generator() -> None:
    assert FORM.read_bytes() == build(), "run python tests/sources/make_form_xlsx.py"


def test_example_form_positions() -> None:
    qs = extract(FORM.read_bytes(), "form.xlsx")
    # row in the survey sheet; 1-based column index of the label::English (en) column (C)
    assert [(q.line, q.column) for q in qs] == [(5, 3), (6, 3), (7, 3), (8, 3), (10, 3), (11, 3), (12, 3)]
    # every character maps to the cell
    assert qs[0].position(0) == qs[0].position(30) == (5, 3)
    # choices: row and column in the choices sheet
    assert [(c.text, c.line, c.column) for c in qs[0].choices][:2] == [
        ("Much too slow", 2, 3), ("A little too slow", 3, 3)]
    assert [(c.text, c.line, c.column) for c in qs[2].choices] == [("Yes", 9, 3), ("No", 10, 3)]


def test_type_mapping_groups_and_english_label() -> None:
    data = _workbook({
        "survey": [
            ["type", "name", "label::Deutsch (de)", "label::English (en)", "required"],
            ["start", "start"],
            ["begin_group", "g", "Gruppe", "Your experience"],
            ["select_one yn", "a", "Gefallen?", "Did it meet your needs?", "yes"],
            ["select_one lvl", "b", "Stufe?", "What is your level?"],
            ["select_multiple lvl", "c", "Welche?", "Which apply to you?"],
            ["end_group"],
            ["integer", "d", "Wie viele?", "How many sessions did you attend?"],
            ["range", "e", "Wie nützlich?", "How useful was it?"],
            ["rank lvl", "f", "Ordnen", "Order these by importance."],
            ["note", "n", "Danke", "Thanks!"],
            ["calculate", "k"],
            [None, None, None, None],
            ["text", "g2", "Was noch?", "Anything else to add?"],
        ],
        "choices": [
            ["list_name", "name", "label::Deutsch (de)", "label::English (en)"],
            ["yn", "yes", "Ja", "Yes"],
            ["yn", "no", "Nein", "No"],
            ["lvl", "low", "Niedrig", "Beginner"],
            ["lvl", "high", "Hoch", "Expert"],
        ],
    })
    qs = extract(data, "t.xlsx")
    assert [(q.id, q.type, q.text) for q in qs] == [
        ("a", "yes-no", "Did it meet your needs?"), ("b", "single", "What is your level?"),
        ("c", "multiple", "Which apply to you?"), ("d", "open", "How many sessions did you attend?"),
        ("e", "scale", "How useful was it?"), ("f", "unknown", "Order these by importance."),
        ("g2", "open", "Anything else to add?")]
    assert [(q.line, q.column) for q in qs] == [(4, 4), (5, 4), (6, 4), (8, 4), (9, 4), (10, 4), (14, 4)]
    assert [c.text for c in qs[1].choices] == ["Beginner", "Expert"]
    assert (qs[1].choices[0].line, qs[1].choices[0].column) == (4, 4)
    assert [q.section for q in qs] == ["Your experience"] * 3 + [None] * 4
    assert qs[0].required is True


def test_numbers_and_sheet_name_case() -> None:
    data = _workbook({"Survey": [["Type", "Name", "Label"], ["text", 7, "Why did you join?"]]})
    (q,) = extract(data, "t.xlsx")
    assert (q.id, q.text, q.line, q.column) == ("7", "Why did you join?", 2, 3)


def test_sheet_without_label_column() -> None:
    data = _workbook({"survey": [["type", "name", "hint"], ["text", "a", "A hint"]]})
    with pytest.raises(InputError) as info:
        extract(data, "nolabel.xlsx")
    assert info.value.path == "nolabel.xlsx"
    assert info.value.detail == "sheet 'survey' has no 'label' column; its columns are: type, name, hint"


def test_workbook_without_survey_sheet_is_not_a_survey() -> None:
    data = _workbook({"Budget": [["item", "cost"], ["room", 100]]})
    with pytest.raises(NotASurvey, match="no 'survey' sheet"):
        extract(data, "budget.xlsx")


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_damaged_files_are_input_errors(data: bytes) -> None:
    with pytest.raises(InputError, match="not an .xlsx workbook"):
        extract(data, "bad.xlsx")


def test_zip_that_is_not_a_workbook() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="cannot read workbook"):
        extract(out.getvalue(), "bad.xlsx")


def test_workbook_with_damaged_sheet_xml() -> None:
    good = _workbook({"survey": [["type", "name", "label"], ["text", "a", "Why?"]]})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]
            dst.writestr(info, data)
    with pytest.raises(InputError, match="cannot read workbook"):
        extract(out.getvalue(), "bad.xlsx")


def test_registered_as_binary() -> None:
    assert extract_by_suffix(FORM.read_bytes(), "form.xlsx", ".xlsx")[0].id == "pace"


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_only_raise_user_errors(data: bytes) -> None:
    try:
        questions = extract(b"PK\x03\x04" + data, "h.xlsx")
    except (InputError, NotASurvey) as exc:
        assert str(exc)  # a user error says what is wrong
    else:
        assert all(q.path == "h.xlsx" and q.text for q in questions)


def test_zip_bomb_is_refused_before_anything_is_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    # A valid workbook plus 201 MB of zeros that deflate to about 200 kB: the declared sizes
    # are summed before any part is read, so nothing is inflated.
    out = io.BytesIO(_workbook({"survey": [["type", "name", "label"], ["text", "a", "Why?"]]}))
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as zf, zf.open("xl/media/pad.bin", "w") as fh:
        chunk = bytes(1024 * 1024)
        for _ in range(201):
            fh.write(chunk)
    data = out.getvalue()
    assert len(data) < 2 * 1024 * 1024
    read: list[str] = []
    real_read = zipfile.ZipFile.read
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda self, name, pwd=None: read.append(name) or real_read(self, name, pwd))
    with pytest.raises(InputError, match="expands to more than 200 MB; not read"):
        extract(data, "bomb.xlsx")
    assert read == []


# -- label languages (pyxform's rule: the plain label column is the default language) ------------


def _langs(header: list[str], row: list[str], settings: list[list[str]] | None = None) -> str:
    sheets: dict[str, list[list[object]]] = {"survey": [["type", "name", *header], ["text", "a", *row]]}
    if settings is not None:
        sheets["settings"] = settings
    (q,) = extract(_workbook(sheets), "l.xlsx")
    return q.text


def test_plain_label_is_the_default_language_before_other_languages() -> None:
    # no English column: the plain label (the form's default language) before the first language column
    assert _langs(["label::French (fr)", "label", "label::German (de)"], ["Pourquoi ?", "Why not?", "Warum?"]) == \
        "Why not?"


def test_english_column_wins_over_the_plain_label() -> None:
    assert _langs(["label", "label::English (en)"], ["Pourquoi ?", "Why?"]) == "Why?"


def test_default_language_of_the_settings_sheet() -> None:
    settings = [["form_title", "default_language"], ["T", "English (en)"]]
    # the plain label is declared English, so it wins over the first language column
    assert _langs(["label::French (fr)", "label"], ["Pourquoi ?", "Why?"], settings) == "Why?"
    # a named default language without English: its column, before the first one
    settings = [["form_title", "default_language"], ["T", "German (de)"]]
    assert _langs(["label::French (fr)", "label::German (de)"], ["Pourquoi ?", "Warum?"], settings) == "Warum?"


def test_choices_follow_the_survey_label_language() -> None:
    sheets: dict[str, list[list[object]]] = {
        "survey": [["type", "name", "label::French (fr)", "label"], ["select_one yn", "a", "Ça va ?", "Fine?"]],
        "choices": [["list_name", "name", "label", "label::French (fr)"], ["yn", "y", "Sure", "Oui"],
                    ["yn", "n", "Nope", "Non"]],
        "settings": [["default_language"], ["Spanish (es)"]],
    }
    (q,) = extract(_workbook(sheets), "c.xlsx")
    assert (q.text, [c.text for c in q.choices]) == ("Fine?", ["Sure", "Nope"])


def test_limits_that_cut_a_sheet_short_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from askwell.errors import InputErrors
    from askwell.sources import xlsform

    monkeypatch.setattr(xlsform, "MAX_ROWS", 3)
    monkeypatch.setattr(xlsform, "MAX_COLUMNS", 4)
    rows: list[list[object]] = [["type", "name", "label"]] + [["text", f"q{i}", f"Question {i}?"] for i in range(5)]
    rows[1] += ["", "far away"]
    with pytest.raises(InputErrors) as info:
        extract(_workbook({"survey": rows}), "big.xlsx")
    assert [q.text for q in info.value.questions] == ["Question 0?", "Question 1?"]
    assert [(p.line, p.detail) for p in info.value.problems] == [
        (4, "sheet 'survey' has cells past row 3, askwell's limit; the rows after it were not read"),
        (None, "sheet 'survey' has cells past column 4 (D), askwell's limit; the columns after it were not read"),
    ]
