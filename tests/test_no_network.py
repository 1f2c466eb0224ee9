"""askwell never touches the network at run time: with sockets blocked, every command works."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]


class NetworkUsed(AssertionError):
    """Raised by the blocked socket functions."""


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkUsed(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_full_lint_with_sockets_blocked(no_network: None) -> None:
    # A fresh pipeline: model loading, textstat's syllables and wordfreq's data must all be local.
    from askwell.config import load
    from askwell.nlp import Pipeline, reading_grade
    from askwell.run import lint

    reading_grade.cache_clear()
    report = lint([str(ROOT / "examples")], load(None, {"select": ["all"]}), pipeline=Pipeline())
    assert report.summary.questions > 5
    assert report.summary.findings > 0
    assert any(f.rule == "rare-words" or f.category == "jargon" for r in report.results for f in r.findings)


@pytest.mark.parametrize("args", [
    ["check", "--format", "json", str(ROOT / "examples")],
    ["check", "--format", "text", "--text", "Any questions?"],
    ["rules", "--all"], ["rules", "--format", "markdown"], ["explain", "closed-question"], ["--help"],
])
def test_every_command_with_sockets_blocked(no_network: None, args: list[str]) -> None:
    result = CliRunner().invoke(main_cli(), args)
    assert not isinstance(result.exception, NetworkUsed), result.exception
    assert result.exit_code in (0, 1), result.output


def main_cli():  # type: ignore[no-untyped-def]
    from askwell.cli import main

    return main


@pytest.mark.parametrize("args", [
    ["--format", "sarif"], ["--format", "html"], ["--format", "markdown"], ["--format", "github"],
    ["--statistics"], ["--format", "sarif", "--output", "{tmp}/report.sarif"],
    ["--write-baseline", "{tmp}/baseline.json"],
])
def test_every_check_output_with_sockets_blocked(no_network: None, tmp_path: Path, args: list[str],
                                                 pipeline: object, monkeypatch: pytest.MonkeyPatch) -> None:
    # The session's model (loading one with sockets blocked is the first test's job).
    monkeypatch.setattr("askwell.nlp.Pipeline", lambda *a, **k: pipeline)
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(main_cli(), ["check", "--cache-dir", str(tmp_path), *args, str(ROOT / "examples")])
    assert not isinstance(result.exception, NetworkUsed), result.exception
    assert result.exit_code in (0, 1), result.output
    assert result.output.strip() or (tmp_path / "report.sarif").stat().st_size > 0


def test_baseline_round_trip_with_sockets_blocked(no_network: None, tmp_path: Path, pipeline: object,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("askwell.nlp.Pipeline", lambda *a, **k: pipeline)
    baseline = str(tmp_path / "baseline.json")
    common = ["check", "--cache-dir", str(tmp_path), str(ROOT / "examples")]
    assert CliRunner().invoke(main_cli(), [*common, "--write-baseline", baseline]).exit_code == 0
    result = CliRunner().invoke(main_cli(), [*common, "--baseline", baseline, "--format", "json"])
    assert not isinstance(result.exception, NetworkUsed), result.exception
    assert result.exit_code == 0, result.output
