"""Qualtrics QSF exports: question elements, HTML stripping with positions, types, bad exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from askwell.errors import InputError, NotASurvey
from askwell.sources import extract as extract_by_suffix
from askwell.sources.qualtrics import extract, strip_html

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "qualtrics-export.qsf"


def _find(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _sq(qid: str, payload: dict) -> dict:
    return {"SurveyID": "SV_t", "Element": "SQ", "PrimaryAttribute": qid, "Payload": payload}


def _qsf(*elements: dict) -> str:
    return json.dumps({"SurveyEntry": {"SurveyName": "T"}, "SurveyElements": list(elements)}, indent=1)


def test_example_export() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    qs = extract(text, "examples/qualtrics-export.qsf")
    assert [(q.id, q.type) for q in qs] == [
        ("pace", "single"), ("instructors", "single"), ("liked", "yes-no"), ("confidence", "scale"),
        ("confidence.1", "scale"), ("confidence.2", "scale"), ("tools", "multiple"), ("change", "open")]
    assert qs[0].text == "How would you rate the pace of the workshop?"
    assert qs[1].text == "Don't you agree that the instructors were excellent?"
    assert qs[6].text == "Which tools from the workshop do you plan to use in your own work? Select all that apply."
    assert [c.text for c in qs[3].choices] == ["Not at all confident", "Slightly confident",
                                               "Moderately confident", "Very confident"]
    assert qs[4].text == "Moving around folders from the command line"
    assert [q.section for q in qs][:4] == ["About the sessions"] * 4
    assert qs[7].section == "Looking ahead"
    assert {q.title for q in qs} == {"Post-workshop feedback"}
    # the descriptive-text block and the trashed question are not questions
    assert all("Thank you" not in q.text and "deleted" not in q.text for q in qs)


def test_example_positions_through_html() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    qs = extract(text, "x.qsf")
    pace = qs[0]
    assert (pace.line, pace.column) == _find(text, "How would you rate the <strong>") == (33, 31)
    assert pace.position(pace.text.index("pace")) == _find(text, "pace</strong>")
    assert pace.position(pace.text.index("of the")) == _find(text, " of the workshop?</div>")[:1] + (
        _find(text, " of the workshop?</div>")[1] + 1,)
    instructors = qs[1]
    assert instructors.position(3) == _find(text, "&#39;")  # the apostrophe is an entity
    entity = _find(text, "&#39;t you agree")
    assert instructors.position(4) == (entity[0], entity[1] + len("&#39;"))
    assert [(c.text, c.line, c.column) for c in pace.choices][:2] == [
        ("Much too slow", 39, 29), ("A little too slow", 40, 29)]
    for q in qs:
        for i, ch in enumerate(q.text):
            line, column = q.position(i)
            src = lines[line - 1][column - 1]
            assert src == ch or src in "&<", (q.id, i)


def test_strip_html() -> None:
    text, index = strip_html("<p>Fish &amp; chips</p><br/>  <b>today</b>?<script>x()</script>")
    assert text == "Fish & chips today?"
    assert index[0] == 3 and index[5] == 8


def test_choice_order_and_selectors() -> None:
    text = _qsf(
        _sq("QID1", {"QuestionText": "Pick one?", "QuestionType": "MC", "Selector": "DL", "DataExportTag": "Q1",
                     "Choices": {"1": {"Display": "A"}, "2": {"Display": "B"}, "3": {"Display": "C"}},
                     "ChoiceOrder": [3, "1", 2]}),
        _sq("QID2", {"QuestionText": "Pick some?", "QuestionType": "MC", "Selector": "MACOL",
                     "Choices": {"1": {"Display": "<i>X</i>"}}}),
        _sq("QID3", {"QuestionText": "Rate it.", "QuestionType": "Slider", "Selector": "HSLIDER"}),
        _sq("QID4", {"QuestionText": "Describe it.", "QuestionType": "TE", "Selector": "SL"}),
        _sq("QID5", {"QuestionText": "Order these.", "QuestionType": "RO", "Selector": "DND"}),
        _sq("QID6", {"QuestionText": "Recommend us?", "QuestionType": "MC", "Selector": "NPS"}),
        _sq("QID7", {"QuestionText": "Hello ${e://Field/name}, how are you?", "QuestionType": "TE"}),
        _sq("QID8", {"QuestionText": "Intro text", "QuestionType": "DB", "Selector": "TB"}),
        _sq("QID9", {"QuestionText": "Timing", "QuestionType": "Timing"}),
    )
    qs = extract(text, "t.qsf")
    assert [(q.id, q.type) for q in qs] == [
        ("Q1", "single"), ("QID2", "multiple"), ("QID3", "scale"), ("QID4", "open"), ("QID5", "unknown"),
        ("QID6", "scale"), ("QID7", "open")]
    assert [c.text for c in qs[0].choices] == ["C", "A", "B"]
    assert [c.text for c in qs[1].choices] == ["X"]
    assert qs[6].masked == ((6, 23),)


def test_not_a_qsf() -> None:
    with pytest.raises(InputError) as info:
        extract('{"pages": []}', "x.qsf")
    assert info.value.detail == "not a Qualtrics survey export: no 'SurveyElements'"


def test_invalid_json() -> None:
    with pytest.raises(InputError) as info:
        extract('{"SurveyElements": [\n  {"Element": "SQ",}\n]}', "x.qsf")
    assert info.value.line == 2 and info.value.detail.startswith("invalid JSON")


def test_broken_payloads_are_skipped() -> None:
    text = _qsf(_sq("QID1", {"QuestionType": "MC"}), {"Element": "SQ", "PrimaryAttribute": "QID2"},
                _sq("QID3", {"QuestionText": "Still here?", "QuestionType": "TE", "Choices": "odd"}))
    qs = extract(text, "t.qsf")
    assert [q.text for q in qs] == ["Still here?"]


def test_nothing_usable_names_the_element() -> None:
    text = _qsf({"Element": "BL", "Payload": []}, _sq("QID1", {"QuestionType": "MC", "Choices": {}}))
    with pytest.raises(InputError) as info:
        extract(text, "t.qsf")
    assert info.value.detail == "no usable question: SurveyElements[1] (QID1): no 'QuestionText' in its Payload"


def test_empty_survey() -> None:
    assert extract(_qsf(), "t.qsf") == []


def test_deep_nesting() -> None:
    with pytest.raises(InputError, match="nested too deeply"):
        extract('{"SurveyElements": ' + "[" * 50_000, "deep.qsf")


def test_registered_by_suffix() -> None:
    assert extract_by_suffix(EXAMPLE.read_bytes(), "e.qsf", ".qsf")[0].id == "pace"


_QSFISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
              st.sampled_from(["SQ", "BL", "MC", "TE", "Matrix", "SAVR", "MAVR", "<b>Hi</b> &amp;", "Trash"])),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(["SurveyElements", "Element", "Payload", "QuestionText", "QuestionType",
                                         "Selector", "Choices", "ChoiceOrder", "Display", "Answers",
                                         "DataExportTag", "PrimaryAttribute", "BlockElements", "QuestionID",
                                         "Type", "Description", "SurveyEntry", "SurveyName"]),
                        children, max_size=5)),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), _QSFISH.map(json.dumps)))
def test_arbitrary_text_only_raises_user_errors(text: str) -> None:
    try:
        qs = extract(text, "h.qsf")
    except (InputError, NotASurvey):
        return
    for q in qs:
        for i in range(len(q.text) + 1):
            q.position(i)
