"""XLSForm CSV options live in choices.csv: their findings point into that file, at the option."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from askwell.cli import main
from askwell.sources import load

ROOT = Path(__file__).resolve().parents[2]


def test_choices_carry_their_own_file_and_position(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    loaded = load(Path("examples/xlsform/survey.csv"))
    choice = next(c for q in loaded.questions for c in q.choices if c.text == "Agree")
    assert choice.path == "examples/xlsform/choices.csv"
    line = (ROOT / choice.path).read_text(encoding="utf-8").splitlines()[choice.line - 1]
    assert line[choice.column - 1:].startswith("Agree")


def test_option_finding_is_reported_in_the_choices_file(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "examples/xlsform/survey.csv"])
    found = [f for q in json.loads(result.stdout)["questions"] for f in q["findings"] if f["rule"] == "unbalanced-scale"]
    assert found and found[0]["path"] == "examples/xlsform/choices.csv"
    assert (found[0]["line"], found[0]["column"]) == (7, 17)
