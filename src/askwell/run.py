"""One lint run, wired stage by stage: sources → engine (NLP + rules) → policy → scoring → Report."""

from __future__ import annotations

from pathlib import Path

from askwell import policy, scoring, sources
from askwell.config import Config, active_rules
from askwell.engine import Engine
from askwell.model import FileError, Question, Report
from askwell.nlp import Pipeline
from askwell.rules.packs import core_values


def lint(paths: list[str], config: Config, texts: list[str] | None = None, stdin: str | None = None,
         stdin_filename: str | None = None, jobs: int = 1, pipeline: Pipeline | None = None) -> Report:
    """Lint files, folders, stdin and text drafts with one config; never raises on bad input."""
    files: list[tuple[str, tuple[Question, ...]]] = []
    errors: list[FileError] = []
    notes: list[str] = []
    found, missing = sources.discover(paths, tuple(config.exclude))
    errors.extend(missing)
    for path in found:
        loaded = sources.load(path)
        if loaded.error:
            errors.append(loaded.error)
        elif loaded.note:
            notes.append(loaded.note)
        else:
            files.append((loaded.path, loaded.questions))
    if stdin is not None:
        name = stdin_filename or "-"
        if stdin_filename and Path(stdin_filename).suffix.lower() not in (".txt", ""):
            loaded = sources.load_bytes(stdin.encode("utf-8"), name, Path(stdin_filename).suffix)
        else:
            loaded = sources.load_text(stdin, name)
        if loaded.error:
            errors.append(loaded.error)
        else:
            files.append((loaded.path, loaded.questions))
    for i, text in enumerate(texts or []):
        loaded = sources.load_text(text, "<text>" if len(texts or []) == 1 else f"<text {i + 1}>")
        files.append((loaded.path, loaded.questions))
    engine = Engine(config, active_rules(config), pipeline or Pipeline(config.model), n_process=jobs)
    checked = policy.apply(engine.run(files))
    return scoring.build_report(checked, errors, config.weights, [v.id for v in core_values()],
                                files=len(files) + len(errors), notes=notes)
