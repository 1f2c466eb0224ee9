"""Throughput: askwell end to end against bare spaCy ``nlp.pipe`` on the same unique texts.

    python benchmarks/throughput.py            # N = 10,000 questions in paired blocks of 500, 3 repeats
    python benchmarks/throughput.py --n 2000 --repeats 5 --profile
    python benchmarks/throughput.py --jobs 2 --n 3000    # speed-up of --jobs 2 over one process
    python benchmarks/throughput.py --jobs 2 --crossover # the CLI at several sizes: where --jobs 2 starts to pay

Both sides use the same loaded pipeline recipe (``askwell.nlp.load_pipeline()``:
same model package, NER excluded), the same batch size (``Pipeline().batch_size``)
and the same N unique texts.  The model is loaded and warmed up before timing.

The N texts are cut into blocks (500 each by default) and each block is timed on
both sides back to back, the sides taking turns to go first; a side's time is the sum
over its blocks.  This machine's speed drifts by 10-20% within minutes, and timing
each side as one whole run let that drift decide the ratio (single repeats of whole
runs spread from 0.78 to 1.03).  Each askwell block is a complete run of its own
(gather, Engine.hits, place, report, JSON) except that, as in one run over all N, the
rules are compiled once, in the first block.

* bare spaCy: ``for doc in nlp.pipe(texts, batch_size=B): pass``
* askwell end to end, through the library, as ``askwell check FILE --format json``
  does it minus process start-up: ``run.gather`` on a temporary .txt file,
  a new ``Engine`` (rules compiled), ``run.check`` (one chunked NLP pass + rules),
  ``run.report`` (policy, scoring) and the JSON reporter.  askwell's in-process
  memo caches (reading grade, syllables, Zipf) are cleared before each repeat so
  every repeat is a first run.
* rules only: the same askwell run with every Doc parsed beforehand, so the time
  is askwell's own code (rules, placing, policy, scoring, JSON), no spaCy parsing.

``--gates`` measures the speed layer instead: askwell's own work (Docs parsed beforehand, as in
"rules only") with each gate or memo switched off in turn, against everything on, paired block
by block (``--block``, 100 by default here; a new Engine per block, the variants in a shuffled
order); it prints each variant's CPU time relative to everything on (median and middle half
over the blocks) and checks that every variant gives the same JSON bytes.

Prints a table; with ``--profile`` (or when askwell misses the 0.85 target) it
also profiles the rules-only run with cProfile and lists the hot spots.

``--jobs J`` measures something else: askwell end to end (``run.gather``, ``run.check``,
``run.report``, JSON; the model loaded once beforehand, as above) in one process against
J worker processes (askwell.parallel) on the same N questions in one file, the two taking
turns to go first, ``--repeats`` times each; it checks that both give the same JSON
bytes and prints the speed-up (one process's time over J's). With ``--crossover`` it runs
the installed ``askwell check --no-cache --format json --jobs 1`` and ``--jobs J`` as fresh
processes (model loading and worker start-up included) on files of several sizes, the
figures that set ``askwell.parallel.AUTO_MIN_QUESTIONS``.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as common  # noqa: E402

TARGET = 0.85


def clear_memos() -> None:
    from askwell import lexicon, nlp
    from askwell.rules import kinds
    from askwell.analysis import topics

    for fn in (nlp.reading_grade, nlp.syllables_per_word, nlp._syllables, nlp.zipf, nlp.word_count,
               lexicon.word_syllables, topics.topic_in_text, kinds.text_runs):
        fn.cache_clear()


def make_pipelines(model: str | None):
    from askwell.nlp import Pipeline

    class TimedPipeline(Pipeline):
        """askwell's Pipeline, counting the time spent inside spaCy's pipe (the NLP share)."""

        nlp_seconds = 0.0

        def pipe(self, texts: Iterable[str]) -> Iterator:
            it = super().pipe(texts)
            while True:
                start = time.perf_counter()
                try:
                    doc = next(it)
                except StopIteration:
                    self.nlp_seconds += time.perf_counter() - start
                    return
                self.nlp_seconds += time.perf_counter() - start
                yield doc

    class PreParsed(Pipeline):
        """askwell's Pipeline whose pipe returns Docs parsed beforehand (rules-only timing)."""

        docs: dict = {}
        shared = None  # the Language the Docs came from

        @property
        def nlp(self):
            return self.shared

        def pipe(self, texts: Iterable[str]) -> Iterator:
            # Texts askwell makes itself (the rewrites it verifies) are parsed here: that parse is
            # askwell's own work, which bare spaCy does not do.
            return (self.docs[t] if t in self.docs else self.shared(t) for t in texts)

    return TimedPipeline(model), PreParsed(model)


