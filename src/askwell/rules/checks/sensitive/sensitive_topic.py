"""sensitive-topic: intrusive personal topics asked without a way to decline.

Income, health, disability, immigration status, sexual orientation, religion,
criminal record, exact age or birth date, weight, pregnancy, gender, race and
ethnicity.  The item is fine when a choice lets respondents decline ("Prefer not
to say") or the text says answering is optional.  An age threshold ("Are you 18
or older?") is not an exact age, the age at a past event ("How old were you when
you first…") is not the respondent's age, and a topic the item sets aside ("where
you live now, not where you were born") is not asked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from askwell.memo import per_options
from askwell.model import Context, Hit, Question
from askwell.analysis.views import doc_words, question_sentences, span_tokens
from askwell.analysis.subject import is_subject
from askwell.rules.kinds import Folded
from askwell.analysis.stems import (cached_phrases, has_opt_out, hedge_spans, inside, sent_root, set_aside,
                                        subject)
from askwell.valence import rated_words, valence

if TYPE_CHECKING:  # pragma: no cover
    from askwell.rules.kinds import Phrases
    from spacy.tokens import Doc, Token

# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {"topic": ("words", "topic"), "conduct": ("word",)}

# Conduct without the right to it: no payment, permission or entitlement, against the rules, or
# with goods that break copyright or a prescription.
UNAUTHORISED = Folded(re.compile(r"\bwithout (?:paying|payment|permission|consent|authori[sz]ation|a (?:valid )?"
                          r"(?:ticket|licen[cs]e|permit))\b|\bnot entitled\b|\bagainst (?:our|the|your) "
                          r"(?:terms|rules|policy|law)\b|\b(?:pirated|cracked|counterfeit)\b|"
                          r"\bsomeone else's (?:prescription|medication|medicine)\b", re.IGNORECASE))
# The reasons, feelings and not-personal phrases are the rule's options (see its YAML).


class Lists(NamedTuple):
    """The rule's options as the check uses them, made once per options dict."""

    anything: "Phrases"  # every topic's phrases in one pattern
    possessed: "re.Pattern[str] | None"  # every topic's "your … X" form in one pattern
    topics: "list[tuple[str, _Either]]"
    # The item says why it asks or how the answer is protected: the respondent can weigh it.
    reason: Folded
    feelings: frozenset[str]
    not_personal: tuple[str, ...]
    self_rated: frozenset[str]


def _possessed(phrases: list[str]) -> "re.Pattern[str] | None":
    """The topic's "your X" phrases with a word or two between ("your current weight", "your
    total household income"): the respondent's own X, whatever describes it."""
    nouns = [p.split()[1] for p in phrases if len(p.split()) == 2 and p.lower().startswith("your ")]
    if not nouns:
        return None
    body = "|".join(re.escape(n.lower()) for n in nouns)
    return re.compile(rf"\byour\s+(?:[a-z-]+\s+){{1,2}}(?:{body})\b", re.IGNORECASE)


def _lists(options: dict[str, Any]) -> Lists:
    topics: dict[str, list[str]] = options["topics"]
    # Plain word boundaries and single spaces, as the reasons have always been matched.
    reason = "|".join(re.escape(" ".join(p.split())) for p in options["reasons"]) or r"(?!x)x"
    every = [p for phrases in topics.values() for p in phrases]
    return Lists(cached_phrases(tuple(every)), _possessed(every),
                 [(topic, _Either(cached_phrases(tuple(phrases)), _possessed(phrases)))
                  for topic, phrases in topics.items()],
                 Folded(re.compile(rf"\b(?:{reason})\b", re.IGNORECASE)),
                 frozenset(v.lower() for v in options["feelings"]), tuple(options["not_personal"]),
                 frozenset(options["self_rated"]))


