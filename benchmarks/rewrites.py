"""How often askwell offers a better question, and whether the questions it offers pass askwell.

Usage: python benchmarks/rewrites.py [--sample N] [--seed S]

Over every item of the blind evaluation set (benchmarks/evalset/, both halves), for the
warnings and errors in the categories where a rewrite is the natural fix (leading, closed,
double-barreled, dismissive, inclusive), it prints:

- the share that carry a rewrite (a whole question in the finding's ``rewrites``, beside the advice);
- the share of those rewrites that pass an independent re-lint here (the same item with
  the rewritten text: no wording problem in any category, no error); the engine verifies
  rewrites before showing them, so anything below 100% is a bug;
- a random sample of rewrites from the tuning half, for reading by a person (the test half
  stays unread: its items are counted, never printed).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evalset import HALVES, load_half  # noqa: E402

from askwell.config import active_rules, load  # noqa: E402
from askwell.engine import Engine  # noqa: E402
from askwell.model import Choice, OffsetMap, Question  # noqa: E402
from askwell.nlp import Pipeline  # noqa: E402
from askwell.policy import apply  # noqa: E402
from askwell.rewriting import RATING_REWRITES, REWRITTEN  # noqa: E402

CATEGORIES = ("leading", "closed", "double-barreled", "dismissive", "inclusive")


def _question(text: str, item: dict, n: int) -> Question:  # type: ignore[type-arg]
    return Question(text=text, path="evalset", line=n, column=1, offsets=OffsetMap.at(n, 1), id=item["id"],
                    type=item.get("type", "unknown"), choices=tuple(Choice(str(c)) for c in item.get("choices") or ()))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    items = [it for half in HALVES for _, it in load_half(half)]
    tuning = {it["id"] for _, it in load_half("tune")}
    config = load(None)
    rules = active_rules(config)
    engine = Engine(config, rules, Pipeline(config.model))
    # One item per file: the rewrite is judged on the item, not on its survey.
    checked = apply(engine.run([(it["id"], (_question(it["text"], it, 1),)) for it in items]), rules)
    findings = [(it, f) for it, c in zip(items, checked) for f in c.findings
                if f.category in CATEGORIES and f.severity in ("warning", "error")]
    rewritten = [(it, f) for it, f in findings if f.rewrites]
    # A closed or agree/disagree question's rewrite asks for a rating: linted, as the engine does, without
    # the options it replaces.
    again = apply(engine.run([(it["id"], (_question(f.rewrites[0], {**it, "type": "scale", "choices": []}
                                                     if f.rule in RATING_REWRITES else it, 1),))
                              for it, f in rewritten]), rules)
    # The engine's promise: a rewrite leaves no wording problem at all and no error.
    passed = [not any(g.category in REWRITTEN or g.severity == "error" for g in c.findings)
              for (_, f), c in zip(rewritten, again)]
    print(f"{len(items)} items; {len(findings)} warnings and errors in {', '.join(CATEGORIES)}")
    print(f"with a rewrite: {len(rewritten)}/{len(findings)} = {len(rewritten) / max(len(findings), 1):.2f}")
    print(f"rewrites that pass the re-lint: {sum(passed)}/{len(passed)} = {sum(passed) / max(len(passed), 1):.2f}")
    for category in CATEGORIES:
        n = sum(1 for _, f in findings if f.category == category)
        r = sum(1 for _, f in rewritten if f.category == category)
        print(f"  {category:<16} {r:>4}/{n:<4}")
    for rule in sorted({f.rule for _, f in findings}):
        n = sum(1 for _, f in findings if f.rule == rule)
        r = sum(1 for _, f in rewritten if f.rule == rule)
        print(f"    {rule:<22} {r:>4}/{n:<4}")
    rng = random.Random(args.seed)
    readable = [(it, f) for it, f in rewritten if it["id"] in tuning]
    sample = rng.sample(readable, min(args.sample, len(readable)))
    print(f"\nsample of {len(sample)} from the tuning half (seed {args.seed}):")
    for n, (it, f) in enumerate(sample, 1):
        print(f"{n:>3}. [{f.rule}] {it['text']}" + "".join(f"\n     -> {r}" for r in f.rewrites))


if __name__ == "__main__":
    main(sys.argv[1:])
