"""framing: a claim made before the question that tells respondents what to think.

The preface is what comes before the question proper: earlier sentences of the item,
or a fronted clause before the question's wh-word or auxiliary ("Given that…, how…",
"Like most of your neighbours, do you…"). It frames the answer when it asserts

- a majority view ("Most learners tell us…", "Many of your colleagues…") or a crowd
  ("Over 300 residents have signed…", "80% of members voted…", "9 in 10 members renewed");
- an authority or finding ("Research shows…", "…have been shown to improve…", "Our
  director believes…", "you will know that…", "The head has urged parents to…"): a
  reporting or directive verb with a claim or a request under it, or a claim passed off
  as shared knowledge ("As you know, …");
- a judgement: a strongly positive or negative word (VADER's lexicon, |valence| of at
  least ``min_valence``), or a comparison ("twice as long", "more than ever");
- an appeal to the respondent as one of a group to live up to ("Our club depends on
  members like you.", "Without volunteers like you, …").

Praise of the respondent in a fronted "As a responsible resident, …" frames too: it asks
the respondent to live up to it. Prefaces that explain why a question is asked ("We ask
this so that…"), give instructions, set a time frame ("Thinking about the past month, …")
or normalise an answer ("Some people say…") assert nothing about the answer and are left
alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from askwell.memo import per_options
from askwell.model import Context, Hit, Question
from askwell.analysis.views import doc_text, doc_words, question_sentences, sentences, span_tokens, tokens
from askwell.analysis.numbers import NUMBER_WORDS, number
from askwell.analysis.stems import INTRODUCTION, WH_TAGS, capitalise, in_hyphenated
from askwell.rules.kinds import rarest_runs
from askwell.valence import rated_words, valence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# The word lists (majority words, arguing connectives, reporting and directive verbs) and the
# crowd size are the rule's options; what stays here is English grammar.
# Majority words that claim a crowd only as (part of) a subject: "Thousands of guests have joined".
COUNTED = {"every", "thousands", "hundreds", "millions"}
# Irregular forms of reporting verbs, which the suffixes below do not make ("said", "known").
IRREGULAR = {"say": ("said",), "tell": ("told",), "find": ("found",), "think": ("thought",), "feel": ("felt",),
             "know": ("knew", "known"), "prove": ("proven",), "love": ("loved",), "back": ("backed",),
             "hear": ("heard",), "write": ("wrote", "written"), "see": ("saw", "seen"), "teach": ("taught",)}


class Lists(NamedTuple):
    """The rule's options as the check uses them, made once per options dict."""

    floor: float
    measured: frozenset[str]
    neutral: frozenset[str]
    majority: frozenset[str]
    crowd: float
    arguing: tuple[str, ...]
    directive: frozenset[str]
    reporting: frozenset[str]
    # Surface words any trigger needs (with the rated words): the reporting verbs as they are
    # written ("shows", "shown", "said", "found"), the majority words and the arguing connectives.
    cues: frozenset[str]


def _lists(options: dict[str, Any]) -> Lists:
    majority = frozenset(w.lower() for w in options["majority"])
    arguing = tuple(" ".join(p.lower().split()) for p in options["arguing"])
    directive = frozenset(v.lower() for v in options["directive"])
    reporting = frozenset(v.lower() for v in options["reporting"]) | directive
    # A connective is present only if each of its words is: its rarest word will do as a cue.
    connectives = rarest_runs(set(arguing)) or {w for p in arguing for w in p.split()}
    cues = (majority | COUNTED | connectives | {"twice", "half", "aware", "like"} | NUMBER_WORDS.keys()
            | {form for v in reporting for form in IRREGULAR.get(v, ())}
            | {v + x for v in reporting for x in ("", "s", "es", "ed", "d", "n", "ing")}
            | {v[:-1] + "ing" for v in reporting if v.endswith("e")})
    return Lists(float(options["min_valence"]), frozenset(w.lower() for w in options["measured"]),
                 frozenset(s.lower() for s in options["neutral"]), majority, float(options["crowd"]), arguing,
                 directive, reporting, frozenset(cues))