def new_engine(config, pipeline, per_rule: dict[str, float] | None = None):
    """An Engine with every rule compiled now (the CLI compiles them at the first Doc)."""
    from askwell.config import active_rules
    from askwell.engine import Engine

    engine = Engine(config, active_rules(config), pipeline)
    engine.compile()
    if per_rule is not None:
        instrument(engine, per_rule)
    return engine


def askwell_run(path: Path, config, pipeline, engine=None) -> dict[str, float]:
    """One end-to-end library run; returns the seconds spent in each stage.

    With ``engine`` (one made by ``new_engine`` for an earlier block of the same run) the
    rules are not compiled again: a run over all N questions compiles them once.
    """
    from askwell import reporters, run

    t: dict[str, float] = {}
    c0 = time.process_time()
    t0 = time.perf_counter()
    inputs = run.gather([str(path)], config)
    t1 = time.perf_counter()
    if engine is None:
        engine = new_engine(config, pipeline)
    t2 = time.perf_counter()
    nlp_before = getattr(pipeline, "nlp_seconds", 0.0)
    hits = engine.hits(inputs.files)
    t3 = time.perf_counter()
    checked = engine.place(inputs.files, hits)
    t4 = time.perf_counter()
    report = run.report(inputs, checked, config)
    t5 = time.perf_counter()
    rendered = reporters.get("json").render(report)
    t6 = time.perf_counter()
    t["cpu"] = time.process_time() - c0
    assert report.summary.questions == sum(len(qs) for _, qs in inputs.files)
    t.update(gather=t1 - t0, compile=t2 - t1, hits=t3 - t2, place=t4 - t3, report=t5 - t4, render=t6 - t5,
             total=t6 - t0, nlp=getattr(pipeline, "nlp_seconds", 0.0) - nlp_before,
             questions=report.summary.questions, findings=report.summary.findings, json_bytes=len(rendered))
    return t


def bootstrap_interval(pairs: list[tuple[float, float]], rounds: int = 2000, seed: int = 0) -> tuple[float, float]:
    """2.5th and 97.5th percentiles of sum(bare) / sum(askwell) over resamples of the block pairs.

    The spread of the machine's speed from block to block is the uncertainty here; a
    resampled pair keeps both sides of one block together.
    """
    import random

    rng = random.Random(seed)
    found = []
    for _ in range(rounds):
        sample = [pairs[rng.randrange(len(pairs))] for _ in pairs]
        found.append(sum(b for b, _ in sample) / sum(a for _, a in sample))
    found.sort()
    return found[int(0.025 * rounds)], found[int(0.975 * rounds) - 1]


def _engine_for(engine, config, pipeline):
    """(seconds spent making it, engine): the run's engine, made on its first block."""
    if engine is not None:
        return 0.0, engine
    start = time.perf_counter()
    engine = new_engine(config, pipeline)
    return time.perf_counter() - start, engine


def _add(total: dict[str, float], stages: dict[str, float], made: float) -> None:
    """Add one block's stage times (and the engine's making, if it was made for it) to a run's."""
    for key, value in stages.items():
        total[key] = total.get(key, 0.0) + value
    for key in ("compile", "total"):
        total[key] = total.get(key, 0.0) + made


