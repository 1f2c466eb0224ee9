"""What every rule flags on the real Carpentries surveys, for reading and judging by hand.

Usage:
    python benchmarks/precision.py                 # per-rule counts
    python benchmarks/precision.py RULE [N]        # the first N (default 20) items RULE flags

Learner surveys are linted with ``audience: learners``, instructor surveys with
``audience: instructors`` (jargon depends on who answers).  Items keep the types
the shared data gives them, so type-aware rules see what the survey authors meant.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from carpentries import iter_items, iter_sections  # noqa: E402

from askwell.config import active_rules, load  # noqa: E402
from askwell.engine import Checked, Engine  # noqa: E402
from askwell.model import Choice, OffsetMap, Question  # noqa: E402
from askwell.nlp import Pipeline  # noqa: E402
from askwell.policy import apply  # noqa: E402


def lint_carpentries() -> list[tuple[str, Checked]]:
    """(survey file, checked question) for every item, each survey linted as one file."""
    by_file: dict[str, list[Question]] = defaultdict(list)
    # A group's stem ("Describe your knowledge about the following topics.") is the section
    # its rows sit in, as an askwell survey file's sections give it.
    for (name, qid, text, qtype, choices), (_, _, section) in zip(iter_items(), iter_sections()):
        n = len(by_file[name]) + 1
        by_file[name].append(Question(text=text, path=name, line=n, column=1, offsets=OffsetMap.at(n, 1), id=qid,
                                      type=qtype, choices=tuple(Choice(c) for c in choices), section=section))
    pipeline = Pipeline()
    out: list[tuple[str, Checked]] = []
    for audience in ("learners", "instructors"):
        config = replace(load(None), audience=audience)
        engine = Engine(config, active_rules(config), pipeline)
        files = [(name, tuple(qs)) for name, qs in by_file.items() if ("instructor" in name) == (audience == "instructors")]
        out += [(c.question.path, c) for c in apply(engine.run(files), active_rules(config))]
    return out


def main(argv: list[str]) -> None:
    results = lint_carpentries()
    if not results:
        print("shared Carpentries surveys not found: nothing to measure")
        return
    if argv:
        rule, limit = argv[0], int(argv[1]) if len(argv) > 1 else 20
        shown = 0
        for name, c in results:
            for f in c.findings:
                if f.rule == rule and shown < limit:
                    shown += 1
                    print(f"{shown:>3}. [{name} {c.question.id} {c.question.type}] "
                          f"<{c.question.text[f.start:f.end] or '(option)'}> {c.question.text}")
                    if f.choice is not None:
                        print(f"      option: {c.question.choices[f.choice].text!r}: {f.message}")
        return
    items = Counter()
    for _, c in results:
        for rule in {f.rule for f in c.findings}:
            items[rule] += 1
    print(f"{len(results)} items in {len({n for n, _ in results})} surveys")
    print(f"{'rule':<28} {'items flagged':>13}")
    for rule, n in sorted(items.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{rule:<28} {n:>13}")


if __name__ == "__main__":
    main(sys.argv[1:])
