"""The progress line: done/total/rate, redrawn as batches finish, off where it would clutter."""

from __future__ import annotations

import io

import pytest

from askwell.progress import DELAY, Progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_shows_done_total_and_rate_then_clears() -> None:
    out, clock = Tty(), Clock()
    with Progress(1000, out, clock=clock) as bar:
        bar.update(64)
        assert out.getvalue() == ""  # short runs never show it
        clock.now = DELAY + 1.5
        bar.update(64)
        assert "128/1,000 questions" in out.getvalue() and "64/s" in out.getvalue()
        clock.now += 0.01
        bar.update(64)  # too soon after the last redraw
        assert out.getvalue().count("\r") == 1
        clock.now += 1
        bar.update(64)
        assert "256/1,000" in out.getvalue()
    assert out.getvalue().endswith("\r\x1b[2K")


def test_off_when_disabled_or_empty() -> None:
    out, clock = Tty(), Clock()
    for bar in (Progress(100, out, enabled=False, clock=clock), Progress(0, out, clock=clock)):
        clock.now = 10
        bar.update(5)
        bar.close()
    assert out.getvalue() == ""


@pytest.mark.parametrize(("env", "tty", "wanted"), [({}, True, True), ({}, False, False),
                                                    ({"NO_COLOR": "1"}, True, False), ({"CI": "true"}, True, False)])
def test_wanted(env: dict, tty: bool, wanted: bool, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("CI", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert Progress.wanted(Tty() if tty else io.StringIO()) is wanted


def test_engine_reports_every_batch(pipeline, default_config) -> None:  # type: ignore[no-untyped-def]
    from askwell.config import active_rules
    from askwell.engine import BATCH, Engine
    from askwell.model import OffsetMap, Question

    questions = tuple(Question(text=f"What did you learn in lesson {i}?", path="p.txt", line=i + 1, column=1,
                               offsets=OffsetMap.at(i + 1, 1)) for i in range(BATCH * 2 + 5))
    calls: list[int] = []
    Engine(default_config, active_rules(default_config), pipeline).hits([("p.txt", questions)], calls.append)
    assert len(calls) == 3 and sum(calls) == len(questions)
