"""The JSON reporter writes a question at a time; its bytes must be those of one ``json.dumps``."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from askwell.model import Report
from askwell.reporters.json_report import JsonReporter, report_dict


def _whole(report: Report) -> str:
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"


def test_same_bytes_as_one_dump(report: Report) -> None:
    # The shared report has questions with and without findings, choices, a fix and two file errors.
    assert report.errors and any(r.findings for r in report.results) and any(not r.findings for r in report.results)
    assert JsonReporter().render(report) == _whole(report)


def test_same_bytes_without_questions_or_errors(report: Report) -> None:
    for changed in (dataclasses.replace(report, results=()), dataclasses.replace(report, errors=()),
                    dataclasses.replace(report, results=(), errors=())):
        assert JsonReporter().render(changed) == _whole(changed)


def test_same_bytes_with_newlines_and_unicode_in_text(one_question) -> None:  # type: ignore[no-untyped-def]
    report = one_question("Was it “great”\nor\tfine? ✓ é", [{"start": 4, "end": 6, "suggestion": "a\nb",
                                                             "message": 'say "why"'}])
    assert JsonReporter().render(report) == _whole(report)
    assert json.loads(JsonReporter().render(report))["questions"][0]["text"] == "Was it “great”\nor\tfine? ✓ é"


def test_same_bytes_across_batch_boundaries(report: Report, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from askwell.reporters import json_report

    assert len(report.results) > 3
    for batch in (1, 2, 3):
        monkeypatch.setattr(json_report, "BATCH", batch)
        assert JsonReporter().render(report) == _whole(report)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_encoder_spells_any_value_as_json_dumps_does(value) -> None:  # type: ignore[no-untyped-def]
    from askwell.reporters.json_report import encode

    out: list[str] = []
    encode(value, "", out)
    assert "".join(out) == json.dumps(value, indent=2, ensure_ascii=False)


def test_encoder_refuses_what_is_not_plain_report_data() -> None:
    from askwell.reporters.json_report import encode

    # Stricter than json.dumps, which would turn an integer key into a string: report data has none.
    for bad in ({1: "integer key"}, {"set": {1, 2}}, [object()]):
        with pytest.raises(TypeError):
            encode(bad, "", [])
