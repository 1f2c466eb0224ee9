"""Shared parse helpers for coded checks: finding the question sentence(s) of an item.

Survey items often wrap the question in instructions ("Think about last week.
How often…?"); rules about how a question is asked look only at the sentences
that end in a question mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span


def question_sentences(doc: "Doc") -> Iterator["Span"]:
    """Sentences ending in '?' (ignoring trailing quotes or brackets)."""
    for sent in doc.sents:
        text = sent.text.rstrip(" \"'”’)]*_")
        if text.endswith("?"):
            yield sent


def content_tokens(sent: "Span") -> list:  # type: ignore[type-arg]
    """Tokens of a sentence without punctuation and spaces."""
    return [t for t in sent if not t.is_punct and not t.is_space]
