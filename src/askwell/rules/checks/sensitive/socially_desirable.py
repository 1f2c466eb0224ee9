"""socially-desirable: yes/no or frequency questions about behaviour people feel they ought to report.

Voting, recycling, donating, volunteering, exercising: respondents over-report
what is approved of and under-report what is not (smoking, drinking, cheating).  Fires when the
question asks the respondent ("you") about such a behaviour, unless the item
already gives a face-saving lead-in ("Not everyone has time to…", "Some people…") or
a choice to decline.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from askwell.memo import per_options
from askwell.model import Context, Hit, Question
from askwell.analysis.views import doc_words, question_sentences, span_text, span_tokens
from askwell.analysis.stems import form, has_opt_out, in_conditional, sent_root, subject
from askwell.rules.kinds import Folded

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# The behaviours and the face-saving lead-ins are the rule's options (see its YAML).


class Lists(NamedTuple):
    """The rule's options as the check uses them, made once per options dict."""

    verbs: frozenset[str]
    objects: dict[str, list[str]]  # common verbs that count only with one of their objects
    attitudes: frozenset[str]  # "Did you enjoy volunteering?": a feeling about the deed, not the deed
    # A lead-in that makes the less flattering answer easy to give ("Not everyone has time to…").
    face_saving: Folded


def _lists(options: dict[str, Any]) -> Lists:
    # Whole words, case-insensitive, single spaces; an apostrophe may be left out ("dont always").
    body = "|".join(re.escape(" ".join(p.split())).replace("'", "'?") for p in options["face_saving"]) or r"(?!x)x"
    return Lists(frozenset(v.lower() for v in options["verbs"]),
                 {k.lower(): [o.lower() for o in v] for k, v in options["verb_objects"].items()},
                 frozenset(v.lower() for v in options["attitude_verbs"]),
                 Folded(re.compile(rf"\b(?:{body})\b", re.IGNORECASE)))


def _status(verb: "Token") -> bool:
    """'Are you registered to vote?': the behaviour hangs on a status, so the question asks who
    may do it, not who did."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)


def _forecast(sent: "Span") -> bool:
    """'How likely are you to keep volunteering?': a prediction, not a deed reported."""
    return any(t.lower_ in ("likely", "unlikely") and t.dep_ in ("acomp", "advmod") for t in span_tokens(sent))


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the behaviour verb (and its object) of a question the respondent may answer to look good."""
    present = doc_words(doc)
    lists = per_options(options, _lists)
    verbs, objects = lists.verbs, lists.objects
    if verbs.isdisjoint(present):
        # Common verbs ("use", "take") count only with one of their objects, which must be in the text.
        lowered = question.text.lower()
        if not any(verb in present and any(o in lowered for o in objs) for verb, objs in objects.items()):
            return  # no behaviour of the list anywhere in the item
    if lists.face_saving.search(question.text) or has_opt_out(question):
        return
    for sent in question_sentences(doc):
        if form(sent) not in ("yes-no", "wh"):
            continue
        subj = subject(sent)
        if subj is None or subj.lower_ != "you" or _forecast(sent):
            continue
        for t in span_tokens(sent):
            if t.pos_ != "VERB" or in_conditional(t):
                continue
            lemma = t.lemma_.lower()
            if t.head.i != sent_root(sent).i and t.i != sent_root(sent).i and t.dep_ not in ("xcomp", "conj"):
                continue
            if _status(t) or (t.dep_ == "xcomp" and t.head.lemma_.lower() in lists.attitudes):
                continue
            hit_end = None
            if any(c.tag_ == "MD" and c.lower_ in ("would", "could", "'d") for c in t.children) or any(
                    c.dep_ == "prep" and c.lower_ in ("for", "against") for c in t.children):
                continue  # "How would you vote…", "vote for a candidate": a choice, not a good deed to claim
            if lemma in verbs:
                hit_end = t.idx + len(t.text)
            elif lemma in objects:
                after = span_text(sent)[t.idx - sent.start_char:].lower()
                for obj in objects[lemma]:
                    m = re.match(rf"\w+\s+(?:\w+\s+){{0,3}}?{re.escape(obj)}\b", after)
                    if m:
                        hit_end = t.idx + m.end()
                        break
            if hit_end is not None:
                yield Hit(t.idx, hit_end)
                return
