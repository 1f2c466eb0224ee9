"""rejected-term: words the project's config lists under ``vocabulary.reject`` (as Vale does)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.rules.kinds import phrase_regex

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
# The term as written: the default message's {match} would fold a line break inside it.
MESSAGES: dict[str, tuple[str, ...]] = {"listed": ("term",)}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit per rejected term (case-insensitive, whole words)."""
    if not context.reject:
        return
    key = "rejected.regex"
    if key not in context.memo:
        context.memo[key] = phrase_regex(context.reject)
    for m in context.memo[key].finditer(question.text):  # type: ignore[attr-defined]
        yield Hit.saying("listed", m.start(), m.end(), term=m.group(0))
