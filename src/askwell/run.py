"""One lint run, wired stage by stage: sources → (cache | NLP + rules) → policy → scoring → Report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from askwell import baseline as baseline_mod
from askwell import language, parallel, policy, scoring, sources
from askwell.config import Config, active_rules
from askwell.engine import Checked, Engine, RuleHit
from askwell.model import FileError, Question, Report
from askwell.nlp import Pipeline

if TYPE_CHECKING:  # pragma: no cover
    from askwell.cache import Cache


@dataclass
class Inputs:
    """The questions of a run, grouped by file, plus what could not be read."""

    files: list[tuple[str, tuple[Question, ...]]] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def file_count(self) -> int:
        """Files read or tried: a file with both questions and errors counts once."""
        return len({path for path, _ in self.files} | {e.path for e in self.errors})


def gather(paths: list[str], config: Config, texts: list[str] | None = None, stdin: str | bytes | None = None,
           stdin_filename: str | None = None, memo: "sources.Memo | None" = None,
           contents: dict[str, bytes] | None = None) -> Inputs:
    """The sources stage for every input of the run; never raises on bad input.

    ``stdin`` is best given as bytes, so that it is decoded like a file. ``memo`` (the
    run's cache) recalls the questions of files whose bytes have not changed.
    ``contents`` (display path → bytes) is read instead of those files on disk: ``--fix``
    lints its edits before it writes them.
    """
    inputs = Inputs()
    found, missing = sources.discover(paths, tuple(config.exclude))
    inputs.errors.extend(missing)
    given = contents or {}
    loaded = [sources.load_bytes(given[p.as_posix()], p.as_posix(), p.suffix) if p.as_posix() in given
              else sources.load(p, memo=memo) for p in found]
    if stdin is not None:
        name = stdin_filename or "-"
        suffix = Path(stdin_filename).suffix.lower() if stdin_filename else ""
        if isinstance(stdin, bytes):
            loaded.append(sources.load_bytes(stdin, name, suffix or ".txt"))
        elif suffix and suffix != ".txt":
            loaded.append(sources.load_bytes(sources.as_bytes(stdin), name, suffix))
        else:
            loaded.append(sources.load_text(stdin, name))
    many = len(texts or []) > 1
    loaded += [sources.load_text(t, f"<text {i + 1}>" if many else "<text>") for i, t in enumerate(texts or [])]
    for item in loaded:
        inputs.errors.extend(item.errors)
        if item.note:
            inputs.notes.append(item.note)
        elif item.questions or not item.errors:  # a file with problems may still have questions to lint
            questions, skipped = language.in_language(item.path, item.questions, config.language,
                                                      known=memo.languages if memo else None)
            if skipped:
                inputs.notes.append(skipped)
            inputs.files.append((item.path, questions))
    return inputs


def check(inputs: Inputs, engine: Engine, cache: "Cache | None" = None,
          progress: Callable[[int], None] | None = None, jobs: int | None = 1) -> list[Checked]:
    """Hits for every file, from the cache where the file is unchanged, then placed as findings.

    Only the uncached files are checked, in ``jobs`` processes (None: as many as pay off
    for their number of questions, ``parallel.auto_jobs``); the cache is read and written
    here, in this process. A file whose worker failed is left out with an error naming it.
    """
    hits: list[list[list[RuleHit]] | None] = [cache.get(qs) if cache else None for _, qs in inputs.files]
    todo = [i for i, h in enumerate(hits) if h is None]
    failed: set[int] = set()
    if todo:
        work = [inputs.files[i] for i in todo]
        if jobs is None:
            jobs = parallel.auto_jobs(sum(len(qs) for _, qs in work))
        outcome = parallel.run_hits(engine, work, jobs, progress)
        inputs.errors.extend(outcome.errors)
        for i, result in zip(todo, outcome.hits):
            if result is None:
                failed.add(i)
                continue
            hits[i] = result
            if cache:
                cache.put(inputs.files[i][1], result)
    if cache:
        from askwell.cache import file_key

        cache.save(keep={file_key(qs) for _, qs in inputs.files})
    if failed:
        inputs.files = [f for i, f in enumerate(inputs.files) if i not in failed]
        hits = [h for i, h in enumerate(hits) if i not in failed]
    return engine.place(inputs.files, [h or [] for h in hits])


def report(inputs: Inputs, checked: list[Checked], config: Config, known: Counter | None = None) -> Report:
    """Policy (suppressions, then the baseline if given) and scoring: the Report reporters render."""
    kept = policy.apply(checked, active_rules(config), config.packs)
    if known is not None:
        kept = baseline_mod.apply(kept, known)
    return scoring.build_report(kept, inputs.errors, config.weights, [v.id for v in config.packs.values],
                                files=inputs.file_count(), notes=inputs.notes)


def prepare(config: Config, pipeline: Pipeline | None = None,
            cache_dir: Path | None = None) -> tuple[Engine, "Cache | None"]:
    """The engine for a run's config and, when a folder is given, its result cache."""
    engine = Engine(config, active_rules(config), pipeline or Pipeline(config.model))
    if cache_dir is None:
        return engine, None
    from askwell.cache import Cache

    return engine, Cache(cache_dir, config)


def lint(paths: list[str], config: Config, texts: list[str] | None = None, stdin: str | None = None,
         stdin_filename: str | None = None, jobs: int | None = 1, pipeline: Pipeline | None = None,
         cache_dir: Path | None = None, baseline: Counter | None = None) -> Report:
    """Lint files, folders, stdin and text drafts with one config; never raises on bad input.

    ``jobs``: processes for the NLP and rules stage (None: chosen by the run's size).
    """
    engine, cache = prepare(config, pipeline, cache_dir)
    inputs = gather(paths, config, texts, stdin, stdin_filename, memo=cache)
    return report(inputs, check(inputs, engine, cache, jobs=jobs), config, baseline)