def _preface(doc: "Doc") -> "list[Token]":
    """Tokens before the first question sentence, plus a fronted clause inside it."""
    asked = question_sentences(doc)
    if not asked:
        return []
    first = asked[0]
    out = [t for s in sentences(doc) if s.end <= first.start for t in span_tokens(s)]
    words = span_tokens(first)
    comma = next((t for t in words if t.text == ","), None)
    # A wh-word before the comma opens the question, unless it opens a relative clause
    # ("As someone who cares about X, how…").
    # A sentence that opens with its wh-word or auxiliary has nothing fronted; a wh-word inside
    # the fronted clause ("Given how much…,", "As someone who…,") belongs to that clause.
    if comma is None or words[0].tag_ in WH_TAGS or words[0].pos_ == "AUX":
        return out
    # The clause before the first comma is fronted when the question proper starts after it:
    # "Given that…, how…", "Like most of you, do you…" (but not "In a typical week, on how many…").
    rest = [t for t in words if t.i > comma.i and not t.is_punct]
    opener = next((t for t in rest if t.pos_ not in ("ADP", "ADV") or t.tag_ in WH_TAGS), None)
    if opener is not None and (opener.tag_ in WH_TAGS or opener.pos_ == "AUX"):
        out += [t for t in words if t.i < comma.i]
    return out


def _neutral(tokens: "list[Token]", skip: frozenset[str]) -> bool:
    """A preface that explains, instructs or sets a time frame."""
    text = " ".join(t.lower_ for t in tokens)
    return any(s in text for s in skip)


def _arguing(tokens: "list[Token]", arguing: tuple[str, ...]) -> "Token | None":
    """The connective when the preface opens with one that argues ('Given the delays, …')."""
    text = " ".join(t.lower_ for t in tokens[:4])
    for phrase in arguing:
        if text == phrase or text.startswith(phrase + " "):
            return tokens[len(phrase.split()) - 1]
    return None


def _postposed(doc: "Doc", arguing: tuple[str, ...]) -> "list[Token]":
    """'…, given how much children gain from music?': an argument added after the question."""
    for sent in question_sentences(doc):
        words = span_tokens(sent)
        for i, t in enumerate(words[:-1]):
            if t.text == "," and any(" ".join(w.lower_ for w in words[i + 1:i + 4]).startswith(p)
                                     for p in arguing):
                return words[i + 1:]
    return []


def _trigger(tokens: "list[Token]", lists: Lists) -> "Token | None":
    connective = _arguing(tokens, lists.arguing)
    if connective is not None:
        return connective
    for t in tokens:
        low, lemma = t.lower_, t.lemma_.lower()
        if low in lists.majority and (t.dep_ in ("amod", "det", "predet", "nsubj", "nummod") or t.head.lower_ == "of"
                                or any(c.dep_ == "prep" for c in t.children)):
            if low in ("nearly", "almost") and t.head.lower_ not in ("all", "everyone", "everybody"):
                continue
            if low in COUNTED and not (t.dep_ == "nsubj" or t.head.dep_ in ("nsubj", "nsubjpass")):
                continue  # "Thousands of guests have joined" claims; "to every household" describes
            return t
        if lemma in lists.reporting and t.pos_ == "VERB" and any(
                c.dep_ in ("ccomp", "xcomp", "dobj") for c in t.children):
            subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            # A claim needs a claimant ("Research shows", "you will know"); an imperative
            # ("tell us about…") or the survey's own voice ("we think") asks, it does not claim.
            imperative = t.tag_ == "VB" and not any(c.dep_ == "aux" for c in t.children)
            to_us = any(c.dep_ in ("dobj", "dative") and c.lower_ in ("us", "me") for c in t.children)
            # A directive that may come ("Your instructor may ask you to share…") sets a scene.
            scene = lemma in lists.directive and any(c.tag_ == "MD" or c.lower_ == "you" for c in t.children)
            # "Some people say that…": a claimant of a few normalises an answer (the recommended
            # preface before a sensitive question), it does not push one.
            some = any(any(d.lower_ == "some" for d in c.subtree) for c in subjects)
            if subjects and not imperative and not to_us and not scene and not some \
                    and not any(c.lower_ in ("we", "i") for c in subjects):
                return t
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children) and (
                lemma in lists.reporting or any(c.lower_ == "aware" for c in t.children)):
            return t  # "As you know, …", "As you may be aware, …": the claim passed off as shared knowledge
        if low == "like" and t.pos_ in ("ADP", "SCONJ") and t.head.pos_ == "NOUN" and t.i + 1 < len(t.doc) \
                and t.doc[t.i + 1].lower_ == "you":
            return t.doc[t.i + 1]  # "Our club depends on members like you": an appeal to live up to
        if _counted_many(t, lists.crowd):
            return t  # "More than 40,000 teams have already switched…": a head count behind one answer
        if low in ("twice", "half") and any(c.lower_ == "as" for c in t.head.children):
            return t  # "now twice as long as five years ago"
        if t.pos_ in ("ADJ", "ADV", "VERB") and lemma not in lists.measured and not in_hyphenated(t) and (
                abs(valence(low)) >= lists.floor or abs(valence(lemma)) >= lists.floor):
            return t
    return None


