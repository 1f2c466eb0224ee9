"""Per-category precision and recall of askwell on its labelled development set.

Usage: python benchmarks/devset.py [--details]

Precision: of the items askwell flags for a category, the share labelled with it.
Recall: of the items labelled with a category, the share askwell flags for it.
The set (benchmarks/devset.yaml) is written by the developers from published
guidance; it measures the rules, it does not train them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from askwell.config import active_rules, load
from askwell.engine import Engine
from askwell.model import CATEGORIES, Choice, OffsetMap, Question
from askwell.nlp import Pipeline
from askwell.policy import apply

HERE = Path(__file__).resolve().parent


def main(details: bool = False) -> None:
    items = yaml.safe_load((HERE / "devset.yaml").read_text(encoding="utf-8"))["items"]
    questions = tuple(
        Question(text=it["text"], path="devset", line=i + 1, column=1, offsets=OffsetMap.at(i + 1, 1),
                 type=it.get("type", "unknown"), choices=tuple(Choice(c) for c in it.get("choices", [])))
        for i, it in enumerate(items))
    config = load(None)
    engine = Engine(config, active_rules(config), Pipeline(config.model))
    checked = apply(engine.run([("devset", questions)]), active_rules(config))
    flagged = [{f.category for f in c.findings} for c in checked]
    expected = [set(it["expect"]) for it in items]
    print(f"{'category':<18} {'labelled':>8} {'flagged':>8} {'precision':>10} {'recall':>8}")
    tp_all = fp_all = fn_all = 0
    for cat in CATEGORIES:
        tp = sum(1 for f, e in zip(flagged, expected) if cat in f and cat in e)
        fp = sum(1 for f, e in zip(flagged, expected) if cat in f and cat not in e)
        fn = sum(1 for f, e in zip(flagged, expected) if cat not in f and cat in e)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        precision = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
        recall = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
        print(f"{cat:<18} {tp + fn:>8} {tp + fp:>8} {precision:>10} {recall:>8}")
    print(f"{'all':<18} {tp_all + fn_all:>8} {tp_all + fp_all:>8} "
          f"{tp_all / max(tp_all + fp_all, 1):>10.2f} {tp_all / max(tp_all + fn_all, 1):>8.2f}")
    clean = [i for i, e in enumerate(expected) if not e]
    print(f"clean items with no finding: {sum(1 for i in clean if not flagged[i])}/{len(clean)}")
    if details:
        for it, f, e in zip(items, flagged, expected):
            if f != e:
                print(f"  expected {sorted(e)} got {sorted(f)}: {it['text']}")


if __name__ == "__main__":
    main("--details" in sys.argv)
