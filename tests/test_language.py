"""askwell.language: non-English items are skipped with one note per file; English is never lost."""

from __future__ import annotations

import socket
from collections import Counter
from pathlib import Path

import pytest

from askwell import language
from askwell.config import load
from askwell.errors import ConfigError
from askwell.model import OffsetMap, Question
from askwell.run import gather


@pytest.mark.parametrize("text", [
    "How would you rate the pace of the workshop?", "Other", "Anything else?", "Prefer not to say",
    "What, if anything, would you change?", "", "42", "?",
])
def test_obviously_english_needs_no_detector(text: str) -> None:
    assert language.obviously_english(language.words(text))


@pytest.mark.parametrize("text", ["¿Qué te pareció el taller?", "Wie war das Tempo?", "Hoe was het tempo?", "RStudio"])
def test_other_text_is_not_obviously_english(text: str) -> None:
    assert not language.obviously_english(language.words(text))


@pytest.mark.parametrize(("text", "code"), [
    ("Как вам понравился семинар?", "Cyrillic"), ("ワークショップはいかがでしたか？", "Japanese kana"),
    ("你觉得这个研讨会怎么样？", "Han"), ("Πώς σας φάνηκε το εργαστήριο;", "Greek"),
])
def test_other_scripts_are_named_without_a_detector(text: str, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "detect", _no_detector)
    assert language.verdict(text) == language.Verdict(code, False)
    assert language.name(code) == f"{code} script"


def _no_detector(*args: object) -> list[tuple[str, float]]:
    raise AssertionError("the detector was asked")


@pytest.mark.parametrize("text", [
    "Rate Git.", "Comments?", "RStudio", "SPDX", "macOS", "Café",  # too short to be sure of
    "Since attending a workshop, how often do you use programming languages (R, Python, etc.)?",
    "Which IDE: VS Code, PyCharm or JupyterLab?",  # no foreign evidence: no detector
])
def test_english_and_doubtful_items_are_linted_without_the_detector(text: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "detect", _no_detector)
    assert language.verdict(text).linted


@pytest.mark.parametrize(("text", "code"), [
    ("¿Cómo valorarías el ritmo del curso?", "es"), ("Qu'avez-vous pensé de l'atelier ?", "fr"),
    ("Wie bewerten Sie das Tempo des Kurses?", "de"), ("Como você avalia o ritmo do curso?", "pt"),
    ("Che cosa cambieresti per la prossima edizione?", "it"),
])
def test_non_english_items_are_skipped_with_their_language(text: str, code: str) -> None:
    assert language.verdict(text) == language.Verdict(code, False)


def test_english_with_foreign_words_is_linted() -> None:
    # it reaches the detector (a letter outside ASCII, 'de'), which is not sure enough to skip it
    assert language.verdict("How useful was the café de Paris session for you?").linted


def test_detection_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    language._detector.cache_clear()
    assert language.verdict("Qu'avez-vous pensé de l'atelier ?") == language.Verdict("fr", False)


def test_without_the_detector_package_items_are_linted(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*args: object) -> list[tuple[str, float]]:
        raise ImportError("No module named 'lingua'")

    monkeypatch.setattr(language, "detect", missing)
    assert language.verdict("Qu'avez-vous pensé de l'atelier ?").linted


def _q(text: str, line: int) -> Question:
    return Question(text=text, path="f.md", line=line, column=1, offsets=OffsetMap.at(line, 1))


def test_one_note_per_file_naming_the_languages() -> None:
    qs = (_q("What did you learn?", 1), _q("¿Qué aprendiste en el taller?", 2), _q("¿Qué cambiarías del curso?", 3),
          _q("Qu'avez-vous appris pendant l'atelier ?", 4))
    kept, note = language.in_language("f.md", qs)
    assert [q.line for q in kept] == [1]
    assert note == ("f.md: skipped 3 items not in English (2 in Spanish and 1 in French); askwell's rules are "
                    "English (set language: off to lint them anyway)")
    assert language.in_language("f.md", qs, "off") == (qs, None)
    assert language.in_language("f.md", qs[:1]) == (qs[:1], None)
    assert language.note("g.md", Counter({"de": 1})).startswith("g.md: skipped 1 item not in English (German);")


def test_run_skips_items_and_notes_them(tmp_path: Path) -> None:
    page = tmp_path / "bi.md"
    page.write_text("How would you rate the pace?\n\n¿Cómo valorarías el ritmo del curso?\n", encoding="utf-8")
    inputs = gather([str(page)], load(None))
    assert [q.text for _, qs in inputs.files for q in qs] == ["How would you rate the pace?"]
    assert len(inputs.notes) == 1 and "1 item not in English (Spanish)" in inputs.notes[0]
    config = tmp_path / "askwell.yaml"
    config.write_text("language: off\n", encoding="utf-8")  # unquoted: YAML reads false
    inputs = gather([str(page)], load(config))
    assert len([q for _, qs in inputs.files for q in qs]) == 2 and not inputs.notes


@pytest.mark.parametrize(("body", "message"), [
    ("language: fr\n", "language: 'fr' is not one of en, off (askwell's rules are English; 'off' lints every item "
                       "as English)"),
    ("language: [en]\n", "language: ['en'] is not one of en, off"),
    ("language: of\n", "(did you mean 'off'?)"),
])
def test_language_config_errors_name_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    config = tmp_path / "askwell.yaml"
    config.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load(config)
    assert str(info.value).startswith(f"{config}: language: ") and message in str(info.value)


def test_language_in_show_config() -> None:
    assert load(None).as_dict()["language"] == "en"
    assert load(None, {"language": "off"}).language == "off"


def test_a_cached_run_remembers_the_detectors_verdicts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from askwell.cache import Cache

    page = tmp_path / "bi.md"
    page.write_text("How would you rate the pace?\n\n¿Cómo valorarías el ritmo del curso?\n\n"
                    "Quel est votre avis sur le rythme de l'atelier ?\n", encoding="utf-8")
    config = load(None)
    first = Cache(tmp_path, config)
    inputs = gather([str(page)], config, memo=first)
    first.save()
    # A second run with the cache never asks the detector: its answers were kept.
    monkeypatch.setattr(language, "_detected", lambda *a: pytest.fail("the detector ran again"))
    again = gather([str(page)], config, memo=Cache(tmp_path, config))
    assert again.files == inputs.files and again.notes == inputs.notes
    assert "2 items not in English" in again.notes[0]
