"""Scale: run time and peak memory of ``askwell check`` on 1k, 10k and 100k questions.

    python benchmarks/scale.py                       # sizes 1000,10000,100000 (100k takes minutes)
    python benchmarks/scale.py --sizes 1000,10000

Each size is one .txt file of unique questions (the same generator as
throughput.py) checked by the installed console script in a fresh process:
``askwell check FILE --no-cache --format json -o OUT``.  Peak memory is that
process's own ``ru_maxrss`` (from ``os.wait4``).

askwell parses in chunks of unique texts (``engine.CHUNK``) and drops each
chunk's Docs once its questions are checked, so the NLP stage should add a
fixed amount of memory, not an amount per question.  What does grow with N is
the run's data: the questions, their findings, the Report and the JSON text.
To separate the two, each size is also run through two more fresh processes:
"input + report only" (read the file, build a Report with every question and no
findings, render JSON; no spaCy) and "NLP + rules alone" (read the file, then
``Engine.hits`` on slices of CHUNK questions, dropping each slice's hits: the
NLP stage's own working memory plus the questions).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as common  # noqa: E402


def input_only(path: str, out: str) -> int:
    """Worker: the per-question data of a run without NLP; prints peak RSS in KB."""
    from askwell import config as config_mod
    from askwell import reporters, run
    from askwell.engine import Checked

    config = config_mod.load(None)
    inputs = run.gather([path], config)
    checked = [Checked(q, []) for _, qs in inputs.files for q in qs]
    report = run.report(inputs, checked, config)
    Path(out).write_text(reporters.get("json").render(report), encoding="utf-8")
    print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "questions": report.summary.questions}))
    return 0


def nlp_stream(path: str) -> int:
    """Worker: NLP + rules over the file in slices of CHUNK questions, each slice's hits dropped at once.

    This is askwell's NLP stage without the run's results: if its peak RSS stays flat
    as N grows, the parsing itself is bounded and any growth of a full run is the
    questions, findings and report.
    """
    from askwell import config as config_mod
    from askwell import run
    from askwell.config import active_rules
    from askwell.engine import CHUNK, Engine
    from askwell.nlp import Pipeline

    config = config_mod.load(None)
    inputs = run.gather([path], config)
    engine = Engine(config, active_rules(config), Pipeline(config.model))
    count = 0
    for name, questions in inputs.files:
        for start in range(0, len(questions), CHUNK):
            hits = engine.hits([(name, questions[start:start + CHUNK])])
            count += sum(len(h) for h in hits[0])
            del hits
    print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "hits": count}))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated question counts")
    ap.add_argument("--input-only", nargs=2, metavar=("FILE", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--nlp-stream", metavar="FILE", help=argparse.SUPPRESS)
    ap.add_argument("--no-stream", action="store_true", help="skip the NLP-only process (halves the run time)")
    args = ap.parse_args(argv)
    if args.input_only:
        return input_only(*args.input_only)
    if args.nlp_stream:
        return nlp_stream(args.nlp_stream)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    from askwell.engine import CHUNK

    print(f"machine: {common.machine()}")
    print(f"askwell check FILE --no-cache --format json -o OUT, one fresh process per size; chunk size {CHUNK}")
    bases = common.base_texts()
    rows = []
    with tempfile.TemporaryDirectory(prefix="askwell-scale-") as tmp_name:
        tmp = Path(tmp_name)
        tiny = common.write_txt(common.corpus(10, seed=3, bases=bases), tmp / "tiny.txt")
        base_wall, _, usage, _, _ = common.run_timed([common.ASKWELL, "check", str(tiny), "--no-cache", "--format",
                                                      "json", "-o", str(tmp / "tiny.json")])
        base_rss = usage.ru_maxrss
        print(f"fixed cost: 10 questions take {base_wall:.1f} s, peak RSS {base_rss / 1024:.0f} MB "
              "(interpreter, spaCy, model, word lists)")
        for n in sizes:
            texts = common.corpus(n, bases=bases)
            path = common.write_txt(texts, tmp / f"q{n}.txt")
            out = tmp / f"q{n}.json"
            wall, code, usage, _, _ = common.run_timed(
                [common.ASKWELL, "check", str(path), "--no-cache", "--format", "json", "-o", str(out)])
            report = json.loads(out.read_text(encoding="utf-8"))
            assert report["summary"]["questions"] == n, report["summary"]
            _, _, u2, o2, _ = common.run_timed([sys.executable, __file__, "--input-only", str(path),
                                                str(tmp / f"i{n}.json")])
            input_rss = json.loads(o2)["maxrss_kb"]
            stream_rss = None
            if not args.no_stream:
                _, _, _, o3, _ = common.run_timed([sys.executable, __file__, "--nlp-stream", str(path)])
                stream_rss = json.loads(o3)["maxrss_kb"]
            rows.append(dict(n=n, wall=wall, cpu=common.cpu_seconds(usage), rss=usage.ru_maxrss, input_rss=input_rss,
                             stream_rss=stream_rss,
                             in_bytes=path.stat().st_size, out_bytes=out.stat().st_size,
                             findings=report["summary"]["findings"], words=sum(len(t.split()) for t in texts)))
            print(f"  {n:>7,} questions: {wall:.1f} s, peak RSS {usage.ru_maxrss / 1024:.0f} MB "
                  f"(input + report only: {input_rss / 1024:.0f} MB; NLP + rules alone: "
                  f"{'–' if stream_rss is None else f'{stream_rss / 1024:.0f} MB'})", flush=True)
            out.unlink()
    print()
    print(common.table(
        ["questions", "words", "wall", "ms/question", "marginal ms/question", "marginal µs/word", "CPU", "peak RSS", "over 10-question run",
         "input + report only (no NLP)", "NLP + rules alone (hits dropped per chunk)", "input file", "JSON output",
         "findings"],
        [(f"{r['n']:,}", f"{r['words']:,}", f"{r['wall']:.1f} s", f"{1000 * r['wall'] / r['n']:.2f}",
          f"{1000 * (r['wall'] - base_wall) / (r['n'] - 10):.2f}",
          f"{1e6 * (r['wall'] - base_wall) / r['words']:.0f}",
          f"{r['cpu']:.1f} s", f"{r['rss'] / 1024:.0f} MB", f"+{(r['rss'] - base_rss) / 1024:.0f} MB",
          f"{r['input_rss'] / 1024:.0f} MB", "–" if r["stream_rss"] is None else f"{r['stream_rss'] / 1024:.0f} MB",
          f"{r['in_bytes'] / 1e6:.1f} MB", f"{r['out_bytes'] / 1e6:.1f} MB", f"{r['findings']:,}") for r in rows]))
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        per_q = ((b["wall"] - base_wall) / (b["n"] - 10)) / ((a["wall"] - base_wall) / (a["n"] - 10))
        growth = (b["rss"] - a["rss"]) * 1024 / (b["n"] - a["n"])
        input_growth = (b["input_rss"] - a["input_rss"]) * 1024 / (b["n"] - a["n"])
        print()
        per_w = ((b["wall"] - base_wall) / b["words"]) / ((a["wall"] - base_wall) / a["words"])
        print(f"linearity: marginal time per question (wall minus the 10-question run) at {b['n']:,} is "
              f"{per_q:.2f}x that at {a['n']:,}, per word {per_w:.2f}x (1.00 = linear; the larger corpora "
              f"have longer questions on average: {a['words'] / a['n']:.1f} and {b['words'] / b['n']:.1f} words)")
        print(f"memory growth from {a['n']:,} to {b['n']:,}: {growth / 1024:.1f} KB per question in the full run, "
              f"{input_growth / 1024:.1f} KB per question for input + report alone (no NLP)")
        if a["stream_rss"] is not None and b["stream_rss"] is not None:
            print(f"NLP + rules alone: {a['stream_rss'] / 1024:.0f} MB at {a['n']:,}, {b['stream_rss'] / 1024:.0f} MB "
                  f"at {b['n']:,} ({(b['stream_rss'] - a['stream_rss']) * 1024 / (b['n'] - a['n']) / 1024:.2f} KB "
                  "per question, of which the questions themselves are part)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
