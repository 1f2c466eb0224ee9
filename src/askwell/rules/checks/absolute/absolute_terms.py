"""absolute-terms: "always", "never", "all", "every", "completely" in a yes/no question or a statement to rate.

"Do you always test your code?" can only be answered yes by someone without a
single exception, so most people who nearly always do are pushed to "no" (or to
an untrue "yes").  Only yes/no questions and statements to agree with are
checked: in a wh-question or a request ("List all the tools…") the word sets no
bar the respondent must clear.  Fixed phrases ("all that apply", "not at all",
"if at all", "all of the above"), counts ("all three days"), rates ("every
week") and filters ("If you attended every session, …") are left alone.

"all", "every", "everyone" and "everything" count only where the item asks for a
judgement ("Were all the instructors helpful?", "Did you understand everything?"):
in a factual check ("Did everything install?") the "no" is accurate.

"ever" is not on the list: "Have you ever…" is the standard way to ask about a
lifetime, a clear reference period with a low bar, not an extreme one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from askwell.memo import per_options
from askwell.model import Context, Hit, Question
from askwell.analysis.views import span_text, span_tokens
from askwell.analysis.stems import (cached_phrases, capitalise, form, hedge_spans, in_brackets,
                                        in_conditional, in_relative, inside, inverted_aux, stem_sentences,
                                        subject)

if TYPE_CHECKING:  # pragma: no cover
    from askwell.rules.kinds import Phrases
    from spacy.tokens import Doc, Span

# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
# The term as written: the default message's {match} would fold a line break inside "each and every".
MESSAGES: dict[str, tuple[str, ...]] = {"extreme": ("term",)}

COUNT_OR_RATE = re.compile(r"\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|other|single\s+(?:day|week|"
                           r"month|year))\b|\s+(?:day|week|month|year|morning|afternoon|evening|session|time|hour)s?\b",
                           re.IGNORECASE)
# The terms, their exceptions, the quantifiers and the verbs of opinion are the rule's options;
# what stays here is grammar: the counts and rates after "all"/"every", the parse of a judgement.


class Lists(NamedTuple):
    """The rule's options as the check uses them, made once per options dict."""

    terms: "Phrases"
    quantifiers: frozenset[str]  # absolute only where the item asks for a judgement
    opinion_verbs: frozenset[str]


def _lists(options: dict[str, Any]) -> Lists:
    return Lists(cached_phrases(tuple(options["terms"])), frozenset(w.lower() for w in options["quantifiers"]),
                 frozenset(w.lower() for w in options["opinion_verbs"]))


def _judgement(sent: "Span", opinion_verbs: frozenset[str]) -> bool:
    """True when the sentence asks for a judgement (an adjective predicate or a verb of opinion or
    understanding), where 'all' lumps together things people judge differently."""
    for t in span_tokens(sent):
        if t.pos_ == "ADJ" and t.dep_ in ("acomp", "attr", "oprd", "xcomp"):
            return True
        if t.pos_ == "VERB" and t.lemma_.lower() in opinion_verbs:
            return True
    return False


def rewrite(sent: "Span", start: int, end: int, term: str) -> str | None:
    """'Do you always X?' → 'How often do you X?'."""
    if term not in ("always", "never", "constantly"):
        return None
    aux = inverted_aux(sent)
    subj = subject(sent)
    if aux is None or subj is None or aux.i != sent.start or aux.lemma_ != "do" or subj.lower_ != "you":
        return None
    text = span_text(sent).strip()
    s, e = start - sent.start_char, end - sent.start_char
    if text[e:e + 1] == " ":
        e += 1
    without = text[:s] + text[e:]
    return capitalise(f"How often {without[:1].lower()}{without[1:]}")


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on each absolute word in a yes/no question or a statement to rate."""
    lists = per_options(options, _lists)
    regex = lists.terms
    if not regex.search(question.text):
        return  # most items hold no absolute word: skip the parse views below
    hedges = hedge_spans(question.text, options.get("exceptions", ()))
    for sent in stem_sentences(doc):
        if form(sent) not in ("yes-no", "statement"):
            continue
        for m in regex.finditer(span_text(sent)):
            start, end = sent.start_char + m.start(), sent.start_char + m.end()
            term = m.group(0).lower()
            if inside(hedges, start, end):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or in_brackets(doc, span.start):
                continue
            token = span[0]
            if in_conditional(token) or in_relative(token, sent):
                continue
            if term in ("all", "every", "each") and COUNT_OR_RATE.match(question.text[end:]):
                continue
            if term in lists.quantifiers and not _judgement(sent, lists.opinion_verbs):
                continue  # "Did you attend all sessions?": a factual check whose "no" is accurate
            yield Hit.saying("extreme", start, end, term=m.group(0), suggestion=rewrite(sent, start, end, term))
