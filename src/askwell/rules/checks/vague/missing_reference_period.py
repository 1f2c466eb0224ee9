"""missing-reference-period: a behaviour or frequency question with no stretch of time.

"How often do you use Git?" lets each respondent pick a window (this week? since
they started?), so answers are not comparable.  Fires on frequency questions
("how often", "how frequently", "how many times", "how much time"), on counts of
events in the present ("How many trips do you take?"), and on
present-tense yes/no questions about a habit ("Do you use…"), unless the item
names a period ("in the past month", "since the workshop", "per week", "in 2024",
"during the lesson", "ever"), or its choices are rates ("Daily", "Weekly"), or it
is a group stem whose next item carries such choices.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.memo import per_options
from askwell.model import Context, Hit, Question
from askwell.analysis.views import doc_words, question_sentences, span_text, span_tokens
from askwell.analysis.stems import (PERIOD, capitalise, choices_define_rate, in_main_clause, inverted_aux,
                                        lower_first, neighbour, sent_root, subject, wh_word)
from askwell.rules.kinds import Needled

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

FREQUENCY = Needled(re.compile(r"\bhow\s+(?:often|frequently|regularly|many\s+times|much\s+time|many\s+hours|"
                               r"many\s+days)\b", re.IGNORECASE), ("how",))


# "how many trips", "how many visits": the counted noun, compared with the rule's event nouns.
COUNT = re.compile(r"\bhow\s+many\s+(?:\w+\s+){0,2}?(\w+?)s?\b(?=\s+(?:do|does)\b)", re.IGNORECASE)


# Clauses that tie a habit to a situation ("…when you cycle?"): the situation is its frame of time.
SCOPING = {"when", "whenever", "while"}
VAGUE_ADVERBS = {"often", "frequently", "regularly", "occasionally", "sometimes", "rarely", "seldom", "usually",
                 "typically", "normally", "generally", "routinely", "constantly", "recently", "always", "never"}


# Choices that name the occasions they count ("Every visit", "Most visits", "Each time"): the
# frequency is a share of those occasions, which needs no stretch of time.
NAMED_OCCASIONS = re.compile(r"^\W*(?:every|each|most)\s+(?:time|visit|session|trip|occasion|class|game|run)s?\b",
                             re.IGNORECASE)
# "Always … Never": a share of occasions too, but only of occasions the stem names.
ALWAYS = re.compile(r"^\W*(?:almost\s+)?always\b", re.IGNORECASE)
# A stem that names its occasion: "When you leave a room…, how often…", "At the Saturday 5k, how
# often…", "Thinking of trips under a mile, how often…", "…at each match?".
OCCASION = re.compile(r"^\s*(?:when|whenever|while|at|during|on|thinking\s+(?:of|about))\b[^?]*,\s*how\s+often\b|"
                      r"\b(?:when|whenever|while)\s+you\b|\b(?:at|during|on|after|before)\s+(?:the|each|every|a)\s+\w+",
                      re.IGNORECASE)


def _per_occasion(question: Question) -> bool:
    """'How often do you switch off the lights when you leave a room? Always … Never': a share of
    named occasions, not a rate over time."""
    if any(NAMED_OCCASIONS.match(c.text) for c in question.choices):
        return True
    return any(ALWAYS.match(c.text) for c in question.choices) and OCCASION.search(question.text) is not None


def _anchored(question: Question, context: Context) -> bool:
    if PERIOD.search(question.text) or choices_define_rate(question) or _per_occasion(question):
        return True
    if not question.choices:
        # A group stem ("How often do you use the following?") whose rows carry rate choices.
        following = neighbour(question, context, 1)
        if following is not None and choices_define_rate(following):
            return True
    return False


def rewrite(sent: "Span", period: str) -> str:
    """The question with a reference period in front and a present 'do' made past."""
    parts = []
    for t in span_tokens(sent):
        if t.lower_ in ("currently", "nowadays") and t.dep_ == "advmod":
            continue  # the period replaces it
        if t.lemma_ == "do" and t.dep_ == "aux" and t.tag_ in ("VBP", "VBZ"):
            parts.append("did" + t.whitespace_)
        else:
            parts.append(t.text_with_ws)
    body = "".join(parts).strip()
    return capitalise(f"{period}, {lower_first(body)}")


def _habits(options: dict[str, Any]) -> tuple[set[str], set[str]]:
    return set(options["habit_verbs"]), {e.lower() for e in options["event_nouns"]}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on 'how often' (or on the verb of a habit question) when no period is given."""
    # Both kinds of hit need words a cheap look finds: "how often…", or "do" with "you".
    words = doc_words(doc)
    if not ("do" in words and "you" in words) and not FREQUENCY.search(question.text):
        return
    found = _unanchored(question, doc, options)
    first = next(found, None)
    # A period anywhere in the item, or rates in its choices, clears it: looked for only when
    # there is something to clear (PERIOD is the costliest test here).
    if first is None or _anchored(question, context):
        return
    yield first
    yield from found


def _unanchored(question: Question, doc: "Doc", options: dict[str, Any]) -> Iterator[Hit]:
    """The hits before the item's reference period is looked for."""
    habits, events = per_options(options, _habits)
    period = options["period"]
    for sent in question_sentences(doc):
        m = FREQUENCY.search(span_text(sent))
        if m and any(t.tag_ == "MD" and t.lower_ in ("would", "should", "could", "'d") for t in span_tokens(sent)):
            continue  # "How much time would you like to spend…": a wish or a norm, not past behaviour
        if m:
            start, end = sent.start_char + m.start(), sent.start_char + m.end()
            wh = wh_word(sent)
            perfect = any(t.lemma_ == "have" and t.dep_ == "aux" for t in span_tokens(sent)) and "times" in m.group(0).lower()
            if wh is not None and wh.idx == start and not perfect:  # "How many times have you…": a lifetime count
                yield Hit(start, end, suggestion=rewrite(sent, period))
            continue
        root = sent_root(sent)
        counted = COUNT.search(span_text(sent))
        if counted and counted.group(1).lower() in events and any(
                t.lemma_ == "do" and t.dep_ == "aux" and t.tag_ in ("VBP", "VBZ") for t in span_tokens(sent)):
            # "How many taxi trips do you take?": a count of events in no stated stretch of time.
            start = sent.start_char + counted.start()
            yield Hit(start, sent.start_char + counted.end(), suggestion=rewrite(sent, period))
            continue
        if span_text(sent).lower().lstrip().startswith("how much") and root.pos_ == "VERB" \
                and root.lemma_.lower() in habits:
            # "How much did you use the forum?": an amount of a behaviour, over no stated time.
            yield Hit(sent.start_char, root.idx + len(root.text), suggestion=rewrite(sent, period))
            continue
        aux = inverted_aux(sent)
        subj = subject(sent)
        if aux is None or subj is None or subj.lower_ != "you" or wh_word(sent) is not None:
            continue
        if aux.lemma_ != "do" or aux.tag_ not in ("VBP", "VBZ"):
            continue  # past ("did") and perfect ("have you ever") questions have their own frame
        if any(c.dep_ == "advmod" and c.lower_ in VAGUE_ADVERBS for c in root.children):
            continue  # "Do you often use…": vague-quantifier reports it, with the same rewrite
        if any(c.dep_ == "advcl" and any(m.lower_ in SCOPING for m in c.children) for c in root.children):
            continue  # "Do you use a screen reader when you browse?": the situation frames the habit
        if root.lemma_.lower() in habits and root.pos_ == "VERB" and in_main_clause(root, sent):
            yield Hit(aux.idx, root.idx + len(root.text), suggestion=rewrite(sent, period))
