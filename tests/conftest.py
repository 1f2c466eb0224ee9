"""Shared fixtures: one spaCy pipeline for the whole test session (loading it is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from askwell.config import Config, active_rules, load
from askwell.nlp import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """A loaded pipeline shared by every test."""
    p = Pipeline()
    p.nlp  # load once, up front
    return p


@pytest.fixture(scope="session")
def default_config() -> Config:
    """The default (carpentries) config with no project file."""
    return load(None)


@pytest.fixture()
def lint_text(pipeline: Pipeline, default_config: Config):  # type: ignore[no-untyped-def]
    """Lint one question text (with optional type/choices) and return its findings."""
    from askwell.engine import Engine
    from askwell.model import Choice, OffsetMap, Question

    engine = Engine(default_config, active_rules(default_config), pipeline)

    def run(text: str, qtype: str = "unknown", choices: tuple[str, ...] = (), config: Config | None = None):  # type: ignore[no-untyped-def]
        eng = engine if config is None else Engine(config, active_rules(config), pipeline)
        q = Question(text=text, path="t.txt", line=1, column=1, offsets=OffsetMap.at(1, 1), type=qtype,
                     choices=tuple(Choice(c) for c in choices))
        return eng.run([("t.txt", (q,))])[0].findings

    run.pipeline = pipeline  # type: ignore[attr-defined]
    return run
