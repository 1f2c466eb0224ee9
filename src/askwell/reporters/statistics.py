"""``--statistics``: how often each rule fired, ruff style, most frequent first."""

from __future__ import annotations

import re
from collections import Counter

from askwell.model import Report
from askwell.rules.packs import Packs, load_packs

_PLACEHOLDER = re.compile(r"\{\w+\}")


def short_description(message: str) -> str:
    """A rule's message template with its ``{placeholders}`` replaced by "…"."""
    return _PLACEHOLDER.sub("…", message)


def statistics(report: Report, packs: Packs | None = None) -> str:
    """One row per rule (and severity): count, rule id, severity, description; empty when nothing fired."""
    counts = Counter((f.rule, f.severity) for r in report.placed() for f in r.findings)
    if not counts:
        return ""
    rules = (packs or load_packs()).by_id()
    rows = [(str(n), rule, sev, short_description(rules[rule].message) if rule in rules else "")
            for (rule, sev), n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    header = ("COUNT", "RULE", "SEVERITY", "DESCRIPTION")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    lines = [f"{header[0]:>{widths[0]}}  {header[1]:<{widths[1]}}  {header[2]:<{widths[2]}}  {header[3]}"]
    lines += [f"{n:>{widths[0]}}  {rule:<{widths[1]}}  {sev:<{widths[2]}}  {desc}".rstrip()
              for n, rule, sev, desc in rows]
    return "\n".join(lines) + "\n"