class _Either(NamedTuple):
    """A topic's phrases as written, and its "your … X" form with words between."""

    phrases: "Phrases"
    possessed: "re.Pattern[str] | None"

    def finditer(self, text: str) -> "Iterator[re.Match[str]]":
        yield from self.phrases.finditer(text)
        if self.possessed is not None:
            yield from self.possessed.finditer(text)


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """One hit on the first sensitive topic word of an item that offers no opt-out."""
    # The question itself is the problem: an item with options gets this finding on its
    # wording, and missing-prefer-not-to-say one on its options (two fixes, two places).
    lists = per_options(options, _lists)
    text = question.text
    floor = float(options.get("min_valence", 2.0))
    named = lists.anything.search(text) or (lists.possessed.search(text) if lists.possessed else None)
    if named is None and rated_words(floor).isdisjoint(doc_words(doc)) and not UNAUTHORISED.search(text):
        return  # no topic and no conduct word: nothing to report (the opt-out tests below cost more)
    if has_opt_out(question) or lists.reason.search(text):
        return
    if named is not None:
        hedges = hedge_spans(text, lists.not_personal) + set_aside(text)
        for topic, phrases in lists.topics:
            for m in phrases.finditer(text):
                if inside(hedges, m.start(), m.end()) or _indefinite(doc, m.start(), m.end()):
                    continue
                if topic in lists.self_rated and _rated(doc, m.end() - 1):
                    continue  # "In general, how would you rate your health?": a self-rating, not a disclosure
                if context.questions and is_subject(m.group(0), context):
                    # A survey titled as a health survey asks about health: respondents came for that
                    # topic. A word that merely recurs does not say so ("salary" in three items of a
                    # staff survey is still the respondent's own pay).
                    continue
                yield Hit.saying("topic", m.start(), m.end(), words=m.group(0), topic=topic.replace("_", " "))
                return
    behaviour = None if rated_words(floor).isdisjoint(doc_words(doc)) and not UNAUTHORISED.search(question.text) \
        else _stigmatised(doc, floor, lists.feelings)
    if behaviour is not None:
        yield Hit.saying("conduct", behaviour.idx, behaviour.idx + len(behaviour.text), word=behaviour.text)


def _rated(doc: "Doc", end: int) -> bool:
    """The topic's noun (the last word of the phrase, at ``end``) is what a rating verb asks the
    respondent to judge as a whole: "How would you rate your health?", "Describe your health"."""
    span = doc.char_span(end, end + 1, alignment_mode="expand")
    if span is None:
        return False
    noun = span.root
    if any(c.dep_ in ("amod", "compound") and c.lower_ not in ("general", "overall") for c in noun.children):
        return False  # "your mental health": a kind of health, asked about in its own right
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in RATING_VERBS


# Verbs that ask for an overall judgement of their object.
RATING_VERBS = {"rate", "describe", "assess", "score", "grade"}


def _indefinite(doc: "Doc", start: int, end: int) -> bool:
    """'would you accept a lower salary', 'Was the race well organised?', 'the food bank is well
    run': a kind of thing or a thing the item talks about, not the respondent's own.

    The phrase is judged by its last word, its head ("food bank" by "bank")."""
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    if span is None:
        return False
    noun = span.root if span.root.pos_ == "NOUN" else span.root.head
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        noun = noun.head  # "our food bank team": the phrase names the team's work
    determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
    if determiners & {"the", "this", "that", "each", "every", "our", "its", "their"}:
        return True  # "Was the race well organised?", "our food bank": a thing the item talks about
    if noun.head.lemma_ in ("have", "be", "get", "receive", "take", "live", "use", "need"):
        return False  # "Do you have a disability?", "Have you used a food bank?": the respondent's own
    return bool(determiners & {"a", "an"})


def _stigmatised(doc: "Doc", floor: float, feelings: frozenset[str]) -> "Token | None":
    """A word people rate strongly negative in a question about the respondent's own conduct.

    "Have you ever been arrested?", "…under the influence of illegal drugs?", "Have you
    cheated…?": the respondent must own up to it (VADER's lexicon rates the word at
    ``floor`` or below). Questions about others or about feelings are not confessions.
    """
    for sent in question_sentences(doc):
        subj = subject(sent)
        if subj is None or subj.lower_ not in ("you", "i"):
            continue
        root = sent_root(sent)
        if root.pos_ != "VERB" or root.lemma_.lower() in feelings:
            continue  # "How worried are you about crime?": an opinion or a state, not a confession
        for t in span_tokens(sent):
            if t.pos_ == "VERB" and any(c.dep_ == "xcomp" for c in t.children):
                continue  # "What did you fail to understand?": a difficulty, not a misdeed
            if t.pos_ in ("VERB", "ADJ", "NOUN") and (valence(t.lower_) <= -floor or valence(t.lemma_.lower()) <= -floor):
                return t
        found = UNAUTHORISED.search(sent.text)
        if found is not None and not any(c.tag_ == "MD" for c in root.children):
            # ("Can you borrow e-books without paying?" asks what a service allows, not what you did.)
            # "…without paying?", "…that you were not entitled to?", "a pirated copy": the conduct
            # breaks a rule or a law even when no word in it is rated negative.
            span = doc.char_span(sent.start_char + found.start(), sent.start_char + found.end(), alignment_mode="expand")
            if span is not None:
                return span[0]
    return None
