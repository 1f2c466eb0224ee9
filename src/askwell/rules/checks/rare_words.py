"""rare-words: words whose English Zipf frequency is low (QUAID's unfamiliar-term idea).

Names (proper nouns, capitalised mid-sentence words), acronyms, words the
project accepts and glossary terms (reported by glossary-term) are skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.nlp import zipf

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit per rare word token."""
    for t in doc:
        text = t.text
        if not t.is_alpha or len(text) < options["min_length"]:
            continue
        if t.pos_ == "PROPN" or text.isupper() or (text[:1].isupper() and not t.is_sent_start):
            continue
        if text.lower() in context.accept or t.lemma_.lower() in context.accept:
            continue
        # Inflected forms can be rarer than their lemma ("ameliorated"); judge the commoner of the two.
        score = max(zipf(text.lower()), zipf(t.lemma_.lower()))
        if score < options["min_zipf"]:
            yield Hit(t.idx, t.idx + len(text), f"'{text}' is a rare word that some respondents will not know.")
