"""The result cache: first (cold) and second (cached) runs of ``askwell check``.

    python benchmarks/cache.py                # median of 5 rounds per corpus
    python benchmarks/cache.py --runs 3

Corpora: the repository's ``examples/`` (with its ``.askwell.yaml``) and the
Carpentries surveys converted to askwell YAML with
``python benchmarks/carpentries.py convert DIR`` into a temporary directory.

Each round uses a fresh temporary ``--cache-dir`` and runs the installed console
script three times, in fresh processes, with ``--format json -o FILE``:

1. cold, ``--no-cache``: neither reads nor writes the cache;
2. cold, populating: empty cache directory, the run writes it;
3. second run: same cache directory, every file unchanged.

The three JSON reports must be byte-identical (the cache may not change results).
Then the cost split: ``benchmarks/_phases.py`` replays the CLI's steps phase by
phase for a cold and a cached run, to show what start-up still costs when the NLP
is skipped.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as common  # noqa: E402

TARGET = 10.0


def check_cmd(corpus: str, out: Path, cache_dir: Path | None) -> list[str]:
    cmd = [common.ASKWELL, "check", corpus, "--format", "json", "-o", str(out)]
    return cmd + (["--cache-dir", str(cache_dir)] if cache_dir else ["--no-cache"])


def describe_diff(data: list[bytes]) -> str:
    """Where the cold, populating and cached JSON reports first differ."""
    reports = [json.loads(d) for d in data]
    names = ("cold", "populating", "cached")
    for a, b in ((0, 1), (1, 2), (0, 2)):
        qa, qb = reports[a]["questions"], reports[b]["questions"]
        for x, y in zip(qa, qb):
            if x != y:
                ra = sorted(f["rule"] for f in x["findings"])
                rb = sorted(f["rule"] for f in y["findings"])
                return (f"{names[a]} vs {names[b]} at {x['path']}:{x['line']}: rules {ra} vs {rb} "
                        "(was a rule or check module edited during the run?)")
        if reports[a] != reports[b]:
            return f"{names[a]} vs {names[b]}: summaries differ"
    return "bytes differ"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="rounds per corpus (medians reported)")
    args = ap.parse_args(argv)
    print(common.compile_askwell())
    cwd = common.REPO
    print(f"machine: {common.machine()}")

    with tempfile.TemporaryDirectory(prefix="askwell-cache-bench-") as tmp_name:
        tmp = Path(tmp_name)
        converted = tmp / "carpentries"
        done = subprocess.run([sys.executable, str(common.HERE / "carpentries.py"), "convert", str(converted)],
                              cwd=cwd, capture_output=True, text=True, check=True)
        print(f"python benchmarks/carpentries.py convert {converted}: {done.stdout.strip()}")
        corpora = [("examples/", "examples")]
        if converted.is_dir() and any(converted.iterdir()):
            corpora.append(("Carpentries surveys (converted)", str(converted)))

        interp, _, _ = common.median_time([sys.executable, "-c", "pass"], runs=args.runs, cwd=cwd)
        help_time, _, _ = common.median_time([common.ASKWELL, "--help"], runs=args.runs, cwd=cwd)
        rows, splits = [], []
        for label, corpus in corpora:
            cold, populate, cached = [], [], []
            cpu = {"cold": [], "populate": [], "cached": []}
            summary: dict = {}
            mismatches: list[str] = []
            common.run_timed(check_cmd(corpus, tmp / "warm.json", None), cwd=cwd, ok=(0, 1, 2))  # page cache
            for r in range(args.runs):
                cache_dir = tmp / f"cache-{label[:8].strip('/ ')}-{r}"
                cache_dir.mkdir()
                outs = [tmp / f"out-{k}.json" for k in range(3)]
                for kind, cmd, times in (("cold", check_cmd(corpus, outs[0], None), cold),
                                         ("populate", check_cmd(corpus, outs[1], cache_dir), populate),
                                         ("cached", check_cmd(corpus, outs[2], cache_dir), cached)):
                    wall, _code, usage, _o, _e = common.run_timed(cmd, cwd=cwd, ok=(0, 1, 2))
                    times.append(wall)
                    cpu[kind].append(common.cpu_seconds(usage))
                data = [o.read_bytes() for o in outs]
                if not (data[0] == data[1] == data[2]):
                    mismatches.append(f"{label}, round {r + 1}: {describe_diff(data)}")
                summary = json.loads(data[2])["summary"]
                if r == 0:
                    cache_file = cache_dir / ".askwell_cache" / "results.json"
                    cache_bytes = cache_file.stat().st_size if cache_file.exists() else 0
            c, p, w = (statistics.median(x) for x in (cold, populate, cached))
            rows.append((label, summary["files"], summary["questions"], common.ms(c), common.ms(p), common.ms(w),
                         f"{c / w:.1f}x", f"{p / w:.1f}x", f"{cache_bytes:,} B",
                         f"{statistics.median(cpu['cold']) * 1000:.0f} / {statistics.median(cpu['cached']) * 1000:.0f} ms"))
            for m in mismatches:
                print(f"  WARNING: reports differ: {m}")
            print(f"  {label}: cold {common.ms(c)}, populating {common.ms(p)}, cached {common.ms(w)}", flush=True)

            split_cold, _ = common.phase_split(["--no-cache", "--split-first-use", corpus], runs=3, cwd=cwd)
            warm_dir = tmp / f"split-{len(splits)}"
            warm_dir.mkdir()
            common.run_timed(check_cmd(corpus, tmp / "x.json", warm_dir), cwd=cwd, ok=(0, 1, 2))
            split_warm, last = common.phase_split(["--cache-dir", str(warm_dir), corpus], runs=3, cwd=cwd)
            splits.append((label, split_cold, split_warm, last))

    print()
    print(common.table(["corpus", "files", "questions", "cold --no-cache", "cold, populating", "second run (cached)",
                        "speed-up vs --no-cache", "speed-up vs populating", "cache file", "CPU cold / cached"], rows))
    print()
    print(f"reference: python -c pass {common.ms(interp)}, askwell --help {common.ms(help_time)} "
          f"(median of {args.runs}); target: second run >= {TARGET:.0f}x faster")
    for label, split_cold, split_warm, last in splits:
        print()
        print(f"{label}: where the time goes, cold (--no-cache) and cached (median of 3 fresh processes; "
              f"cached run imported: {', '.join(last['imported']) or 'no heavy package'}; "
              f"cache hits {last['cache_hits']}, misses {last['cache_misses']})")
        print()
        names = list(dict.fromkeys([*split_cold, *split_warm]))
        names.remove("total (wall)")
        names.append("total (wall)")
        print(common.table(["phase", "cold", "cached"],
                           [(n, common.ms(split_cold[n]) if n in split_cold else "–",
                             common.ms(split_warm[n]) if n in split_warm else "–") for n in names]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
