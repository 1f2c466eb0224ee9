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
