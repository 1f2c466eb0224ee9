"""ambiguous-referent: a question that centres on "it", "this" or "they" with nothing in the item to point at.

It also finds a state asked about with nothing it is about ("How engaged are you?").

Only the pronoun that the question is about counts: the subject or object of the
question's main verb (or the object of its preposition, "What did you think of
it?"), when no noun comes before it anywhere in the item.  Expletive "it" ("Is it
easy to…", "How likely is it that…") and "this" naming the present occasion ("Is
this your first workshop?") are not referents.  Follow-up items often lean on the
item before them; the rule says so at info level, because screen readers, paged
forms and exported results show each item on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis.stems import sent_root, words
from askwell.analysis.views import question_sentences, span_tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

PRONOUNS = {"it", "this", "that", "they", "them", "these", "those"}
CORE_DEPS = {"nsubj", "nsubjpass", "dobj", "attr"}


def _expletive(t: "Token", sent: "Span") -> bool:
    """'it' standing in for a clause later in the sentence: 'Is it easy to find…', 'is it that…'."""
    if t.lower_ != "it":
        return False
    if t.dep_ == "expl":
        return True
    if t.dep_ == "nsubj" and t.head.lemma_ == "be" and any(c.dep_ == "attr" and c.lower_ == "time" for c in t.head.children):
        return True  # "Isn't it time the town had…?": the time, no referent
    if t.dep_ == "nsubj" and t.head.lemma_ == "take" and any(x.lower_ == "long" for x in span_tokens(sent)):
        return True  # "How long did it take before…": the time a thing took, no referent
    clause_deps = ("xcomp", "ccomp", "csubj", "advcl")
    for x in span_tokens(sent):
        if x.i > t.i and x.dep_ in clause_deps and (x.head.i == sent_root(sent).i or x.head.head.i == sent_root(sent).i):
            if x.dep_ != "advcl" or any(c.lower_ == "to" for c in x.children):
                return True
    return False


def _deictic(t: "Token", sent: "Span") -> bool:
    """'Is this your first workshop?': 'this' names the present occasion."""
    head = t.head
    return t.lower_ in ("this", "that") and t.dep_ == "nsubj" and head.lemma_ == "be" and any(
        c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN") for c in head.children)


def _central(t: "Token", sent: "Span") -> bool:
    """True when the pronoun is what the question is about, not a side mention."""
    root = sent_root(sent)
    if t.dep_ in CORE_DEPS and t.head.i == root.i:
        return True
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.i == root.i:
        return True
    if t.dep_ in CORE_DEPS and t.head.dep_ == "xcomp" and t.head.head.i == root.i:
        return True
    return False


# Adjectives whose scale needs no object: age, size and the like.
DIMENSIONS = {"old", "tall", "heavy", "big", "far", "long", "young", "late", "early", "sure"}


# What follows "How ADJ" in a question about a state with nothing it is about.
BARE_TAILS = {("are", "you"), ("were", "you"), ("do", "you", "feel"), ("did", "you", "feel")}


def _bare_state(sent: "Span") -> "Token | None":
    """'How engaged are you?', 'How satisfied do you feel?': a state with nothing it is about."""
    ws = words(sent)
    if len(ws) not in (4, 5) or ws[0].lower_ != "how" or tuple(t.lower_ for t in ws[2:]) not in BARE_TAILS:
        return None
    adjective = ws[1]
    return adjective if adjective.pos_ in ("ADJ", "VERB") and adjective.lower_ not in DIMENSIONS else None


def _antecedent(x: "Token") -> bool:
    """A noun a later pronoun can mean; not the bare noun of a set phrase ("in touch", "on time", "at work")."""
    if x.pos_ not in ("NOUN", "PROPN"):
        return False
    return not (x.pos_ == "NOUN" and x.dep_ == "pobj" and x.tag_ == "NN"
                and not any(c.dep_ in NOUN_DETERMINERS for c in x.children))


# What makes a noun a particular thing that a pronoun can point back at ("the form", "your class").
NOUN_DETERMINERS = {"det", "poss", "amod", "compound", "nummod", "nmod"}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the first pronoun without an antecedent that a question sentence centres on."""
    for sent in question_sentences(doc):
        bare = _bare_state(sent)
        if bare is not None:
            yield Hit(sent.start_char, bare.idx + len(bare.text), message=(
                f"'{bare.text}' about what? The item never says; each respondent will think of something else."))
            return
        for t in span_tokens(sent):
            if t.lower_ in ("these", "those") and t.dep_ == "det" and t.head.pos_ == "NOUN":
                if question.choices and t.head.dep_ == "pobj" and t.head.head.lower_ == "of":
                    continue  # "Which of these services…" points at the answer choices
                # "How many of these learners…": a demonstrative points back at something.
                if any(x.pos_ in ("NOUN", "PROPN") for x in doc[:t.i]):
                    return
                yield Hit(t.idx, t.head.idx + len(t.head.text), message=(
                    f"'{t.text} {t.head.text}' points back at something this item never names; respondents who "
                    "read the item on its own cannot tell which are meant."))
                return
            if t.lower_ not in PRONOUNS or t.pos_ != "PRON" or t.tag_ == "WDT":
                continue
            if any(_antecedent(x) for x in doc[:t.i]):
                return  # something earlier in the item can be what the pronoun means
            if _expletive(t, sent) or _deictic(t, sent) or not _central(t, sent):
                continue
            yield Hit(t.idx, t.idx + len(t.text), message=(
                f"'{t.text}' has nothing to refer to in this item; respondents who read the item on its own "
                "cannot tell what it means."))
            return
