"""One real Report shared by every reporter test: the whole pipeline on the files in ``data/``.

The run happens from this folder with relative paths, so the paths in every output
(and in the golden files) are ``data/…`` wherever the tests are started from.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from askwell.config import Config
from askwell.model import Report
from askwell.nlp import Pipeline
from askwell.run import lint

HERE = Path(__file__).resolve().parent
# A plain-text file, a Markdown page (a finding across a soft line break, a fix inside
# **bold**), a survey with answer options, a broken YAML file and a missing file.
INPUTS = ["data/survey.txt", "data/feedback.md", "data/survey.yaml", "data/broken.yaml", "data/missing.txt"]


@pytest.fixture(scope="session")
def report(pipeline: Pipeline, default_config: Config) -> Report:
    """The shared Report (read-only: it is frozen)."""
    before = os.getcwd()
    os.chdir(HERE)
    try:
        return lint(INPUTS, default_config, pipeline=pipeline)
    finally:
        os.chdir(before)


def make_report(text: str, findings: list[dict], path: str = "q.txt", choices: tuple[str, ...] = ()) -> Report:
    """A one-question Report built by hand, for edge cases the real rules do not produce."""
    from askwell.model import Choice, Finding, OffsetMap, Question, QuestionResult, Summary

    q = Question(text=text, path=path, line=1, column=1, offsets=OffsetMap.at(1, 1),
                 choices=tuple(Choice(c) for c in choices))
    built = []
    for spec in findings:
        start, end = spec.get("start", 0), spec.get("end", 0)
        fields = {"rule": "loaded-words", "category": "leading", "severity": "warning", "message": "m",
                  "line": 1, "column": start + 1, "end_line": 1, "end_column": end + 1, "values": ("act-openly",)}
        fields.update(spec)
        built.append(Finding(**{"start": start, "end": end, **fields}))
    by_sev = {s: sum(f.severity == s for f in built) for s in ("error", "warning", "info")}
    summary = Summary(files=1, questions=1, findings=len(built), by_severity=by_sev, score=90.0,
                      values={"act-openly": 90.0}, file_scores={path: 90.0})
    return Report(results=(QuestionResult(q, tuple(built), 90.0),), errors=(), summary=summary)


@pytest.fixture()
def one_question():  # type: ignore[no-untyped-def]
    """The ``make_report`` factory, as a fixture (test modules cannot import a conftest reliably)."""
    return make_report
