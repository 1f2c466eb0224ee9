"""Worker processes for big runs: each runs the whole NLP → rules → rewrite stage on its share.

spaCy's own ``n_process`` cannot make askwell faster: it sends every parsed Doc back to
the parent, which then runs the rules alone. Here the questions are cut into parts (whole
files, or runs of questions of a big file); each worker process runs ``Engine.hits`` on
one part at a time and sends back only the raw hits (small picklable dataclasses). The
parent hands parts out in order, one at a time to whichever worker is free, and puts the
hits back in input order, so the output is byte for byte that of one process. The result
cache stays with the parent: only uncached files reach this module.

On Linux the workers are forked after the parent has loaded the pipeline, compiled the
rules and checked a small lead part (which loads what the rules load on first use), so
nothing is pickled or loaded twice; elsewhere, or when the parent runs other threads
(which fork would copy in whatever state they are in), they are spawned and each loads
its own. A worker that raises reports the error against the file that raised it; one
that dies (a crash, the kernel's OOM killer) fails the files of the part it held; a user
error while a worker starts (no spaCy model) stops the run with that error. The parent
never waits on a worker that is gone: it watches every worker's process sentinel beside
its pipe, and on Ctrl-C or an error it ends the workers before it returns.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Callable, Sequence

from askwell.errors import AskwellError
from askwell.model import FileError, Question

if TYPE_CHECKING:  # pragma: no cover
    from multiprocessing.process import BaseProcess

    from askwell.config import ActiveRule, Config
    from askwell.engine import Engine, RuleHit
    from askwell.model import Context
    from askwell.nlp import Pipeline

Files = Sequence[tuple[str, tuple[Question, ...]]]
FileHits = list[list["RuleHit"]]
# (file index, first question, end): questions lo:hi of one file.
Segment = tuple[int, int, int]
Part = tuple[Segment, ...]

# Parts per worker: more balance the load when parts take unequal time; fewer repeat less
# per-file work (a part of a file runs the survey rules and builds the file's Context
# again: about 33 µs per question of the file, against about 5 ms to check a question).
PARTS_PER_JOB = 4
# Questions the parent checks itself before forking the workers: enough to load what the
# rules load on first use (word frequencies, syllables, compiled patterns: about 0.6 s the
# first time), which the workers then inherit instead of each loading it again.
LEAD = 100
# Fewest uncached questions for which --jobs auto starts worker processes. The command
# with --jobs 2 against one process on a quiet 2-CPU machine (benchmarks/throughput.py
# --jobs 2 --crossover): 50 questions 1.01x, 100 1.07x, 200 1.07x, 400 1.06x, 800 1.19x
# (3,000: 1.65x); below ~100 the gain is lost in the noise, so auto starts at 200.
AUTO_MIN_QUESTIONS = 200
# Seconds between checks that the parent is still there, while a worker waits for work.
PARENT_POLL = 1.0
# Seconds a worker gets to leave after the last part before it is terminated.
EXIT_GRACE = 5.0


def available_cpus() -> int:
    """CPUs this process may run on (its affinity where the OS tells), at most os.cpu_count()."""
    count = os.cpu_count() or 1
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        try:
            return max(1, min(count, len(affinity(0))))
        except OSError:
            pass
    return max(1, count)


def auto_jobs(questions: int, cpus: int | None = None, load: float | None = None) -> int:
    """Processes for a run of ``questions`` uncached questions when --jobs is not given.

    One below ``AUTO_MIN_QUESTIONS``; above it one per CPU that other work leaves free (by
    the one-minute load average, as ``make -l`` judges it: a worker on a busy CPU only
    slows the others down), and never more than the questions keep busy.
    """
    cpus = available_cpus() if cpus is None else cpus
    if load is None:
        try:
            load = os.getloadavg()[0]
        except (AttributeError, OSError):  # not on Windows
            load = 0.0
    free = cpus - int(load)
    if questions < AUTO_MIN_QUESTIONS or free < 2:
        return 1
    return max(1, min(free, questions // (AUTO_MIN_QUESTIONS // 2)))


def plan(files: Files, jobs: int, lead: int = 0) -> list[Part]:
    """Cut the questions into parts in input order: the first ``lead`` questions, then parts of about equal size.

    Consecutive small files share a part; a big file is cut into runs of questions. About
    ``PARTS_PER_JOB`` parts per worker, so that a file is cut into at most that many
    times ``jobs`` parts, plus the lead (each part repeats its files' survey-wide work).
    Files without questions are in no part.
    """
    total = sum(len(qs) for _, qs in files)
    if total == 0:
        return []
    lead = min(lead, total)
    target = max(1, math.ceil((total - lead) / (max(1, jobs) * PARTS_PER_JOB)))
    parts: list[Part] = []
    current: list[Segment] = []
    room = lead or target
    for f, (_, qs) in enumerate(files):
        lo = 0
        while lo < len(qs):
            hi = min(len(qs), lo + room)
            current.append((f, lo, hi))
            room -= hi - lo
            lo = hi
            if room == 0:
                parts.append(tuple(current))
                current, room = [], target
    if current:
        parts.append(tuple(current))
    return parts


def start_method() -> str:
    """'fork' on Linux while this process runs no other thread; 'spawn' otherwise (macOS, Windows)."""
    if (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1):
        return "fork"
    return "spawn"


@dataclass
class Job:
    """What every worker needs: an engine, or the recipe for one, and all the files (parts index them)."""

    files: list[tuple[str, tuple[Question, ...]]]
    # Forked workers share the parent's engine, its pipeline loaded and its rules compiled,
    # and the files' Contexts, with what the lead part worked out per file (Context.memo).
    engine: "Engine | None" = None
    contexts: list["Context | None"] = field(default_factory=list)
    # Spawned workers build their own from these (pickled: the pipeline is an unloaded copy).
    config: "Config | None" = None
    rules: list["ActiveRule"] = field(default_factory=list)
    pipeline: "Pipeline | None" = None

    def build(self) -> "Engine":
        """The worker's engine, its pipeline loaded and rules compiled."""
        from askwell.engine import Engine

        engine = self.engine
        if engine is None:
            assert self.config is not None and self.pipeline is not None
            engine = Engine(self.config, self.rules, self.pipeline)
        engine.compile()  # done already when forked from a parent that compiled
        if len(self.contexts) != len(self.files):
            self.contexts = [None] * len(self.files)
        return engine

    def check(self, engine: "Engine", part: Part, progress: Callable[[int], None] | None) -> list[FileHits]:
        """The hits of one part's questions, one list per segment; a file's Context serves all its parts."""
        for f, _, _ in part:
            if self.contexts[f] is None:
                self.contexts[f] = engine.context(*self.files[f])
        return engine.hits([self.files[f] for f, _, _ in part], progress, spans=[(lo, hi) for _, lo, hi in part],
                           contexts=[self.contexts[f] for f, _, _ in part])  # type: ignore[misc]


@dataclass
class Outcome:
    """The hits of each file (None where its part failed) and the errors naming those files."""

    hits: list[FileHits | None]
    errors: list[FileError] = field(default_factory=list)


def _serve(job: Job, conn: Connection, parent: int) -> None:
    """A worker: build the engine once, then check parts until told to stop (None) or orphaned."""
    # What the worker inherited is never collected here: a collection would write to every
    # object it walks and so copy the memory a forked worker shares with its parent (cheap:
    # freezing moves whole generations at once).
    gc.freeze()
    # Ctrl-C reaches the whole process group; the parent handles it and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        engine = job.build()
    except AskwellError as exc:
        conn.send(("fatal", str(exc)))
        os._exit(0)
    except Exception as exc:  # a bug: reported by the parent as this run's error, not a hang
        conn.send(("fatal", f"a worker process could not start: {type(exc).__name__}: {exc}"))
        os._exit(0)

    def progress(count: int) -> None:
        conn.send(("progress", count))

    while True:
        while not conn.poll(PARENT_POLL):
            if os.getppid() != parent:  # the parent is gone: nobody will read the results
                os._exit(0)
        message = conn.recv()
        if message is None:
            break
        index, segments = message
        conn.send(("done", index, _checked(job, engine, segments, progress)))
    conn.close()
    # Leave without tearing down the loaded pipeline object by object (about half a second).
    os._exit(0)


def _checked(job: Job, engine: "Engine", part: Part, progress: Callable[[int], None]) -> list[FileHits | str]:
    """Each segment's hits, or the error that stopped its file: one file's failure is not its neighbours'."""
    try:
        return list(job.check(engine, part, progress))
    except Exception:  # noqa: BLE001 -- found again below, file by file, and reported against that file
        pass
    out: list[FileHits | str] = []
    for segment in part:
        try:
            out.extend(job.check(engine, (segment,), None))
        except Exception as exc:  # noqa: BLE001
            out.append(f"{type(exc).__name__}: {exc}")
    return out


@dataclass
class _Worker:
    process: "BaseProcess"
    conn: Connection
    part: int | None = None
    stopped: bool = False


class Pool:
    """``jobs`` worker processes checking the parts of one set of files (see the module docstring)."""

    def __init__(self, engine: "Engine", jobs: int, method: str | None = None) -> None:
        self.engine = engine
        self.jobs = max(1, jobs)
        self.method = method or start_method()

    def _job(self, files: Files) -> Job:
        if self.method == "fork":
            # Loaded and compiled once, here, then shared by every worker: two processes
            # loading spaCy at once took twice as long as one here (benchmarks/README.md).
            # A missing model is the user error it is in one process.
            self.engine.compile()
            return Job(list(files), engine=self.engine)
        from askwell.nlp import Pipeline

        pipeline = self.engine.pipeline
        return Job(list(files), config=self.engine.config, rules=self.engine.rules,
                   pipeline=Pipeline(pipeline.model, pipeline.batch_size))

    def _start(self, job: Job, count: int) -> list[_Worker]:
        context = multiprocessing.get_context(self.method)
        workers: list[_Worker] = []
        # SIGINT stays blocked from fork until each worker has chosen to ignore it.
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for _ in range(count):
                ours, theirs = context.Pipe()
                process = context.Process(target=_serve, args=(job, theirs, os.getpid()), daemon=True,
                                          name="askwell-worker")
                process.start()
                theirs.close()
                workers.append(_Worker(process, ours))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
        return workers

    def run(self, files: Files, progress: Callable[[int], None] | None = None) -> Outcome:
        """Hits for every file, as ``Engine.hits(files)`` gives them, from ``jobs`` processes."""
        forked = self.method == "fork"
        total = sum(len(qs) for _, qs in files)
        # No bigger than the other parts: on a small run the workers still get most of it.
        lead = min(LEAD, total // (self.jobs * PARTS_PER_JOB)) if forked else 0
        parts = plan(files, self.jobs, lead=lead)
        results: dict[int, list[FileHits | str]] = {}
        failed: dict[int, str] = {}
        job = self._job(files)
        if forked and parts:
            # The lead part, here: what it loads on first use is then loaded for every worker.
            job.build()
            results[0] = job.check(self.engine, parts[0], progress)
        todo = [i for i in range(len(parts)) if i not in results]
        if todo:
            workers = self._start(job, min(self.jobs, len(todo)))
            try:
                self._drive(workers, parts, todo, results, failed, progress)
            finally:
                _stop(workers)
        return _merge(files, parts, results, failed)

    def _drive(self, workers: list[_Worker], parts: list[Part], todo: list[int],
               results: dict[int, list[FileHits | str]], failed: dict[int, str],
               progress: Callable[[int], None] | None) -> None:
        """Hand out the ``todo`` parts one at a time and collect what comes back until each is settled."""
        pending = deque(todo)

        def give(worker: _Worker) -> None:
            if pending:
                worker.part = pending.popleft()
                try:
                    worker.conn.send((worker.part, parts[worker.part]))
                except OSError:
                    pass  # it has ended (after a fatal error, which _settle reads), or died holding the part
            else:
                worker.part = None
                _send_stop(worker)

        for worker in workers:
            give(worker)
        while any(w.part is not None for w in workers):
            live = [w for w in workers if w.part is not None]
            ready = wait([w.conn for w in live] + [w.process.sentinel for w in live])
            for worker in live:
                if worker.conn in ready or worker.process.sentinel in ready:
                    self._settle(worker, parts, results, failed, progress, give)
            if pending and not any(w.part is not None for w in workers):
                # Every worker is gone with parts still to check: they fail rather than hang the run.
                while pending:
                    failed[pending.popleft()] = "not checked: the worker processes stopped"

    def _settle(self, worker: _Worker, parts: list[Part], results: dict[int, list[FileHits | str]],
                failed: dict[int, str], progress: Callable[[int], None] | None,
                give: Callable[[_Worker], None]) -> None:
        """Read what one worker sent; when it has died holding a part, that part fails."""
        while worker.part is not None:
            try:
                if not worker.conn.poll():
                    break
                message = worker.conn.recv()
            except (EOFError, OSError):
                break
            kind = message[0]
            if kind == "progress":
                if progress:
                    progress(message[1])
            elif kind == "fatal":
                raise AskwellError(message[1])
            else:
                _, index, payload = message
                results[index] = payload
                give(worker)
        if worker.part is not None and not worker.process.is_alive():
            code = worker.process.exitcode
            why = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            failed[worker.part] = f"the worker process checking it died ({why})"
            worker.part = None


def _send_stop(worker: _Worker) -> None:
    if not worker.stopped:
        worker.stopped = True
        try:
            worker.conn.send(None)
        except OSError:
            pass  # already gone


def _stop(workers: list[_Worker]) -> None:
    """Let workers leave, and end any that do not (or that are still busy after an error or Ctrl-C)."""
    for worker in workers:
        if worker.part is not None:
            worker.process.terminate()
        else:
            _send_stop(worker)
    for worker in workers:
        worker.process.join(EXIT_GRACE)
        if worker.process.is_alive():
            worker.process.terminate()
            worker.process.join()
        worker.conn.close()


def _merge(files: Files, parts: list[Part], results: dict[int, list[FileHits | str]],
           failed: dict[int, str]) -> Outcome:
    """Put the parts' hits back together per file, in input order; a file with a failed segment has none."""
    hits: list[FileHits | None] = [[] for _ in files]
    errors: list[FileError] = []
    for index, part in enumerate(parts):
        found = results[index] if index in results else [failed.get(index, "not checked")] * len(part)
        for (f, _, _), segment in zip(part, found):
            if hits[f] is None:
                continue
            if isinstance(segment, str):
                hits[f] = None
                errors.append(FileError(files[f][0], f"internal error while checking this file, not linted "
                                                     f"({segment}); please report it"))
            else:
                hits[f].extend(segment)  # type: ignore[union-attr]
    return Outcome(hits, errors)


def run_hits(engine: "Engine", files: Files, jobs: int, progress: Callable[[int], None] | None = None,
             method: str | None = None) -> Outcome:
    """``engine.hits(files)`` from ``jobs`` processes, or in this one when ``jobs`` is 1."""
    if jobs <= 1:
        return Outcome(list(engine.hits(list(files), progress)))
    return Pool(engine, jobs, method).run(files, progress)

