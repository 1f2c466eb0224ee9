"""no-closing-question (survey scope): the survey never invites respondents to add anything.

A last open question ("What else do you want to tell us?") is
where people say what the survey did not foresee.  The rule is quiet when one of
the last items is open, or when an open catch-all question appears anywhere in
the second half (demographics often follow it).  Files whose items carry no
types or options (plain drafts) are not surveys in this sense and are skipped.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from askwell.analysis.options import CLOSED_TYPES, is_open
from askwell.model import Context, Hit, Question

CATCH_ALL = re.compile(
    r"\banything else\b|\bany(?:thing)?\s+(?:other|further|additional|more)\b|"
    r"\b(?:other|further|additional|final|more|any)\s+(?:comments?|thoughts?|feedback|remarks?|suggestions?|ideas?)\b|"
    r"\bwould you like to (?:add|share|tell|say)\b|\bis there anything\b|\banything (?:to add|you would like)\b",
    re.IGNORECASE)
def check(questions: tuple[Question, ...], doc: None, options: dict[str, Any],
          context: Context) -> Iterator[tuple[int, Hit]]:
    """(index of the last question, hit) when no open closing question exists."""
    if not questions or not any(q.choices or q.type in CLOSED_TYPES for q in questions):
        return
    tail = max(int(options.get("last_items", 2)), 1)
    if any(is_open(q) for q in questions[-tail:]):
        return
    if any(is_open(q) and CATCH_ALL.search(q.text) for q in questions[len(questions) // 2:]):
        return
    last = len(questions) - 1
    yield last, Hit(0, len(questions[last].text))  # the rule's own message says it all
