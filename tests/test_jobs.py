"""--jobs: worker processes give the same bytes as one process, share the cache, and never hang."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner

from askwell import cache as cache_mod
from askwell import parallel, reporters, run
from askwell.cli import exit_code, main
from askwell.config import Config, active_rules
from askwell.engine import Engine
from askwell.errors import AskwellError
from askwell.model import OffsetMap, Question
from askwell.nlp import Pipeline

QUESTIONS = [
    "Don't you agree that the workshop was great?",
    "Any questions?",
    "How would you rate the pace of the workshop?",
    "Did the instructor explain git and the shell clearly?",
    "What, if anything, would you change about the lessons?",
    "How often do you use R at work?",
    "Was it easy to simply install the software?",
    "What is your gender? (male/female)",
]


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Fail, rather than hang, a test whose run waits on a worker that will never answer."""
    def expired(signum: int, frame: Any) -> None:
        raise TimeoutError("the run hung")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(120)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert not multiprocessing.active_children(), "worker processes were left running"


def _survey(folder: Path) -> Path:
    """A folder of several formats, one big .txt file (cut into parts), and a YAML file that fails to parse."""
    folder.mkdir(exist_ok=True)
    lines = [f"{q[:-1]} in lesson {i}?" if i % 2 else q for i, q in enumerate(QUESTIONS * 6)]
    (folder / "big.txt").write_text("\n".join(lines) + "\n")
    (folder / "drafts.md").write_text("# Feedback\n\nWhat did you learn today?\n\n"
                                      "- Don't you think the notes were useless?\n")
    (folder / "form.yaml").write_text(
        "title: Post-workshop\nquestions:\n"
        "  - id: pace\n    text: How was the pace?\n    type: single\n    choices: [Too slow, Fine]\n"
        "  - text: Obviously the helpers were brilliant, weren't they?\n")
    (folder / "broken.yaml").write_text("questions: [unclosed\n  - text: Why?\n")
    (folder / "small.txt").write_text("Were the exercises useful and fun?\n")
    return folder


def _json(report: Any) -> str:
    return reporters.get("json").render(report)


def _text(report: Any) -> str:
    return reporters.get("text", color=False).render(report)


def test_two_processes_give_the_same_bytes_as_one(tmp_path: Path, pipeline: Pipeline,
                                                  default_config: Config) -> None:
    folder = _survey(tmp_path / "surveys")
    one = run.lint([str(folder)], default_config, jobs=1, pipeline=pipeline)
    two = run.lint([str(folder)], default_config, jobs=2, pipeline=pipeline)
    three = run.lint([str(folder)], default_config, jobs=3, pipeline=pipeline)
    assert _json(two) == _json(one) == _json(three)
    assert _text(two) == _text(one)
    assert [e.path for e in two.errors] == [str(folder / "broken.yaml")]  # the parse error, named as before
    assert exit_code(two, "error", 0) == 2
    assert two.summary.questions == 48 + 2 + 2 + 1


def test_spawned_workers_give_the_same_hits(tmp_path: Path, pipeline: Pipeline, default_config: Config) -> None:
    """The start method used where fork is not (macOS, Windows): everything the workers need is pickled."""
    folder = _survey(tmp_path / "surveys")
    inputs = run.gather([str(folder)], default_config)
    engine = Engine(default_config, active_rules(default_config), pipeline)
    spawned = parallel.run_hits(engine, inputs.files, 2, method="spawn")
    assert spawned.errors == []
    assert spawned.hits == engine.hits(inputs.files)


def test_plan_covers_every_question_once_in_order() -> None:
    def file(name: str, n: int) -> tuple[str, tuple[Question, ...]]:
        return name, tuple(Question(text=f"Q{i}?", path=name, line=i + 1, column=1,
                                    offsets=OffsetMap.at(i + 1, 1)) for i in range(n))

    files = [file("a", 3), file("empty", 0), file("big", 1000), file("b", 5)]
    for jobs in (1, 2, 3):
        for lead in (0, 10, 5000):
            parts = parallel.plan(files, jobs, lead=lead)
            covered = [(f, k) for part in parts for f, lo, hi in part for k in range(lo, hi)]
            assert covered == [(f, k) for f, (_, qs) in enumerate(files) for k in range(len(qs))]
            cuts = sum(1 for part in parts for f, _, _ in part if f == 2)
            assert cuts <= parallel.PARTS_PER_JOB * jobs + 2  # a big file's survey-wide work is not repeated per batch
    assert parallel.plan([file("empty", 0)], 2) == []
    assert sum(hi - lo for f, lo, hi in parallel.plan(files, 2, lead=10)[0]) == 10


def test_auto_jobs_is_one_for_small_runs_and_at_most_one_per_free_cpu() -> None:
    assert parallel.auto_jobs(10, cpus=8, load=0.0) == 1
    assert parallel.auto_jobs(parallel.AUTO_MIN_QUESTIONS - 1, cpus=8, load=0.0) == 1
    assert parallel.auto_jobs(1_000_000, cpus=1, load=0.0) == 1
    assert parallel.auto_jobs(1_000_000, cpus=2, load=0.3) == 2
    assert parallel.auto_jobs(1_000_000, cpus=2, load=1.2) == 1  # another process has one of the two CPUs
    assert parallel.auto_jobs(1_000_000, cpus=8, load=3.5) == 5
    assert 2 <= parallel.auto_jobs(parallel.AUTO_MIN_QUESTIONS, cpus=8, load=0.0) <= 8
    assert parallel.auto_jobs(1_000_000) <= (os.cpu_count() or 1)


