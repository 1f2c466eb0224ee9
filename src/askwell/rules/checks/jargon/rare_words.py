"""rare-words: words whose English Zipf frequency is low (QUAID's unfamiliar-term idea).

Names (proper nouns, capitalised mid-sentence words), acronyms, words the
project accepts and glossary terms (reported by glossary-term) are skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis.views import doc_words, tokens
from askwell.analysis.stems import in_brackets
from askwell.nlp import zipf
from askwell.analysis.subject import measures_knowledge, subject_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
# ('rare' is the rule's default message.)
MESSAGES: dict[str, tuple[str, ...]] = {"unknown": ("word",)}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit per rare word token."""
    min_zipf, min_length = options["min_zipf"], options["min_length"]
    # The Doc's distinct lowercased words first (lowercasing never shortens a word): when
    # all are common, no token needs a look.
    if not any(zipf(w) < min_zipf for w in doc_words(doc) if len(w) >= min_length):
        return
    if measures_knowledge(question, context):
        return  # the term is the skill or concept being rated: not knowing it is an answer
    seen: set[str] = set()
    for t in tokens(doc):
        text = t.text
        if not t.is_alpha or len(text) < min_length or text.lower() in seen:
            continue  # each rare word once per item
        # Most words are common: look that up first (memoised), and only then ask the parse.
        lowered = text.lower()
        score = zipf(lowered)
        if score >= min_zipf:
            continue
        if in_brackets(doc, t.i):
            continue  # "(lowercase)", "(e.g. a notebook)": a format or an explanation, not the question
        if t.pos_ == "PROPN" or text.isupper() or (text[:1].isupper() and not t.is_sent_start):
            continue
        lemma = t.lemma_.lower()
        if lowered in context.accept or lemma in context.accept:
            continue
        if _in_token_run(question.text, t.idx, t.idx + len(text)):
            continue
        if context.questions and (lowered in subject_words(context) or lemma in subject_words(context)):
            continue  # the survey's own subject: named in its title or used throughout
        # Inflected forms can be rarer than their lemma ("ameliorated"); judge the commoner of the two.
        score = max(score, zipf(lemma))
        if score < min_zipf and _transparent(lowered, min_zipf):
            continue  # "healthiness", "timetabled": a common word with a plain ending
        if score >= options["compound_min_zipf"] and _two_words(lowered, options["part_min_zipf"]):
            continue  # "hairdryer", "floodlights": two everyday words, in use as one
        seen.add(lowered)
        if score == 0.0:
            yield Hit.saying("unknown", t.idx, t.idx + len(text), word=text,
                             suggestion="Check the spelling, or explain the term in the question.")
        elif score < min_zipf:
            yield Hit(t.idx, t.idx + len(text))  # the rule's message, with the word as its {match}


# Derivational endings whose meaning is plain once the base is known ("helpfulness", "timetabled").
SUFFIXES = ("iness", "ness", "fulness", "ful", "less", "ly", "ed", "d", "ing", "ening", "s", "es", "able", "ible", "ability",
            "ibility", "er", "ers", "some")


# Prefixes that negate or repeat a word without making it harder to know ("unsupportive",
# "disorganised", "reopen", "non-member" written solid).
PREFIXES = ("un", "dis", "non", "re", "pre", "mis", "over", "under", "co")
# British spellings whose American form is the commoner one in the frequency table
# ("summarising" → "summarizing", "colour" needs none: both are common).
SPELLINGS = (("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ise", "ize"), ("yse", "yze"),
             ("ysing", "yzing"), ("ysed", "yzed"), ("our", "or"), ("tre", "ter"), ("ogue", "og"))


def _two_words(word: str, floor: float) -> bool:
    """True when the word splits into two words each at least ``floor`` in Zipf frequency
    ("hair" + "dryer", "tool" + "bar"), the first of four letters or more ("tri" + "age" is no compound)."""
    return any(zipf(word[:i]) >= floor and zipf(word[i:]) >= floor for i in range(4, len(word) - 2))


def _transparent(word: str, floor: float) -> bool:
    """True when the word is a common word plus a plain ending or prefix, or a common word's spelling variant.

    Two common words joined are not enough: "pushchairs" is plain, but "headways" is not.
    """
    for british, american in SPELLINGS:
        if british in word[2:]:
            variant = word.replace(british, american)
            if zipf(variant) >= floor or _with_suffix(variant, floor):
                return True
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 5:
            base = word[len(prefix):]
            if zipf(base) >= floor or _with_suffix(base, floor):
                return True
    return _with_suffix(word, floor)


def _with_suffix(word: str, floor: float) -> bool:
    """True when the word is a common word plus a plain ending ("helpfulness", "timetabled")."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            # "helpfulness" (help), "healthiness" (healthy), "conferencing" (conference).
            if any(zipf(b) >= floor for b in (base, base + "y", base + "e")):
                return True
    return False


def _in_token_run(text: str, start: int, end: int) -> bool:
    """True inside a code-like run such as "YYYY-MM-DD-sitename" or "file_name.csv": not prose."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    run = text[left:right].strip("\"'“”‘’()[],.;:!?*")
    return any(ch.isdigit() or ch in "_/=<>{}@#" for ch in run) or run.count("-") >= 2
