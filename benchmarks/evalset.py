"""Precision and recall per category on the blind evaluation set (benchmarks/evalset/).

Usage:
    python benchmarks/evalset.py                      # both halves, per category, with 95% intervals
    python benchmarks/evalset.py --details tune [CAT] # the tuning half's misses and false flags

The set was written from published question-writing guidance by authors who had not
read askwell's rules. It is split by domain: rules are tuned on the ``tune`` half only,
and the ``test`` half is read by this script's summary alone (``--details`` refuses it),
so its figures say how the rules do on questions nobody tuned them on.

A category counts as flagged on an item when askwell raises any finding in that category
(info notes included: a facilitator reads them too). Well-written items are judged by the
issue's bar: no warning or error at all. Intervals: percentile bootstrap over items (2,000
resamples, fixed seed).
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from askwell.config import active_rules, load
from askwell.engine import Engine
from askwell.model import Choice, OffsetMap, Question
from askwell.nlp import Pipeline
from askwell.policy import apply

HERE = Path(__file__).resolve().parent
SET = HERE / "evalset"
HALVES = {
    "tune": ("workshops-teaching", "workplace", "civic-political", "education-school", "travel-hospitality",
             "nonprofit-volunteering", "software-users", "sport-leisure", "environment-energy"),
    "test": ("open-source-research", "health", "product-market", "libraries-culture", "local-government",
             "housing-tenants", "news-media"),
}
# The categories the detection issues set targets for, then the rest.
FOCUS = ("leading", "closed", "double-barreled", "jargon", "vague", "hypothetical", "negative", "sensitive")
# Which glossary profile answers for each domain's audience.
AUDIENCE = {"workshops-teaching": "learners", "open-source-research": "instructors"}
VERDICT = ("warning", "error")


def load_half(half: str, only: set[str] | None = None) -> list[tuple[str, dict[str, Any]]]:
    """(domain, item) for every item of the half's domain files (of the ``only`` domains, if given)."""
    out: list[tuple[str, dict[str, Any]]] = []
    for domain in HALVES[half]:
        if only and domain not in only:
            continue
        path = SET / f"{domain}.yaml"
        if path.is_file():
            out += [(domain, item) for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]]
    return out


def flag(items: list[tuple[str, dict[str, Any]]], pipeline: Pipeline) -> list[tuple[set[str], list[Any]]]:
    """For each item, the categories askwell flags, and its findings."""
    by_audience: dict[str, list[int]] = {}
    for i, (domain, _) in enumerate(items):
        by_audience.setdefault(AUDIENCE.get(domain, "learners"), []).append(i)
    out: list[tuple[set[str], list[Any]]] = [(set(), [])] * len(items)
    for audience, indexes in by_audience.items():
        config = replace(load(None), audience=audience)
        rules = active_rules(config)
        engine = Engine(config, rules, pipeline)
        # Each domain is linted as one survey, as its items would be in a real file, so a term
        # the domain uses throughout is known; findings about the whole survey (its length, its
        # closing question) are about no item and are left out.
        by_domain: dict[str, list[int]] = {}
        for i in indexes:
            by_domain.setdefault(items[i][0], []).append(i)
        files, order = [], []
        for domain, members in by_domain.items():
            qs = []
            for n, i in enumerate(members, 1):
                it = items[i][1]
                qs.append(Question(text=it["text"], path=domain, line=n, column=1, offsets=OffsetMap.at(n, 1),
                                   id=it["id"], type=it.get("type", "unknown"),
                                   choices=tuple(Choice(str(c)) for c in it.get("choices") or ())))
            files.append((domain, tuple(qs)))
            order += members
        survey_scope = {a.rule.id for a in rules if a.rule.scope == "survey"}
        for i, checked in zip(order, apply(engine.run(files), rules)):
            found = [f for f in checked.findings if f.rule not in survey_scope]
            out[i] = ({f.category for f in found}, found)
    return out


def scores(pairs: list[tuple[set[str], set[str]]], cat: str) -> tuple[float | None, float | None, int, int]:
    tp = sum(1 for got, want in pairs if cat in got and cat in want)
    flagged = sum(1 for got, _ in pairs if cat in got)
    labelled = sum(1 for _, want in pairs if cat in want)
    return (tp / flagged if flagged else None, tp / labelled if labelled else None, labelled, flagged)


def interval(pairs: list[tuple[set[str], set[str]]], cat: str, which: int, rng: random.Random) -> str:
    values = []
    for _ in range(2000):
        sample = [pairs[rng.randrange(len(pairs))] for _ in pairs]
        v = scores(sample, cat)[which]
        if v is not None:
            values.append(v)
    if not values:
        return "   -     "
    values.sort()
    return f"{values[int(0.025 * len(values))]:.2f}-{values[int(0.975 * len(values)) - 1]:.2f}"


def fmt(v: float | None) -> str:
    return "   -" if v is None else f"{v:.2f}"


def summary(half: str, domains: list[str], pairs: list[tuple[set[str], set[str]]], serious: list[set[str]]) -> None:
    rng = random.Random(14)
    print(f"\n{half} half: {len(pairs)} items ({', '.join(domains)})")
    print(f"{'category':<18} {'labelled':>8} {'flagged':>8} {'precision':>9} {'95% CI':>10} {'recall':>7} {'95% CI':>10}")
    for cat in FOCUS:
        p, r, labelled, flagged = scores(pairs, cat)
        print(f"{cat:<18} {labelled:>8} {flagged:>8} {fmt(p):>9} {interval(pairs, cat, 0, rng):>10} "
              f"{fmt(r):>7} {interval(pairs, cat, 1, rng):>10}")
    good = [verdicts for (_, want), verdicts in zip(pairs, serious) if not want]
    clean = sum(1 for got in good if not got)
    print(f"well-written items with no warning or error: {clean}/{len(good)} = {clean / max(len(good), 1):.2f}")


def details(items: list[tuple[str, dict[str, Any]]], results: list[tuple[set[str], list[Any]]], cat: str | None) -> None:
    for (domain, it), (got, found) in zip(items, results):
        want = set(it.get("labels") or [])
        cats = [cat] if cat else sorted(set(FOCUS) | got | want)
        for c in cats:
            if (c in got) == (c in want):
                continue
            kind = "MISS" if c in want else "FALSE"
            rules = ",".join(f"{f.rule}:{f.severity[0]}<{it['text'][f.start:f.end]}>" for f in found if f.category == c)
            print(f"{kind:5} {c:<16} {it['id']:<24} {rules} | {it['text']}"
                  + (f" | {it.get('choices')}" if it.get("choices") else ""))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", choices=["tune"], help="list the tuning half's misses and false flags")
    parser.add_argument("category", nargs="?", help="with --details: one category")
    parser.add_argument("--domains", help="comma-separated domains: score only these (e.g. a round just written)")
    args = parser.parse_args(argv)
    only = set(args.domains.split(",")) if args.domains else None
    pipeline = Pipeline()
    for half in (["tune"] if args.details else ["tune", "test"]):
        items = load_half(half, only)
        if not items:
            print(f"{half} half: no items found under {SET}")
            continue
        results = flag(items, pipeline)
        if args.details:
            details(items, results, args.category)
        pairs = [(got, set(it.get("labels") or [])) for (_, it), (got, _) in zip(items, results)]
        serious = [{f.category for f in found if f.severity in VERDICT} for _, found in results]
        summary(half, sorted({d for d, _ in items}, key=HALVES[half].index), pairs, serious)


if __name__ == "__main__":
    main(sys.argv[1:])