def _share(t: "Token") -> float | None:
    """'9 in 10', 'nine out of ten' as the subject of a claim: the share of a crowd it names."""
    if not (t.like_num and t.dep_ in ("nsubj", "nsubjpass")):
        return None
    prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in ("in", "out")), None)
    whole = next((g for g in prep.subtree if g.like_num), None) if prep is not None else None
    part, total = number(t.text), number(whole.text) if whole is not None else None
    return part / total if part is not None and total else None


def _as_praised(doc: "Doc") -> "tuple[Token, Token] | None":
    """'As a responsible resident,' before the question (wherever among its fronted phrases): the
    "as" and the praising adjective, when the adjective is rated at least AS_PRAISE."""
    for sent in question_sentences(doc):
        for t in span_tokens(sent):
            if t.pos_ == "ADJ" and t.dep_ == "amod" and t.head.dep_ == "pobj" and t.head.head.lower_ == "as" \
                    and t.head.i + 1 < len(doc) and doc[t.head.i + 1].text == "," and valence(t.lower_) >= AS_PRAISE:
                return t.head.head, t
    return None


def _counted_many(t: "Token", crowd: float) -> bool:
    """A large head count as the subject of a claim: '300 residents have signed', '80% of members voted'.

    Large means at least ``crowd`` people (the ``crowd`` option), or a share of at least half ("80%",
    "9 in 10", "nine out of ten"): a count of a few
    ("Two volunteers left") reports an event, not a majority to follow.
    """
    share = _share(t)
    if share is not None:
        return share >= 0.5  # "9 in 10 of our members renewed", "Nine out of ten volunteers say…"
    if not (t.like_num and t.dep_ == "nummod" and t.head.dep_ in ("nsubj", "nsubjpass")):
        return False
    try:
        number = float(t.text.replace(",", ""))
    except ValueError:
        return False
    if t.head.text == "%":
        return number >= 50
    return t.head.tag_ == "NNS" and number >= crowd


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit from the start of the framing preface to its trigger word."""
    lists = per_options(options, _lists)
    if "," not in question.text and len(sentences(doc)) < 2:
        return  # a preface is an earlier sentence or a clause set off by a comma
    words = doc_words(doc)
    praise = _as_praised(doc) if "as" in words and not rated_words(AS_PRAISE).isdisjoint(words) else None
    if praise is not None:
        # "As a responsible resident, how often…?": praise of the respondent that asks to be lived up to.
        comma = doc[praise[1].head.i + 1]
        better = capitalise((question.text[:praise[0].idx] + question.text[comma.idx + 1:].lstrip()).strip())
        yield Hit(praise[0].idx, praise[1].idx + len(praise[1].text), rewrites=(better,))
        return
    if rated_words(lists.floor).isdisjoint(words) and lists.cues.isdisjoint(words) and not any(w[:1].isdigit() for w in words):
        return  # no word that could frame: no majority, no count, no claim, no argument, no judgement
    preface = _preface(doc) or _postposed(doc, lists.arguing)
    if not preface or _neutral(preface, lists.neutral) or INTRODUCTION.search(doc_text(doc)[preface[0].idx:]):
        return  # (a transition or a normalising "Some people tell us…" introduces; it does not push)
    trigger = _trigger(preface, lists)
    if trigger is not None and trigger.lower_ in lists.majority and any(t.lower_ in ("n't", "not", "never") for t in preface):
        # "Many people don't manage to vote…": making a socially undesirable answer easy to
        # give is the recommended preface for sensitive questions, not a push.
        return
    if trigger is not None:
        better = _without(question.text, preface, trigger, doc, lists)
        yield Hit(preface[0].idx, trigger.idx + len(trigger.text), rewrites=(better,) if better else ())


# Valence at which an adjective in a fronted "As a … resident," praises the respondent.
AS_PRAISE = 1.0

# Pronouns that point back at a noun: left without it, they point at nothing.
BACK_POINTING = {"they", "them", "their", "theirs", "it", "its", "he", "him", "his", "she", "her", "these", "those",
                 "this"}


def _points_back(t: "Token") -> bool:
    """A pronoun or determiner that needs an earlier noun ("they", "their", "these changes", "has this
    happened"); "this" only on its own, since "this plan" names its thing."""
    if t.lower_ == "this":
        return t.pos_ == "PRON" and t.head.pos_ in ("VERB", "AUX") and t.dep_ in ("nsubj", "nsubjpass", "dobj")
    return t.lower_ in BACK_POINTING and t.pos_ in ("PRON", "DET") and t.dep_ != "expl"


def _refers_back(doc: "Doc", start: int, end: int) -> bool:
    """True when the text after the removed span uses a pronoun and the span names a thing it may mean."""
    removed = [t for t in tokens(doc) if start <= t.idx < end]
    kept = [t for t in tokens(doc) if t.idx >= end]
    return any(t.pos_ in ("NOUN", "PROPN") for t in removed) and any(
        _points_back(t) for t in kept)


def _named(doc: "Doc", rest: str, offset: int, end: int, lists: Lists) -> str | None:
    """``rest`` (the item from ``offset`` on) with its first back-pointing pronoun replaced by the
    noun phrase of the removed claim it means: the claim's subject, or, when the subject is the
    crowd ("Thousands of guests have joined our loyalty programme."), the last phrase that agrees."""
    pronoun = next((t for t in tokens(doc) if t.idx >= offset and t.lower_ in ("it", "they", "them")
                    and t.pos_ == "PRON" and t.dep_ != "expl"), None)
    if pronoun is None or any(t.idx >= offset and t.i < pronoun.i and _points_back(t) for t in tokens(doc)):
        return None  # a possessive or another pointer comes first
    plural = pronoun.lower_ != "it"
    removed = [t for t in tokens(doc) if t.idx < end]
    roots = [t for t in removed if t.dep_ == "ROOT"]
    if not roots or any(r.pos_ not in ("VERB", "AUX") for r in roots):
        return None  # a claim the parse could not read: no safe guess at what the pronoun meant
    crowd = {t.i for t in removed if t.lower_ in lists.majority or t.lower_ in COUNTED or t.like_num}
    claim = roots[-1]
    if claim.lemma_.lower() in lists.reporting:
        # "Research shows that the new timetable reduces stress.": the claim is what is reported.
        claim = next((c for c in claim.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if claim is None:
            return None
    subject = next((t for t in removed if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == claim.i
                    and t.pos_ != "PRON"), None)
    if subject is None:
        return None
    chunks = [c for c in doc.noun_chunks if c.end_char <= end and c.root.pos_ == "NOUN"
              and (c.root.tag_ == "NNS") == plural and not any(t.i in crowd for t in c)]
    if subject.i not in crowd and not any(c.i in crowd for c in subject.children):
        # The claim is about a thing: only that thing can be what the pronoun means.
        chosen = next((c for c in chunks if c.root.i == subject.i), None)
    else:
        # The claim is about a crowd ("Thousands of guests have joined our programme."): "it" means
        # the thing they took up; "they" may mean the crowd itself.
        chosen = chunks[-1] if chunks and not plural else None
    if chosen is None:
        return None
    phrase = chosen.text
    if phrase.split(" ", 1)[0] in ("The", "Our", "Your", "This", "These"):
        phrase = phrase[:1].lower() + phrase[1:]
    a = pronoun.idx - offset
    return capitalise(rest[:a] + phrase + rest[a + len(pronoun.text):])


def _without(text: str, preface: "list[Token]", trigger: "Token", doc: "Doc", lists: Lists) -> str | None:
    """The item with the framing claim (or the argument added after the question) taken out.

    A claim in an earlier sentence goes with its sentences only: a time frame fronted in
    the question itself ("In the past week, how often…") stays.
    """
    start, end = preface[0].idx, preface[-1].idx + len(preface[-1].text)
    asked = question_sentences(doc)
    if asked and trigger.i < asked[0].start:
        end = asked[0].start_char
    if start == 0:
        rest = text[end:].lstrip(" ,;:.–—-")
        if rest and _refers_back(doc, start, end):
            # "Most of your colleagues say the new policy suits them. How well does it suit you?":
            # the pronoun is given the thing it meant, or the claim cannot go.
            return _named(doc, rest, len(text) - len(rest), end, lists)
        return capitalise(rest) if rest else None
    head = text[:start].rstrip(" ,;:")
    # "How many more lessons should…, given…?": without the argument, "more" still pushes one way.
    head = MORE_OF.sub(r"\1", head)
    return head + "?" if not head.endswith("?") else head


# "How many more", "how much more": an increase taken for granted.
MORE_OF = re.compile(r"\b(how (?:many|much)) more\b", re.IGNORECASE)
