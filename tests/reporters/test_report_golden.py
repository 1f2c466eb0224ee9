"""Every format's output for the shared Report, compared byte for byte with tests/reporters/golden/.

After an intended change, refresh the golden files with
``ASKWELL_UPDATE_GOLDEN=1 pytest tests/reporters`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from askwell import reporters
from askwell.model import Report

GOLDEN = Path(__file__).resolve().parent / "golden"
FILES = {"text": "report.txt", "json": "report.json", "sarif": "report.sarif", "github": "report.github.txt",
         "markdown": "report.md", "html": "report.html"}


@pytest.mark.parametrize("fmt", list(FILES))
def test_matches_golden(fmt: str, report: Report) -> None:
    output = reporters.get(fmt).render(report)
    path = GOLDEN / FILES[fmt]
    if os.environ.get("ASKWELL_UPDATE_GOLDEN") == "1":
        path.write_bytes(output.encode("utf-8"))
    assert path.is_file(), f"no golden file {path}; run with ASKWELL_UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert output == expected, f"{fmt} output differs from {path.name}; if intended, rerun with ASKWELL_UPDATE_GOLDEN=1"


@pytest.mark.parametrize("fmt", list(FILES))
def test_deterministic(fmt: str, report: Report) -> None:
    assert reporters.get(fmt).render(report) == reporters.get(fmt).render(report)


def test_every_format_is_available() -> None:
    assert set(FILES) <= set(reporters.available())


def test_report_covers_the_cases(report: Report) -> None:
    """Guard the fixture itself: the golden files only test what the Report contains."""
    severities = {f.severity for r in report.results for f in r.findings}
    assert severities == {"error", "warning", "info"}
    assert {e.path for e in report.errors} == {"data/broken.yaml", "data/missing.txt"}
    assert any(f.fix for r in report.results for f in r.findings)
    assert any(f.end_line > f.line for r in report.results for f in r.findings)
    assert all(not Path(r.question.path).is_absolute() for r in report.results)
