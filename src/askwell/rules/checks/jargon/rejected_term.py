"""rejected-term: words the project's config lists under ``vocabulary.reject`` (as Vale does)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.rules.kinds import phrase_regex

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit per rejected term (case-insensitive, whole words)."""
    if not context.reject:
        return
    key = "rejected.regex"
    if key not in context.memo:
        context.memo[key] = phrase_regex(context.reject)
    for m in context.memo[key].finditer(question.text):  # type: ignore[attr-defined]
        yield Hit(m.start(), m.end(), f"'{m.group(0)}' is on this project's list of words to avoid.")