def test_cache_is_read_and_written_by_the_parent(tmp_path: Path, pipeline: Pipeline, default_config: Config,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _survey(tmp_path / "surveys")
    sent: list[list[str]] = []
    real = parallel.run_hits

    def recording(engine: Engine, files: Any, jobs: int, *args: Any, **kw: Any) -> parallel.Outcome:
        sent.append([path for path, _ in files])
        return real(engine, files, jobs, *args, **kw)

    monkeypatch.setattr(parallel, "run_hits", recording)
    first = run.lint([str(folder)], default_config, jobs=2, pipeline=pipeline, cache_dir=tmp_path)
    assert len(sent[0]) == 4  # every readable file, none cached yet
    assert (tmp_path / cache_mod.DIRNAME / "results.json").exists()
    (folder / "small.txt").write_text("Were the exercises useful?\n")
    second = run.lint([str(folder)], default_config, jobs=2, pipeline=pipeline, cache_dir=tmp_path)
    assert sent[1] == [str(folder / "small.txt")]  # only the changed file goes to the workers
    alone = run.lint([str(folder)], default_config, jobs=1, pipeline=pipeline)
    assert _json(second) == _json(alone) != _json(first)


def _failing_in_workers(monkeypatch: pytest.MonkeyPatch, path_part: str, how: str) -> None:
    """Make Engine.hits fail in forked workers (not in the parent) on files whose path has ``path_part``."""
    parent = os.getpid()
    real = Engine.hits

    def hits(self: Engine, files: Any, *args: Any, **kw: Any) -> Any:
        if os.getpid() != parent and any(path_part in path for path, _ in files):
            if how == "die":
                os.kill(os.getpid(), signal.SIGKILL)
            raise RuntimeError("rule exploded")
        return real(self, files, *args, **kw)

    monkeypatch.setattr(Engine, "hits", hits)


@pytest.mark.parametrize("how", ["raise", "die"])
def test_a_failing_worker_names_its_files_and_the_rest_is_linted(tmp_path: Path, pipeline: Pipeline,
                                                                 default_config: Config,
                                                                 monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    folder = _survey(tmp_path / "surveys")
    good = run.lint([str(folder)], default_config, jobs=1, pipeline=pipeline)
    _failing_in_workers(monkeypatch, "small.txt", how)
    report = run.lint([str(folder)], default_config, jobs=2, pipeline=pipeline, cache_dir=tmp_path)
    failed = [e for e in report.errors if e.path == str(folder / "small.txt")]
    assert len(failed) == 1 and "internal error" in failed[0].message
    assert ("rule exploded" if how == "raise" else "died") in failed[0].message
    assert exit_code(report, "never", 0) == 2
    kept = {r.question.path for r in report.results}
    assert str(folder / "small.txt") not in kept and str(folder / "big.txt") in kept
    if how == "raise":  # the worker finds the file that fails; its neighbours in the part are still linted
        assert [e.path for e in report.errors if "internal error" in e.message] == [str(folder / "small.txt")]
        assert [r for r in report.results if r.question.path.endswith("form.yaml")] == \
            [r for r in good.results if r.question.path.endswith("form.yaml")]
    # Not cached: the next run checks the file again.
    monkeypatch.undo()
    again = run.lint([str(folder)], default_config, jobs=2, pipeline=pipeline, cache_dir=tmp_path)
    assert _json(again) == _json(good)


def test_every_worker_dying_fails_the_rest_without_hanging(tmp_path: Path, pipeline: Pipeline,
                                                           default_config: Config,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _survey(tmp_path / "surveys")
    _failing_in_workers(monkeypatch, "", "die")
    report = run.lint([str(folder)], default_config, jobs=2, pipeline=pipeline)
    # The lead part is checked in this process; everything the workers held is named as an error.
    assert {e.path for e in report.errors} >= {str(folder / "small.txt"), str(folder / "broken.yaml")}
    assert exit_code(report, "never", 0) == 2


def test_interrupt_ends_the_workers(tmp_path: Path, pipeline: Pipeline, default_config: Config) -> None:
    folder = _survey(tmp_path / "surveys")
    inputs = run.gather([str(folder)], default_config)
    engine = Engine(default_config, active_rules(default_config), pipeline)
    seen: list[int] = []

    def progress(n: int) -> None:
        seen.append(n)
        if len(seen) > 1:  # the lead part (one batch) reports first, then a worker: Ctrl-C while they run
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        parallel.run_hits(engine, inputs.files, 2, progress)
    # no_hang checks that no worker is left running


def test_a_user_error_while_a_worker_starts_stops_the_run(tmp_path: Path, pipeline: Pipeline,
                                                          default_config: Config,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from askwell.errors import ModelError

    parent = os.getpid()
    real = parallel.Job.build

    def build(self: parallel.Job) -> Engine:
        if os.getpid() != parent:
            raise ModelError("no spaCy English pipeline is installed")
        return real(self)

    monkeypatch.setattr(parallel.Job, "build", build)
    folder = _survey(tmp_path / "surveys")
    inputs = run.gather([str(folder)], default_config)
    engine = Engine(default_config, active_rules(default_config), pipeline)
    with pytest.raises(AskwellError, match="no spaCy English pipeline"):
        parallel.Pool(engine, 2, method="fork").run(inputs.files)


def test_jobs_option_takes_a_number_or_auto(tmp_path: Path) -> None:
    (tmp_path / "q.txt").write_text("What did you learn today?\n")
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--no-cache", "--jobs", "auto", str(tmp_path / "q.txt")])
    assert result.exit_code == 0, result.output
    for value in ("0", "many", "65"):
        result = runner.invoke(main, ["check", "--jobs", value, str(tmp_path / "q.txt")])
        assert result.exit_code == 2 and "--jobs" in result.output
