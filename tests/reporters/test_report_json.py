"""The JSON reporter writes a question at a time; its bytes must be those of one ``json.dumps``."""

from __future__ import annotations

import dataclasses
import json

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
