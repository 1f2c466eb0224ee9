"""many-required (survey scope): most questions cannot be skipped.

Required answers keep data complete on paper, but people who would rather not
answer an item either quit or give any answer to move on.  The share counts the
items whose ``required`` is known; when a file sets it on some items, the others
count as optional.  In drafts without that field, a trailing "*" or "(required)"
marks a required item.  Consent and eligibility items are necessarily required
and are not counted.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from askwell.model import Context, Hit, Question

MARK = re.compile(r"(?:\?\s*\*|\s\*|\(required\)|\[required\])\s*$", re.IGNORECASE)
CONSENT = re.compile(r"\bconsent\b|\bagree to (?:take part|participate|taking)\b|\b(?:18|eighteen) years\b|"
                     r"\bage (?:of )?18\b|\b18 or (?:older|over|above)\b", re.IGNORECASE)


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "share": ("required", "counted", "share"),
}


def _required(question: Question) -> bool | None:
    if question.required is not None:
        return question.required
    # Every mark ends the text (bar trailing space) with "*", ")" or "]": most texts need no scan.
    return True if question.text.rstrip().endswith(("*", ")", "]")) and MARK.search(question.text) else None


def check(questions: tuple[Question, ...], doc: None, options: dict[str, Any],
          context: Context) -> Iterator[tuple[int, Hit]]:
    """(index of the first required question, hit) when the required share is above ``max_share``."""
    marks = [_required(q) for q in questions]
    if not any(m is not None for m in marks):
        return
    counted = [(i, bool(m)) for i, (q, m) in enumerate(zip(questions, marks)) if not CONSENT.search(q.text)]
    if len(counted) < int(options.get("min_questions", 1)):
        return
    required = [i for i, r in counted if r]
    share = len(required) / len(counted) if counted else 0.0
    if share <= float(options.get("max_share", 0.5)) or not required:
        return
    first = required[0]
    yield first, Hit.saying("share", 0, len(questions[first].text), required=len(required), counted=len(counted),
                            share=share)
