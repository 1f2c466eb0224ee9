"""Which items are not in English, so that English rules are not run on them.

askwell's rules are English: a French or Spanish item linted with them gets
nonsense findings. Each item is looked at in three steps, cheapest first:

1. **Obviously English**: enough of its words are common English function words
   (``the``, ``you``, ``how``…). Most English items stop here, in microseconds,
   and the detector is never loaded for an English-only run.
2. **Another script**: most of its letters are not Latin (Cyrillic, Greek, Arabic,
   Han, Kana…): not English, named by its script; no detector needed.
3. **Foreign evidence**: an item with none of the candidate languages' function
   words (``der``, ``que``, ``vous``…) and no letter outside ASCII is linted as
   English without a detector, so an English-only run rarely loads one.
4. **The detector**: ``lingua-language-detector`` (offline, its models inside the
   wheel), restricted to English and a handful of languages that share its script,
   loaded once per process on first need. An item is skipped only when the detector
   is sure (``MIN_CONFIDENCE``, ``MIN_RATIO``) and the item has words enough to be
   sure about (``MIN_WORDS``); anything in doubt is linted as English, as before.

Nothing here touches the network: lingua's models are files in its wheel.
``benchmarks/language.py`` measures the steps (accuracy, time, size).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, MutableMapping

from askwell.model import Question

# The `language:` config values: the language askwell lints, or "off" for no detection.
LINTED = "en"
OFF = "off"
SETTINGS = (LINTED, OFF)

# Languages the detector weighs against English: those written in the Latin script
# that survey repositories most often hold beside English. Fewer languages load faster
# and confuse less; an item in a language not listed is left to English (linted).
CANDIDATES: tuple[str, ...] = ("en", "es", "fr", "de", "pt", "it", "nl")
NAMES: dict[str, str] = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese",
                         "it": "Italian", "nl": "Dutch"}

# When the detector is believed (measured in benchmarks/language.py; language-notes.md):
# its best language is not English, with at least MIN_CONFIDENCE (0-1, spread over the
# candidates) and MIN_RATIO times English's, in an item of MIN_WORDS words or more. One
# word is too little: "SPDX", "macOS" and "Café" were taken for other languages.
MIN_CONFIDENCE = 0.3
MIN_RATIO = 5.0
MIN_WORDS = 2

# Common English words that are not also common words of the candidate languages
# ("a", "in", "is", "was", "no", "on", "me", "die", "come" are: they prove nothing).
COMMON_ENGLISH = frozenset("""
the and of to you your yours how what which who whom whose why when where did do does done would could
should will shall can may might must are were be been being have has had having this that these those
with for from about into over under after before during between through than then there their they them
we our us he she his her him its it i'm you're we're don't didn't isn't aren't wasn't weren't not or if
at by as an any anything anyone anybody something someone everything everyone nothing else other others
more most much many very well also only just some each every all both either neither few less least
please think feel like liked rate describe use used using learn learned learning agree disagree prefer
say tell know want need help helped find found make get give take time one two first last next today
how's what's often ever never always usually sometimes really quite rather enough too here my mine yes
""".split())

# Function words of the candidate languages that English does not use: an item with none
# of them (and no letter outside ASCII) is linted without loading the detector, whose
# models take about 2 s and 200 MB to load.
FOREIGN_WORDS = frozenset("""
el los las que qué del y por para con una es su tu te se cómo cuál cuáles usted ustedes más lo al
le les des du et est qui vous pour dans une un avec pas ne sur ce quel quelle quels votre vos comment
der das und ist nicht sie ich wie mit für auf ein eine zu den dem des im haben wir ihr ihre ihnen sind
o os de da dos em na nas nos você não um uma é seu sua seus suas
il gli di che per non della dello degli hai sono tuo tua
het een en van je jij jouw hoe wat niet ik zijn voor dat welk welke hebt heb
""".split())
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True)
class Verdict:
    """What one item is: ``code`` an ISO 639-1 code or a script name; ``linted`` when English or in doubt."""

    code: str
    linted: bool


def words(text: str) -> list[str]:
    """The item's words, lower-cased (letter runs, an apostrophe inside a word kept)."""
    return [w.lower().replace("\u2019", "'") for w in _WORD.findall(text.replace("\u2019", "'"))]


