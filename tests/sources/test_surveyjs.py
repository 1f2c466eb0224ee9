"""SurveyJS JSON: elements, panels, localised strings, matrix rows, exact positions, bad JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from askwell.errors import InputError, NotASurvey
from askwell.sources import extract as extract_by_suffix
from askwell.sources.json_survey import extract

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "surveyjs-form.json"


def _find(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def test_example_form() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    qs = extract(text, "examples/surveyjs-form.json")
    assert [(q.id, q.type) for q in qs] == [
        ("pace", "scale"), ("instructors", "single"), ("liked", "yes-no"), ("confidence", "scale"),
        ("confidence.shell", "scale"), ("confidence.git", "scale"), ("tools", "multiple"), ("change", "open")]
    assert qs[2].text == "Did you like the workshop?"  # the default of a localisation dict
    assert [c.text for c in qs[0].choices][2] == "About right"
    assert [c.text for c in qs[6].choices][-1] == "Other"  # showOtherItem
    assert qs[4].text == "Moving around folders from the command line"
    assert [c.text for c in qs[4].choices] == [c.text for c in qs[3].choices]
    assert qs[4].section == qs[3].text
    assert [q.section for q in qs][:3] == ["About the sessions"] * 3
    assert qs[6].section == "Your own work" and qs[7].section == "Looking ahead"
    assert {q.title for q in qs} == {"Post-workshop feedback"}
    assert qs[0].required is True


def test_example_positions() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    qs = extract(text, "x.json")
    assert (qs[0].line, qs[0].column) == _find(text, "How would you rate") == (11, 21)
    assert (qs[2].line, qs[2].column) == _find(text, "Did you like")
    assert (qs[4].line, qs[4].column) == _find(text, "Moving around")
    ins = qs[1].choices
    assert [(c.text, c.line, c.column) for c in ins] == [("Agree", 20, 41), ("Strongly agree", 21, 50)]
    for q in qs:
        for i, ch in enumerate(q.text):
            line, column = q.position(i)
            assert lines[line - 1][column - 1] == ch


def test_escapes_map_to_their_backslash() -> None:
    text = '{"elements": [{"type": "text", "name": "a", "title": "Caf\\u00e9 \\"open\\" \\ud83d\\ude00 hours?"}]}'
    (q,) = extract(text, "e.json")
    assert q.text == 'Café "open" \U0001F600 hours?'
    start = text.index("Caf")
    assert (q.line, q.column) == (1, start + 1)
    assert q.position(3) == (1, start + 4)  # é is \u00e9
    assert q.position(4) == (1, start + 10)  # the space after the escape
    assert q.position(q.text.index("open")) == (1, text.index("open") + 1)
    assert q.position(q.text.index("hours")) == (1, text.index("hours") + 1)


def test_nested_panels_and_dynamic_panels() -> None:
    data = {"elements": [
        {"type": "panel", "name": "p1", "title": "Outer", "elements": [
            {"type": "panel", "name": "p2", "elements": [
                {"type": "dropdown", "name": "d", "title": "Where did you hear about us?",
                 "choices": ["Friend", {"value": 2, "text": {"default": "Mailing list", "fr": "Liste"}}, 3]}]},
            {"type": "paneldynamic", "name": "pd", "title": "Each session", "templateElements": [
                {"type": "text", "name": "t", "title": "What did you learn in this session?"}]}]},
        {"type": "tagbox", "name": "tb", "title": "Which topics interest you?", "choices": ["A", "B"]},
        {"type": "expression", "name": "x", "title": "Total"},
        {"type": "image", "name": "img"},
        {"type": "ranking", "name": "r", "title": "Rank these topics.", "choices": ["A", "B"]},
        {"type": "radiogroup", "name": "yn", "title": "Is this your first workshop?", "choices": ["Yes", "No"]},
        {"type": "text", "name": "named_only"},
    ]}
    qs = extract(json.dumps(data, indent=2), "p.json")
    assert [(q.id, q.type, q.section) for q in qs] == [
        ("d", "single", "Outer"), ("t", "open", "Each session"), ("tb", "multiple", None),
        ("r", "unknown", None), ("yn", "yes-no", None), ("named_only", "open", None)]
    assert [c.text for c in qs[0].choices] == ["Friend", "Mailing list", "3"]
    assert qs[0].choices[1].line is not None and qs[0].choices[2].line is None
    assert qs[-1].text == "named_only"


def test_placeholders_are_masked() -> None:
    data = {"elements": [{"type": "comment", "name": "c", "title": "Thanks {name}, what would you change?"}]}
    (q,) = extract(json.dumps(data), "m.json")
    assert q.masked == ((7, 13),)


def test_localised_title_prefers_english() -> None:
    data = {"pages": [{"elements": [{"type": "comment", "name": "c",
                                     "title": {"fr": "Pourquoi ?", "en": "Why?", "default": "Warum?"}}]}]}
    assert extract(json.dumps(data), "l.json")[0].text == "Why?"


@pytest.mark.parametrize("text", ['{"name": "my-package", "version": "1.0.0"}', "[1, 2, 3]", '"pages"',
                                  '{"$schema": "x", "properties": {}}'])
def test_other_json_is_not_a_survey(text: str) -> None:
    with pytest.raises(NotASurvey, match="not a SurveyJS survey"):
        extract(text, "package.json")


def test_invalid_json_reports_line_and_column() -> None:
    with pytest.raises(InputError) as info:
        extract('{\n  "pages": [\n    {"elements": [}\n  ]\n}\n', "bad.json")
    assert (info.value.line, info.value.column) == (3, 19)
    assert info.value.detail == "invalid JSON: Expecting value"


def test_deep_nesting_is_an_input_error() -> None:
    with pytest.raises(InputError, match="nested too deeply"):
        extract('{"pages": ' + "[" * 100_000 + "]" * 100_000 + "}", "deep.json")
    panel = '{"type": "panel", "elements": [%s]}'
    inner = "{}"
    for _ in range(400):
        inner = panel % inner
    with pytest.raises(InputError, match="nested too deeply"):
        extract('{"elements": [%s]}' % inner, "deep.json")


def test_registered_by_suffix() -> None:
    data = EXAMPLE.read_bytes()
    assert extract_by_suffix(data, "f.json", ".json")[0].id == "pace"


_JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
              st.sampled_from(["radiogroup", "matrix", "panel", "boolean", "rating", "multipletext"])),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(["pages", "elements", "type", "title", "name", "choices", "rows",
                                         "columns", "templateElements", "items", "text", "value", "default",
                                         "hasOther", "rateValues", "en"]), children, max_size=5)),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), _JSONISH.map(json.dumps)))
def test_arbitrary_text_only_raises_user_errors(text: str) -> None:
    try:
        qs = extract(text, "h.json")
    except (InputError, NotASurvey):
        return
    for q in qs:
        for i in range(len(q.text) + 1):
            q.position(i)


def test_multipletext_title_is_linted_as_well_as_its_items() -> None:
    text = json.dumps({"elements": [
        {"type": "multipletext", "name": "contact", "title": "Please tell us how to reach you",
         "items": [{"name": "email", "title": "Your email"}, {"name": "phone"}]},
        {"type": "multipletext", "name": "untitled", "items": [{"name": "a", "title": "First item"}]},
    ]}, indent=1)
    qs = extract(text, "m.json")
    assert [(q.text, q.type, q.id, q.section) for q in qs] == [
        ("Please tell us how to reach you", "open", "contact", None),
        ("Your email", "open", "email", "Please tell us how to reach you"),
        ("phone", "open", "phone", "Please tell us how to reach you"),
        # no title: the name is not prose to lint, but it still groups the items
        ("First item", "open", "a", "untitled"),
    ]
    assert (qs[0].line, qs[0].column) == _find(text, "Please tell us")


def test_matrixdropdown_columns_are_questions() -> None:
    text = json.dumps({"elements": [
        {"type": "matrixdropdown", "name": "tools", "title": "About the tools you use",
         "choices": ["Never", "Sometimes", "Often"], "rows": ["Git", "Python"],
         "columns": [{"name": "use", "title": "How often do you use it?"},
                     {"name": "why", "title": "What do you use it for?", "cellType": "comment"},
                     {"name": "bare"}]},
    ]})
    qs = extract(text, "d.json")
    assert [(q.text, q.type, q.id, q.section, [c.text for c in q.choices]) for q in qs] == [
        ("About the tools you use", "unknown", "tools", None, ["Never", "Sometimes", "Often"]),
        ("How often do you use it?", "single", "tools.use", "About the tools you use", ["Never", "Sometimes", "Often"]),
        ("What do you use it for?", "open", "tools.why", "About the tools you use", []),
    ]