def instrument(engine, per_rule: dict[str, float]) -> None:
    """Wrap every compiled check so the time spent in it (consuming its hits) adds up per rule."""
    checks = getattr(engine, "_checks", {})
    for rid, fn in list(checks.items()):
        def timed_check(question, doc, options, context, _fn=fn, _rid=rid):
            start = time.perf_counter()
            found = list(_fn(question, doc, options, context))
            per_rule[_rid] = per_rule.get(_rid, 0.0) + time.perf_counter() - start
            return found
        checks[rid] = timed_check


def bare_run(nlp, texts: list[str], batch_size: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for bare nlp.pipe over ``texts``."""
    c0 = time.process_time()
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start, time.process_time() - c0


def profile_rules(path: Path, config, pre, top: int) -> str:
    clear_memos()
    prof = cProfile.Profile()
    prof.enable()
    askwell_run(path, config, pre)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    total = sum(v[3] for k, v in stats.stats.items() if k[2] == "askwell_run") or 1.0
    rows = []
    for (filename, line, func), (cc, nc, tt, ct, _callers) in stats.stats.items():
        if "/askwell/" not in filename:
            continue
        short = filename.split("/askwell/", 1)[1]
        rows.append((tt, ct, nc, f"askwell/{short}:{line}({func})"))
    lines = ["Hot spots in askwell code (rules-only run, cProfile; % of the profiled run's time):", ""]
    lines.append(common.table(
        ["function", "calls", "own s", "own %", "cumulative s", "cumulative %"],
        [(name, nc, f"{tt:.3f}", f"{100 * tt / total:.1f}", f"{ct:.3f}", f"{100 * ct / total:.1f}")
         for tt, ct, nc, name in sorted(rows, reverse=True)[:top]]))
    lines += ["", "Biggest callees overall (any code) by own time:", ""]
    everything = sorted(((tt, ct, nc, f"{fn.split('site-packages/')[-1]}:{ln}({func})")
                         for (fn, ln, func), (cc, nc, tt, ct, _c) in stats.stats.items()), reverse=True)[:top]
    lines.append(common.table(["function", "calls", "own s", "own %"],
                              [(name, nc, f"{tt:.3f}", f"{100 * tt / total:.1f}") for tt, ct, nc, name in everything]))
    return "\n".join(lines)


def children_cpu() -> float:
    """CPU seconds (user + system) of this process's waited-for children so far (the workers)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine_busy() -> float:
    """CPU seconds every process on the machine has used since boot (Linux /proc/stat; 0 elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def jobs_run(path: Path, config, pipeline, jobs: int) -> tuple[float, float, float, str]:
    """(wall s, CPU s of this process and its workers, CPU s other processes took meanwhile, JSON) of one run."""
    from askwell import reporters, run

    clear_memos()
    gc.collect()
    c0, k0, m0 = time.process_time(), children_cpu(), machine_busy()
    start = time.perf_counter()
    engine, _ = run.prepare(config, pipeline)
    inputs = run.gather([str(path)], config)
    report = run.report(inputs, run.check(inputs, engine, jobs=jobs), config)
    rendered = reporters.get("json").render(report)
    wall = time.perf_counter() - start
    used = time.process_time() - c0 + children_cpu() - k0
    return wall, used, max(0.0, machine_busy() - m0 - used), rendered


def jobs_speedup(args) -> int:
    """askwell in one process against --jobs J worker processes on the same N questions (see the docstring)."""
    from askwell import config as config_mod
    from askwell import parallel
    from askwell.nlp import Pipeline

    config = config_mod.load(None)
    texts = common.corpus(args.n)
    pipeline = Pipeline(config.model)
    t_load, nlp = common.timed(lambda: pipeline.nlp)
    print(f"machine: {common.machine()}")
    print(f"corpus: {common.describe(texts)}")
    print(f"model: {nlp.meta.get('name')} {nlp.meta.get('version')}, load {common.ms(t_load)} (once, before timing); "
          f"workers by {parallel.start_method()}, {parallel.PARTS_PER_JOB} parts per worker, lead {parallel.LEAD}")
    with tempfile.TemporaryDirectory(prefix="askwell-bench-") as tmp:
        path = common.write_txt(texts, Path(tmp) / "questions.txt")
        warm = common.write_txt(common.corpus(200, seed=7), Path(tmp) / "warm.txt")
        for jobs in (1, args.jobs):  # untimed: first-use costs are start-up, not throughput
            jobs_run(warm, config, pipeline, jobs)
        times: dict[int, list[float]] = {1: [], args.jobs: []}
        cpu: dict[int, list[float]] = {1: [], args.jobs: []}
        other: dict[int, list[float]] = {1: [], args.jobs: []}
        outputs: dict[int, set[str]] = {1: set(), args.jobs: set()}
        for r in range(args.repeats):
            for jobs in ((1, args.jobs) if r % 2 == 0 else (args.jobs, 1)):
                wall, used, others, rendered = jobs_run(path, config, pipeline, jobs)
                times[jobs].append(wall)
                cpu[jobs].append(used)
                other[jobs].append(others / wall)
                outputs[jobs].add(rendered)
            print(f"  repeat {r + 1}: one process {times[1][-1]:.2f} s, "
                  f"--jobs {args.jobs} {times[args.jobs][-1]:.2f} s "
                  f"(speed-up {times[1][-1] / times[args.jobs][-1]:.2f}); CPU {cpu[1][-1]:.2f} s vs "
                  f"{cpu[args.jobs][-1]:.2f} s; other processes used {other[1][-1]:.2f} and "
                  f"{other[args.jobs][-1]:.2f} of a CPU meanwhile", flush=True)
    same = len(outputs[1] | outputs[args.jobs]) == 1
    one, many = sum(times[1]), sum(times[args.jobs])
    print()
    print(common.table(
        ["run", f"median s ({args.repeats} runs)", "range s", "questions/s", "CPU s (median, all processes)"],
        [(label, f"{statistics.median(times[j]):.2f}", f"{min(times[j]):.2f}-{max(times[j]):.2f}",
          f"{args.n * len(times[j]) / sum(times[j]):,.0f}", f"{statistics.median(cpu[j]):.2f}")
         for label, j in (("askwell, one process", 1), (f"askwell --jobs {args.jobs}", args.jobs))]))
    print()
    ratios = [a / b for a, b in zip(times[1], times[args.jobs])]
    print(f"speed-up of --jobs {args.jobs}: {one / many:.2f} over all {args.repeats} repeats "
          f"(per repeat {', '.join(f'{x:.2f}' for x in ratios)}; median {statistics.median(ratios):.2f})")
    print(f"other processes on the machine used {statistics.mean(other[1] + other[args.jobs]):.2f} of a CPU "
          f"on average during the timed runs (the speed-up needs CPUs that are free)")
    print(f"same JSON bytes from every run: {'yes' if same else 'NO'}")
    return 0 if same else 1


def crossover(args) -> int:
    """The askwell command, one process vs --jobs J, fresh processes, at several sizes (see the docstring)."""
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    texts = common.corpus(max(sizes))
    print(f"machine: {common.machine()}")
    print(f"askwell check --no-cache --format json FILE, --jobs 1 against --jobs {args.jobs}; "
          f"{args.repeats} paired runs per size, taking turns to go first")
    rows = []
    with tempfile.TemporaryDirectory(prefix="askwell-bench-") as tmp:
        for size in sizes:
            path = common.write_txt(texts[:size], Path(tmp) / f"q{size}.txt")
            walls: dict[int, list[float]] = {1: [], args.jobs: []}
            outputs: set[str] = set()
            for r in range(args.repeats):
                for jobs in ((1, args.jobs) if r % 2 == 0 else (args.jobs, 1)):
                    cmd = [common.ASKWELL, "check", "--no-cache", "--format", "json", "--jobs", str(jobs), str(path)]
                    start = time.perf_counter()
                    done = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
                    walls[jobs].append(time.perf_counter() - start)
                    outputs.add(done.stdout)
            one, many = statistics.median(walls[1]), statistics.median(walls[args.jobs])
            ratio = sum(walls[1]) / sum(walls[args.jobs])
            rows.append((size, f"{one:.2f}", f"{many:.2f}", f"{ratio:.2f}", "yes" if len(outputs) == 1 else "NO"))
            print(f"  {size} questions: --jobs 1 {one:.2f} s, --jobs {args.jobs} {many:.2f} s (medians); "
                  f"speed-up {ratio:.2f}", flush=True)
    print()
    print(common.table(["questions", "--jobs 1 median s", f"--jobs {args.jobs} median s", "speed-up (sum/sum)",
                        "same output"], rows))
    return 0


def _switch_off(name: str, value) -> list:
    """Replace ``name`` wherever an askwell module holds the same object as askwell's own; returns the undo list."""
    undo = []
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("askwell") and name in vars(module):
            original = vars(module)[name]
            if original is not value and getattr(original, "__module__", "").startswith("askwell"):
                setattr(module, name, value)
                undo.append((module, name, original))
    return undo


def _all_groups(self, doc, rule_id: str) -> list:
    """MatcherPool.matches without its trigger words: every Matcher of the rule runs on every Doc."""
    entry = self.rules[rule_id]
    spans = list(entry.always(doc, as_spans=True)) if entry.always is not None else []
    for _required, matcher in entry.groups:
        spans.extend(matcher(doc, as_spans=True))
    return spans


# What --gates switches off: (label, function making the change and returning its undo list).
def _gate_variants() -> list:
    from contextlib import nullcontext

    from askwell import engine, memo
    from askwell.rules import kinds

    def attr(obj, name: str, value) -> list:
        old = getattr(obj, name)
        setattr(obj, name, value)
        return [(obj, name, old)]

    return [
        ("phrase rules' word-run gate (kinds.Phrases)", lambda: attr(kinds, "could_hold", lambda rare, text: True)),
        ("pattern rules' trigger words (kinds.MatcherPool)", lambda: attr(kinds.MatcherPool, "matches", _all_groups)),
        ("substring needles in coded rules (kinds.Needled)",
         lambda: attr(kinds.Needled, "search", lambda self, text: self.regex.search(text))),
        ("options memo in coded rules (memo.per_options)",
         lambda: _switch_off("per_options", lambda options, build: build(options)) + attr(memo, "per_options",
                                                                                           lambda o, b: b(o))),
        ("young-generation GC threshold (engine._fewer_collections)",
         lambda: attr(engine, "_fewer_collections", lambda young=0: nullcontext())),
    ]


def gates(args) -> int:
    """askwell's own work with each speed layer switched off in turn, paired with everything on (see the docstring)."""
    import random

    from askwell import config as config_mod

    config = config_mod.load(None)
    texts = common.corpus(args.n)
    _timed, pre = make_pipelines(config.model)
    print(f"machine: {common.machine()}")
    print(f"corpus: {common.describe(texts)}")
    pre.shared = nlp = _timed.nlp
    pre.docs = dict(zip(texts, nlp.pipe(texts, batch_size=_timed.batch_size)))
    variants = [("everything on", lambda: [])] + _gate_variants()
    size = max(1, min(args.block, len(texts)))
    with tempfile.TemporaryDirectory(prefix="askwell-bench-") as tmp:
        blocks = [common.write_txt(texts[i:i + size], Path(tmp) / f"block{i // size}.txt")
                  for i in range(0, len(texts), size)]

        def once(make, path: Path) -> tuple[float, str]:
            from askwell import reporters, run

            undo = make()
            try:
                clear_memos()
                gc.collect()
                inputs = run.gather([str(path)], config)
                engine = new_engine(config, pre)
                c0 = time.process_time()
                checked = engine.place(inputs.files, engine.hits(inputs.files))
                spent = time.process_time() - c0
                rendered = reporters.get("json").render(run.report(inputs, checked, config))
            finally:
                for obj, name, old in reversed(undo):
                    setattr(obj, name, old)
            return spent, rendered

        expected = {path: once(variants[0][1], path)[1] for path in blocks}  # also parses the rewrites once
        same = {label: True for label, _ in variants}
        relative: dict[str, list[float]] = {label: [] for label, _ in variants}
        spent: dict[str, float] = {label: 0.0 for label, _ in variants}
        rng = random.Random(0)
        for _r in range(args.repeats):
            for path in blocks:
                order = list(variants)
                rng.shuffle(order)
                got = {}
                for label, make in order:
                    got[label], rendered = once(make, path)
                    same[label] = same[label] and rendered == expected[path]
                    spent[label] += got[label]
                for label, _ in variants:
                    relative[label].append(got[label] / got["everything on"])
    print()
    runs = args.repeats * len(texts)
    rows = []
    for label, _ in variants:
        q = statistics.quantiles(relative[label], n=4)
        rows.append((label, f"{1e6 * spent[label] / runs:.0f}", f"{statistics.median(relative[label]):.3f}",
                     f"{q[0]:.3f}-{q[2]:.3f}", "yes" if same[label] else "NO"))
    print(common.table(["switched off", "µs/question (CPU)", "time vs everything on (median over blocks)",
                        "middle half", "same JSON"], rows))
    print(f"\n{len(blocks)} blocks of {size} x {args.repeats} repeats; above 1.000 the gate pays for itself")
    return 0 if all(same.values()) else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=None, help="questions (unique texts); default 10000 (--gates: 2000)")
    ap.add_argument("--repeats", type=int, default=3, help="timed repeats of the whole comparison (median reported)")
    ap.add_argument("--block", type=int, default=None,
                    help="questions per paired block: both sides run each block back to back, taking turns "
                         "to go first; default 500, --gates 100 (--block N: one whole run per side)")
    ap.add_argument("--profile", action="store_true", help="always profile the rules-only run")
    ap.add_argument("--top", type=int, default=15, help="rows in the profile tables")
    ap.add_argument("--jobs", type=int, default=1,
                    help="compare askwell in one process with askwell --jobs JOBS instead of with bare spaCy")
    ap.add_argument("--crossover", action="store_true",
                    help="with --jobs: time the askwell command at several sizes (--sizes), one process vs JOBS")
    ap.add_argument("--sizes", default="50,100,200,400,800,1600",
                    help="questions per file for --crossover; default 50,100,200,400,800,1600")
    ap.add_argument("--gates", action="store_true",
                    help="askwell's own work with each gate or memo switched off in turn (default --n 2000 --block 100)")
    args = ap.parse_args(argv)
    if args.gates:
        args.n, args.block = args.n or 2000, args.block or 100
        return gates(args)
    args.n, args.block = args.n or 10_000, args.block or 500
    if args.jobs > 1:
        return crossover(args) if args.crossover else jobs_speedup(args)

    from askwell import config as config_mod
    config = config_mod.load(None)  # the default preset, as for a file outside any configured project
    texts = common.corpus(args.n)
    warm = common.corpus(200, seed=7)
    timed_pipe, pre = make_pipelines(config.model)
    batch = timed_pipe.batch_size

    print(f"machine: {common.machine()}")
    print(f"corpus: {common.describe(texts)}")
    # Pipeline.nlp loads with askwell.nlp.load_pipeline(); bare spaCy gets the very same Language
    # object, so model, components and settings are identical on both sides.
    t_load, nlp = common.timed(lambda: timed_pipe.nlp)
    print(f"model: {nlp.meta.get('name')} {nlp.meta.get('version')}, components {nlp.pipe_names}, "
          f"batch size {batch}, chunk {__import__('askwell.engine', fromlist=['CHUNK']).CHUNK}; "
          f"load {common.ms(t_load)}")

    with tempfile.TemporaryDirectory(prefix="askwell-bench-") as tmp:
        path = common.write_txt(texts, Path(tmp) / "questions.txt")
        warm_path = common.write_txt(warm, Path(tmp) / "warm.txt")
        size = max(1, min(args.block, len(texts)))
        blocks = [(texts[i:i + size], common.write_txt(texts[i:i + size], Path(tmp) / f"block{i // size}.txt"))
                  for i in range(0, len(texts), size)]
        # Warm-up, untimed: first-use costs (rule compilation, wordfreq/textstat data) are start-up, not throughput.
        bare_run(nlp, warm, batch)
        askwell_run(warm_path, config, timed_pipe)
        # Rules only needs every text parsed beforehand (untimed).
        pre.shared = nlp
        pre.docs = dict(zip(texts, nlp.pipe(texts, batch_size=batch)))
        pre.docs.update(zip(warm, nlp.pipe(warm, batch_size=batch)))
        askwell_run(warm_path, config, pre)

        bare, bare_cpu, ours, rules_only, block_pairs = [], [], [], [], []
        for r in range(args.repeats):
            clear_memos()  # once per repeat: a single run over all N keeps its memos from question to question
            wall = cpu = 0.0
            run_stages: dict[str, float] = {}
            alone: dict[str, float] = {}
            # Made (and timed) in the first block: one run over all N compiles the rules once.
            engine = engine_pre = None
            for i, (block_texts, block_path) in enumerate(blocks):
                # The two sides take turns going first, block by block (A B B A …), each block's
                # pair measured back to back: on this shared machine speed drifts by 10-20%
                # within seconds, and a pair a few seconds apart sees closer speeds.
                pair: dict[str, float] = {}
                for side in (("bare", "askwell") if (r + i) % 2 == 0 else ("askwell", "bare")):
                    gc.collect()
                    if side == "bare":
                        b_wall, b_cpu = bare_run(nlp, block_texts, batch)
                        wall += b_wall
                        cpu += b_cpu
                        pair["bare"] = b_wall
                    else:
                        made, engine = _engine_for(engine, config, timed_pipe)
                        block = askwell_run(block_path, config, timed_pipe, engine=engine)
                        _add(run_stages, block, made)
                        pair["askwell"] = block["total"] + made
                block_pairs.append((pair["bare"], pair["askwell"]))
                # askwell's own work on the same block, Docs parsed beforehand, right after the pair.
                gc.collect()
                made, engine_pre = _engine_for(engine_pre, config, pre)
                _add(alone, askwell_run(block_path, config, pre, engine=engine_pre), made)
            bare.append(wall)
            bare_cpu.append(cpu)
            ours.append(run_stages)
            rules_only.append(alone)
            print(f"  repeat {r + 1} ({len(blocks)} paired blocks of {size}): bare {wall:.2f} s, "
                  f"askwell {run_stages['total']:.2f} s (ratio {wall / run_stages['total']:.2f}; "
                  f"spaCy inside it {run_stages['nlp']:.2f} s); "
                  f"CPU bare {cpu:.2f} s, askwell {run_stages['cpu']:.2f} s; "
                  f"askwell's own work alone {alone['total']:.2f} s", flush=True)

        n = len(texts)
        runs = len(bare)
        # The headline pools every repeat: all the time each side took for the same runs × N questions.
        bare_all, ours_all = sum(bare), sum(t["total"] for t in ours)
        alone_all = sum(t["total"] for t in rules_only)
        ratio = bare_all / ours_all
        cpu_ratio = sum(bare_cpu) / sum(t["cpu"] for t in ours)
        share = alone_all / bare_all
        print()
        print(common.table(
            ["run", f"seconds (mean of {runs})", "questions/s", "vs bare spaCy"],
            [("bare spaCy nlp.pipe", f"{bare_all / runs:.2f}", f"{n * runs / bare_all:,.0f}", "1.00"),
             ("askwell end to end (library, JSON)", f"{ours_all / runs:.2f}", f"{n * runs / ours_all:,.0f}",
              f"{ratio:.2f}"),
             ("askwell's own work (Docs pre-parsed)", f"{alone_all / runs:.2f}", f"{n * runs / alone_all:,.0f}",
              f"+{100 * share:.1f}% of bare time")]))
        print()
        mid = sorted(ours, key=lambda t: t["total"])[len(ours) // 2]
        print("askwell end to end, by stage (median run):")
        print()
        rules_in_hits = mid["hits"] - mid["nlp"]
        stages = [("read .txt (run.gather)", mid["gather"]), ("compile rules (Engine)", mid["compile"]),
                  ("spaCy parsing inside Engine.hits", mid["nlp"]),
                  ("rules inside Engine.hits", rules_in_hits), ("place findings (Engine.place)", mid["place"]),
                  ("policy + scoring (run.report)", mid["report"]), ("JSON reporter", mid["render"])]
        print(common.table(["stage", "seconds", "share", "µs/question"],
                           [(s, f"{v:.3f}", f"{100 * v / mid['total']:.1f}%", f"{1e6 * v / n:.0f}") for s, v in stages]))
        print()
        print(f"questions {mid['questions']:.0f}, findings {mid['findings']:.0f}, JSON {mid['json_bytes']:,.0f} bytes")
        per_rule: dict[str, float] = {}
        clear_memos()
        engine = new_engine(config, pre, per_rule)
        for _texts, block_path in blocks:
            askwell_run(block_path, config, pre, engine=engine)
        if per_rule:
            print()
            print("askwell rules only, time per rule (one instrumented run on the pre-parsed Docs):")
            print()
            ranked = sorted(per_rule.items(), key=lambda kv: -kv[1])
            spent = sum(per_rule.values())
            print(common.table(["rule", "seconds", "share of rule time", "µs/question"],
                               [(rid, f"{sec:.3f}", f"{100 * sec / spent:.1f}%", f"{1e6 * sec / n:.0f}")
                                for rid, sec in ranked]))
        print()
        verdict = "meets" if ratio >= TARGET else "MISSES"
        print(f"askwell/bare throughput ratio {ratio:.2f} over all {runs} repeats ({verdict} the {TARGET} target)")
        per_repeat = ", ".join(f"{b / t['total']:.2f}" for b, t in zip(bare, ours))
        print(f"  per repeat: {per_repeat}")
        if len(block_pairs) > 1:
            ratios = [b / a for b, a in block_pairs]
            q = statistics.quantiles(ratios, n=4)
            low, high = bootstrap_interval(block_pairs)
            print(f"  per paired block ({len(ratios)}): median {statistics.median(ratios):.2f}, "
                  f"middle half {q[0]:.2f}-{q[2]:.2f}, range {min(ratios):.2f}-{max(ratios):.2f}")
            print(f"  95% interval of the ratio over all repeats (bootstrap over the paired blocks): {low:.2f}-{high:.2f}")
        print(f"  by CPU time (less sensitive to other load on the machine): {cpu_ratio:.2f}")
        print(f"  from askwell's own work alone, paired with bare spaCy block by block: "
              f"{1e6 * alone_all / (n * runs):.0f} µs/question = {100 * share:.1f}% on top of spaCy's "
              f"{1e6 * bare_all / (n * runs):.0f} µs/question, which predicts {1 / (1 + share):.2f}")
        if args.profile or ratio < TARGET:
            print()
            print(profile_rules(path, config, pre, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
