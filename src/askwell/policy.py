"""The policy stage: which findings count, after suppressions, and which suppressions rot.

Selection and severity overrides are applied when rules are activated
(``config.active_rules``).  Here, each finding is checked against the
suppressions covering its question (inline comments and survey ``ignore:``
lists); suppressions that silence nothing, or name no known rule, become
``unused-suppression`` findings, as ruff's RUF100 does, so they do not rot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from askwell.config import ActiveRule
from askwell.engine import Checked
from askwell.model import Finding, Question, Suppression
from askwell.rules.packs import Packs, load_packs

UNUSED = "unused-suppression"


def matches(token: str, finding: Finding) -> bool:
    """True when a suppression token names the finding's rule or category, or is ``all``."""
    return token in ("all", finding.rule, finding.category)


def _covering(question: Question) -> list[Suppression]:
    """Inline suppressions plus the survey's own ``ignore:`` list (placed at the question)."""
    found = list(question.suppressions)
    inline = {r for s in question.suppressions for r in s.rules}
    listed = frozenset(question.ignore) - inline
    if listed:
        found.append(Suppression(listed, question.line, question.column, "ignore: [" + ", ".join(sorted(listed)) + "]"))
    return found


@dataclass
class _Usage:
    """Which tokens of one suppression silenced something, and the first question it covers."""

    suppression: Suppression
    question: int
    path: str
    used: set[str] = field(default_factory=set)


def _unused_findings(usages: dict[tuple[str, int, int, str], _Usage], active: list[ActiveRule],
                     unused: ActiveRule, packs: Packs) -> dict[int, list[Finding]]:
    known_rules = packs.by_id()
    categories = {r.category for r in known_rules.values()}
    active_tokens = {a.rule.id for a in active} | {a.rule.category for a in active} | {"all"}
    out: dict[int, list[Finding]] = {}
    for usage in usages.values():
        s = usage.suppression
        problems = []
        if not s.rules:
            if not usage.used:
                problems.append("this suppression silences nothing")
        for token in sorted(s.rules):
            if token not in known_rules and token not in categories and token != "all":
                problems.append(f"unknown rule or category {token!r} in suppression")
            elif token not in usage.used and token in active_tokens:
                problems.append(f"unused suppression of {token!r}: nothing here triggers it")
        for message in problems:
            width = max(len(s.text), 1)
            out.setdefault(usage.question, []).append(Finding(
                rule=UNUSED, category=unused.rule.category, severity=unused.severity, message=message,
                start=0, end=0, line=s.line, column=s.column, end_line=s.line, end_column=s.column + width,
                values=unused.rule.values, suggestion=unused.rule.suggestion))
    return out


def apply(checked: list[Checked], active: list[ActiveRule] | None = None, packs: Packs | None = None) -> list[Checked]:
    """Drop suppressed findings; report unused and unknown suppressions when that rule is active.

    ``packs`` (the run's rules) tell an unknown rule id in a suppression from a known one.
    """
    unused = next((a for a in active or [] if a.rule.id == UNUSED), None)
    usages: dict[tuple[str, int, int, str], _Usage] = {}
    out: list[Checked] = []
    for index, c in enumerate(checked):
        covering = _covering(c.question)
        for s in covering:
            usages.setdefault((c.question.path, s.line, s.column, s.text), _Usage(s, index, c.question.path))
        kept = []
        for f in c.findings:
            hit = False
            for s in covering:
                usage = usages[(c.question.path, s.line, s.column, s.text)]
                if not s.rules:
                    usage.used.add("*")
                    hit = True
                for token in s.rules:
                    if matches(token, f):
                        usage.used.add(token)
                        hit = True
            if not hit:
                kept.append(f)
        out.append(Checked(c.question, kept))
    if unused is not None:
        for index, extra in _unused_findings(usages, active or [], unused, packs or load_packs()).items():
            out[index] = Checked(out[index].question, out[index].findings + extra)
    return out
