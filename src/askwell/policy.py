"""The policy stage: which findings count, after per-question suppressions.

Selection and severity overrides are applied when rules are activated
(``config.active_rules``); what remains here is what depends on the question
itself.
"""

from __future__ import annotations

from askwell.engine import Checked
from askwell.model import Finding


def suppressed(finding: Finding, ignore: frozenset[str]) -> bool:
    """True when a question's ignore list names the finding's rule, its category, or ``all``."""
    return bool(ignore) and ("all" in ignore or finding.rule in ignore or finding.category in ignore)


def apply(checked: list[Checked]) -> list[Checked]:
    """Drop findings the question's own suppressions silence."""
    return [Checked(c.question, [f for f in c.findings if not suppressed(f, c.question.ignore)]) for c in checked]
