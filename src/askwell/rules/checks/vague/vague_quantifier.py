"""vague-quantifier: "often", "regularly", "recently", "a lot" in the stem with nothing to anchor them.

A vague quantifier asks each respondent to pick their own threshold: "often" is
twice a month for one person and twice a day for another.  It is anchored, and not
flagged, when the item gives a number, a rate or a reference period, or when the
answer choices are numbers or rates.  "How often" and "how many" ask for the
amount and are not vague; "in a few words" sets the length of an answer.  Words
for the typical case ("usually", "normally") are only vague when the respondent
must say yes or agree to them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.memo import per_options
from askwell.model import Context, Hit, Question
from askwell.analysis.views import doc_words, span_text, span_tokens
from askwell.analysis.stems import (PERIOD, RATE, cached_phrases, capitalise, choices_define_rate,
                                        form, hedge_spans, in_brackets, inside, inverted_aux, lower_first,
                                        stem_sentences, subject)
from askwell.rules.kinds import Folded

# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {"period": ("words",), "baseline": ("words",)}

if TYPE_CHECKING:  # pragma: no cover
    from askwell.rules.kinds import Phrases
    from spacy.tokens import Doc, Span

# Right after one of these words the term asks for or compares an amount ("how often", "too many",
# "more often", "most often").
ASKING = {"how", "as", "so", "too", "that", "this", "more", "less", "most", "least", "very"}
# "a few words", "several examples": the length of the answer, not a frequency.
ANSWER_LENGTH = re.compile(r"\s+(?:\w+\s+)?(?:words?|sentences?|lines?|examples?|things?|points?|minutes?|seconds?|"
                           r"ideas?|reasons?|ways?|bullet)", re.IGNORECASE)
DURATION = re.compile(r"\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE)
# A count in the item ("3 times", "two hours"): it defines every amount word.
NUMBER = Folded(re.compile(r"\d|\b(?:once|twice|thrice|(?:one|two|three|four|five|six|seven|eight|nine|ten|a few|"
                           r"several) times)\b", re.IGNORECASE))
# stems' rate and reference-period patterns, searched through their lowercase twins (kinds.Folded).
FOLDED_RATE, FOLDED_PERIOD = Folded(RATE), Folded(PERIOD)
FREQUENCY_ADVERBS = {"often", "frequently", "regularly", "occasionally", "sometimes", "rarely", "seldom",
                     "infrequently", "routinely", "constantly", "usually", "typically", "normally", "generally",
                     "recently", "lately"}


AMOUNTS = {"a lot", "a great deal", "quite a bit"}
PERIOD_WORDS = {"recently", "lately"}


def _counted(question: Question) -> str | None:
    """'number' when a number or counted choices define every amount word; 'rate' when the item
    only names a rate ("each day", "per week"), which defines how often but not how much ("a lot
    of time each day" is still anyone's guess); else None."""
    if choices_define_rate(question) or NUMBER.search(question.text):
        return "number"
    return "rate" if FOLDED_RATE.search(question.text) else None


def rewrite(sent: "Span", start: int, end: int, term: str) -> str | None:
    """A frequency question without the vague word, where the sentence form allows one."""
    text = span_text(sent).strip()
    offset = sent.start_char
    s, e = start - offset, end - offset
    if text[e:e + 1] == " ":
        e += 1
    elif s > 0 and text[s - 1] == " ":
        s -= 1
    without = (text[:s] + text[e:]).strip()
    aux = inverted_aux(sent)
    subj = subject(sent)
    if aux is None or subj is None:
        return None
    first = sent[0]
    if aux.i != first.i or subj.lower_ != "you":
        return None
    rest = without[len(first.text):].strip()
    if term.lower() in AMOUNTS and first.lower_ in ("do", "does", "did"):
        return _how_much(sent, end, first.lower_, rest)
    if term.lower() not in FREQUENCY_ADVERBS:
        return None
    if term.lower() in PERIOD_WORDS:
        return f"In the past six months, {first.lower_} {rest}"
    if first.lower_ in ("do", "does", "did"):
        return f"In the past month, how often did {rest}"
    return f"In the past month, how often {first.lower_} {rest}"


def _how_much(sent: "Span", end: int, aux: str, rest: str) -> str | None:
    """'Do you read a lot?' → 'How much do you read?'; 'Do you have a lot of contact with…?' →
    'How much contact do you have with…?' (the amount's noun moves up with "How much", or
    "How many" for a plural)."""
    doc = sent.doc
    of = next((t for t in span_tokens(sent) if t.idx >= end and not t.is_space), None)
    if of is None or of.lower_ != "of":
        return None if " of " in rest else f"How much {aux} {rest}"
    noun = next((c for c in of.children if c.dep_ == "pobj"), None)
    if noun is None or noun.pos_ != "NOUN":
        return None
    phrase = doc[noun.left_edge.i:noun.i + 1].text
    if any(t.pos_ in ("PRON", "DET") and t.dep_ == "poss" for t in doc[noun.left_edge.i:noun.i]):
        return None  # "a lot of your time": "How much your time…" is not English
    cut = rest.replace(f"of {phrase}", "", 1)
    if cut == rest:
        return None
    words = "many" if noun.tag_ == "NNS" else "much"
    return f"How {words} {phrase} {aux} {' '.join(cut.split())}".replace(" ?", "?")


def _terms(options: dict[str, Any]) -> "tuple[set[str], Phrases]":
    """The typical-behaviour words, and one pattern for every term."""
    typical = {t.lower() for t in options["typical"]}
    return typical, cached_phrases(tuple(t.lower() for t in options["terms"]) + tuple(sorted(typical)))


PERIOD_OPENERS = {"past", "last", "previous", "next", "coming"}


def _vague_period(options: dict[str, Any]) -> Folded:
    """'the past few weeks', 'the last couple of months': a reference period of no fixed length."""
    counts = "|".join(re.escape(" ".join(c.lower().split())) for c in options["period_counts"])
    return Folded(re.compile(rf"\b(?:{'|'.join(sorted(PERIOD_OPENERS))})\s+(?:{counts})\s+(?:days|weeks|months|years)\b",
                             re.IGNORECASE))


def _baseline(options: dict[str, Any]) -> "re.Pattern[str]":
    """'compared with before', 'than usual': a comparison whose other side nobody named."""
    bases = "|".join(re.escape(" ".join(b.lower().split())) for b in options["unanchored_baselines"]) or r"(?!x)x"
    # The baseline ends the phrase: "compared with before the move", "than others in your team" name theirs.
    return re.compile(rf"\b(?:compared\s+(?:with|to)|than)\s+(?:{bases})\b(?!\s+[a-z])", re.IGNORECASE)


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on each unanchored vague quantifier in the stem, on a reference period of no fixed
    length and on a comparison with an unnamed baseline."""
    present = doc_words(doc)
    # (Each pattern needs a word a set lookup finds first: most items have neither.)
    vague_period = per_options(options, _vague_period).search(question.text) \
        if not PERIOD_OPENERS.isdisjoint(present) else None
    if vague_period:
        yield Hit.saying("period", vague_period.start(), vague_period.end(), words=vague_period.group(0))
    baseline = per_options(options, _baseline).search(question.text) if not {"than", "compared"}.isdisjoint(present) \
        else None
    if baseline and not PERIOD.search(question.text[:baseline.start()] + question.text[baseline.end():]):
        # ("Compared with this time last year" names its baseline; so does any stated period.)
        yield Hit.saying("baseline", baseline.start(), baseline.end(), words=baseline.group(0))
    typical, regex = per_options(options, _terms)
    if not regex.search(question.text):
        return  # most items hold no such word: skip the anchors and the parse views below
    # A number or rate asked for defines every amount word, but not "recently": the count
    # still needs its stretch of time ("How many times have you visited it recently?").
    counted = _counted(question)
    if counted == "number" and PERIOD_WORDS.isdisjoint(doc_words(doc)):
        return
    period = FOLDED_PERIOD.search(question.text) is not None
    hedges = hedge_spans(question.text)
    for sent in stem_sentences(doc):
        for m in regex.finditer(span_text(sent)):
            start, end = sent.start_char + m.start(), sent.start_char + m.end()
            term = m.group(0).lower()
            if counted == "number" and term not in PERIOD_WORDS:
                continue
            if counted == "rate" and term in FREQUENCY_ADVERBS and term not in PERIOD_WORDS:
                continue
            # A stated period makes "recently" redundant; it does not say what "regularly" means.
            if inside(hedges, start, end) or (period and term in PERIOD_WORDS):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or in_brackets(doc, span.start):
                continue
            before = doc[span.start - 1].lower_ if span.start > 0 else ""
            if before in ASKING:
                continue
            after = doc[span.end].lower_ if span.end < len(doc) else ""
            if before == "too" or after == "enough":
                continue  # "too often, not often enough, or about right?": the ends of a balanced scale
            if term in typical and form(sent) not in ("yes-no", "statement"):
                continue
            if term in typical and (span.root.head.pos_ in ("ADJ", "ADV") or span.root.head.lemma_ == "be"):
                continue  # "generally easier", "is usually fine": a hedge on a judgement, not a frequency
            if ANSWER_LENGTH.match(question.text[end:]) and term not in FREQUENCY_ADVERBS:
                continue
            if DURATION.match(question.text[end:]) and term not in FREQUENCY_ADVERBS:
                continue  # "for several hours": how long a situation lasted, not how often (a vague period is found above)
            if term in PERIOD_WORDS and span.root.head.dep_ in ("amod", "acl", "compound"):
                continue  # "the recently released lesson": describes a thing, not a behaviour
            message = (f"'{m.group(0)}' means different amounts to different people; "
                       "give a number, a time period or answer choices that define it.")
            better = rewrite(sent, start, end, term)
            yield Hit(start, end, message, capitalise(lower_first(better)) if better else None)