def obviously_english(tokens: list[str]) -> bool:
    """True when enough of the words are common English words: no detector needed.

    At least a third of the words, and two of them (one for an item of one or two
    words: "Other", "Anything else?").
    """
    if not tokens:
        return True  # nothing to detect: numbers, punctuation, an empty label
    common = sum(1 for w in tokens if w in COMMON_ENGLISH)
    return common >= min(2, len(tokens)) and common * 3 >= len(tokens)


def script(text: str) -> str | None:
    """The script most letters are written in when it is not Latin ("Cyrillic", "Han"…), else None."""
    scripts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            scripts[name.split(" ")[0] if name else "UNKNOWN"] += 1
    if not scripts:
        return None
    top, count = scripts.most_common(1)[0]
    if scripts["LATIN"] * 2 >= sum(scripts.values()) or top == "LATIN":
        return None
    return {"CJK": "Han", "HIRAGANA": "Japanese kana", "KATAKANA": "Japanese kana"}.get(top, top.title())


@lru_cache(maxsize=2)
def _detector(candidates: tuple[str, ...]) -> Any:
    """lingua's detector for ``candidates``: built once per process (its models take ~0.1-2 s to load)."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in candidates]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect(text: str, candidates: tuple[str, ...] = CANDIDATES) -> list[tuple[str, float]]:
    """The detector's confidence (0-1) in each candidate language (ISO 639-1) for ``text``, best first."""
    values = _detector(candidates).compute_language_confidence_values(text)
    return [(v.language.iso_code_639_1.name.lower(), float(v.value)) for v in values] or [(LINTED, 0.0)]


def foreign_evidence(tokens: list[str], text: str) -> bool:
    """True when the item has a function word of a candidate language, or a letter outside ASCII."""
    return any(w in FOREIGN_WORDS for w in tokens) or any(ch.isalpha() and not ch.isascii() for ch in text)


def verdict(text: str, candidates: tuple[str, ...] = CANDIDATES,
            known: MutableMapping[str, str] | None = None) -> Verdict:
    """Whether ``text`` is linted (English, or in doubt) or skipped, and the language or script it is in.

    ``known`` (text → language code) holds the detector's earlier answers: only items the quick
    tests cannot decide reach the detector, and a cached run need not load it again.
    """
    tokens = words(text)
    if obviously_english(tokens):
        return Verdict(LINTED, True)
    other = script(text)
    if other is not None:
        return Verdict(other, False)
    if len(tokens) < MIN_WORDS or not foreign_evidence(tokens, text):
        return Verdict(LINTED, True)
    if known is not None and text in known:
        return Verdict(known[text], known[text] == LINTED)
    found = _detected(text, candidates)
    if known is not None:
        known[text] = found.code
    return found


def _detected(text: str, candidates: tuple[str, ...]) -> Verdict:
    """The detector's verdict on an item the quick tests could not decide."""
    try:
        values = detect(text, candidates)
    except ImportError:  # installed without its dependencies: lint as before rather than fail
        return Verdict(LINTED, True)
    best, confidence = values[0]
    english = dict(values).get(LINTED, 0.0)
    if best != LINTED and confidence >= MIN_CONFIDENCE and confidence >= MIN_RATIO * english:
        return Verdict(best, False)
    return Verdict(LINTED, True)


def name(code: str) -> str:
    """A language code or script as people say it: "fr" → French, "Cyrillic" → Cyrillic script."""
    return NAMES.get(code, f"{code} script" if code[:1].isupper() else code)


def in_language(path: str, questions: tuple[Question, ...], setting: str = LINTED,
                known: MutableMapping[str, str] | None = None) -> tuple[tuple[Question, ...], str | None]:
    """The questions to lint under the ``language:`` setting, and one note for those skipped.

    ``known`` remembers the detector's verdicts across runs (see ``verdict``).
    """
    if setting == OFF:
        return questions, None
    kept: list[Question] = []
    skipped: Counter[str] = Counter()
    for question in questions:
        v = verdict(question.text, known=known)
        if v.linted:
            kept.append(question)
        else:
            skipped[v.code] += 1
    return (tuple(kept), note(path, skipped)) if skipped else (questions, None)


def note(path: str, skipped: Counter[str]) -> str:
    """One line for a file's skipped items: how many, in which languages."""
    parts = [f"{n} in {name(code)}" for code, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0]))]
    total = sum(skipped.values())
    listed = name(next(iter(skipped))) if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (f"{path}: skipped {total} item{'s' if total != 1 else ''} not in English ({listed}); "
            "askwell's rules are English (set language: off to lint them anyway)")
