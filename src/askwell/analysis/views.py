"""Parse views shared by the rules: the question sentence(s) of an item, its words and spans.

Survey items often wrap the question in instructions ("Think about last week.
How often…?"); rules about how a question is asked look only at the sentences
that end in a question mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

T = TypeVar("T")


# The key in ``Doc.user_data`` of the dict that holds a Doc's shared views.
VIEWS = "askwell"


def per_doc(doc: "Doc", key: str, compute: Callable[["Doc"], T]) -> T:
    """``compute(doc)``, worked out once per Doc however many rules ask for it.

    Rules share one parse; walking it again for every rule creates millions of
    token objects, so shared views of the parse are kept in one dict in ``doc.user_data``
    (one lookup for the dict, one for the view: rules ask some 75 times per Doc).
    """
    try:
        views = doc.user_data[VIEWS]
    except KeyError:
        views = doc.user_data[VIEWS] = {}
    try:  # one lookup when it is there, as it is for every rule but the first
        return views[key]  # type: ignore[no-any-return]
    except KeyError:
        value = views[key] = compute(doc)
        return value


def doc_text(doc: "Doc") -> str:
    """``doc.text``, joined once: spaCy joins it anew, a Token object per word, on every access."""
    return per_doc(doc, "text", lambda d: d.text)


def forget_views(doc: "Doc") -> None:
    """Drop the shared views of a Doc whose rules have run.

    The token lists point back at their Doc, a cycle that only Python's cycle
    collector would break; dropping them lets each Doc go as soon as it is done.
    """
    doc.user_data.pop(VIEWS, None)


def remember_text(doc: "Doc", text: str) -> None:
    """Record the text a Doc was parsed from as its ``doc_text`` (spaCy keeps every character)."""
    doc.user_data.setdefault(VIEWS, {})["text"] = text


def span_text(span: "Span") -> str:
    """``span.text`` sliced from the Doc's text (spaCy's own makes a Token object per word)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def _words(doc: "Doc") -> frozenset[str]:
    # to_array reads the token array in C: no Token objects; each distinct hash is looked up once.
    from spacy.attrs import LEMMA, LOWER

    strings = doc.vocab.strings
    return frozenset([strings[h].lower() for h in set(doc.to_array([LOWER, LEMMA]).ravel().tolist())])


def doc_words(doc: "Doc") -> frozenset[str]:
    """Every word form and lemma of the Doc, lowercased: a cheap gate before walking the parse."""
    return per_doc(doc, "words", _words)


def tokens(doc: "Doc") -> list["Token"]:
    """The Doc's tokens, made once: each ``for t in doc`` makes a new Token object per word."""
    return per_doc(doc, "tokens", list)


def span_tokens(span: "Span") -> list["Token"]:
    """The tokens of a sentence or span, from the Doc's shared list."""
    return tokens(span.doc)[span.start:span.end]


def sentences(doc: "Doc") -> list["Span"]:
    """The Doc's sentences, found once (``doc.sents`` walks every token on each access)."""
    return per_doc(doc, "sentences", lambda d: list(d.sents))


def _question_sentences(doc: "Doc") -> list["Span"]:
    out = []
    for sent in sentences(doc):
        text = span_text(sent).rstrip(" \"'”’)]*_")
        if text.endswith("?"):
            out.append(sent)
    return out


def question_sentences(doc: "Doc") -> list["Span"]:
    """Sentences ending in '?' (ignoring trailing quotes or brackets)."""
    return per_doc(doc, "question_sentences", _question_sentences)
