"""Plain text, stdin and ``--text``: each non-blank line is one item; ``#`` lines are comments.

A trailing ``# askwell: ignore[...]`` suppression comment is not part of the item.
"""

from __future__ import annotations

from askwell.model import OffsetMap, Question
from askwell.sources.suppressions import strip_trailing


def extract(text: str, path: str) -> list[Question]:
    """One question per non-blank, non-comment line, positioned at its first non-space character."""
    questions: list[Question] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = strip_trailing(raw).strip()
        if not stripped or stripped.startswith("#"):
            continue
        column = len(raw) - len(raw.lstrip()) + 1
        questions.append(Question(text=stripped, path=path, line=number, column=column,
                                  offsets=OffsetMap.at(number, column)))
    return questions
