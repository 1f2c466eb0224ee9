"""Findings on well-written questions are the failure that matters most: these stay clean."""

from __future__ import annotations

from dataclasses import replace

import pytest

CLEAN = [
    ("What, if anything, would you change about this workshop?", "unknown", ()),
    ("What, if anything, would you change about this workshop?", "open", ()),
    ("How would you rate the pace of the workshop?", "unknown", ()),
    ("How would you rate the pace of the workshop?", "scale",
     ("Much too slow", "A little too slow", "About right", "A little too fast", "Much too fast")),
]


@pytest.mark.parametrize(("text", "qtype", "choices"), CLEAN)
def test_well_written_questions_get_no_finding_from_any_rule(lint_text, default_config, text, qtype, choices):  # type: ignore[no-untyped-def]
    config = replace(default_config, select=("all",))
    rules = config.packs.by_id()
    # Survey-level rules judge a whole file (a one-item "survey" has no closing question).
    found = [f for f in lint_text(text, qtype, choices, config=config) if rules[f.rule].scope == "question"]
    assert found == []
