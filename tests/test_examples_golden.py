"""A golden JSON test on examples/: the whole pipeline, every format, byte for byte.

Run ``ASKWELL_UPDATE_GOLDEN=1 pytest tests/test_examples_golden.py`` to rewrite the golden
file after an intended change, and review the diff like code. An ordinary run never writes it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from askwell.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "examples.json"


def _normalise(text: str) -> str:
    data = json.loads(text)
    data["askwell"] = "<version>"
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_examples_match_golden_json(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "examples/", "--format", "json", "--config", "examples/.askwell.yaml", "--no-cache"])
    assert result.exit_code == 1, result.output
    got = _normalise(result.stdout)
    if os.environ.get("ASKWELL_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(got, encoding="utf-8")
    # A missing golden file is a failure, never written by an ordinary test run.
    assert GOLDEN.is_file(), f"no golden file {GOLDEN}; run with ASKWELL_UPDATE_GOLDEN=1 to create it"
    assert got == GOLDEN.read_text(encoding="utf-8")


def test_output_is_deterministic(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    runs = [CliRunner().invoke(main, ["check", "examples/", "--format", "json", "--no-cache"]).stdout for _ in range(2)]
    assert runs[0] == runs[1]
