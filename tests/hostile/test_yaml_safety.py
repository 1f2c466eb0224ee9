"""Untrusted YAML and user patterns: nothing is constructed, nothing can make matching hang.

Survey files are composed (nodes only), config files are read with a SafeLoader
that refuses aliases, and rule files may only use token patterns without REGEX or
other open-ended predicates.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any

import pytest

from askwell import config as config_mod
from askwell.errors import ConfigError, InputError, NotASurvey
from askwell.rules.packs import Rule, core_values, parse_rule
from askwell.sources import survey_yaml

SENTINEL = "constructed.txt"

# (survey, what askwell says): an error at the tagged node, or the data as written.
PYTHON_TAGS = [
    ('questions:\n  - !!python/object/apply:os.system ["echo pwned > {s}"]\n',
     "evil.yaml:2:37: questions[0]: expected a mapping, got a list"),
    ('questions:\n  - text: !!python/object/apply:os.system ["echo pwned > {s}"]\n',
     "evil.yaml:2:43: questions[0].text: expected a string, got a list"),
    ("questions:\n  - text: !!python/object/new:pathlib.Path {{}}\n",
     "evil.yaml:2:44: questions[0].text: expected a string, got a mapping"),
    ("questions:\n  - text: !!python/name:os.system\n", "evil.yaml:2:34: questions[0].text: is empty"),
    ("questions:\n  - !!python/module:os\n",
     "evil.yaml:2:23: questions[0]: expected a mapping, got a scalar (tag:yaml.org,2002:python/module:os)"),
    ('questions:\n  - text: !!python/str "Was it {s}?"\n', [("Was it constructed.txt?", 2, 25)]),
    ('!!python/object:collections.OrderedDict\nquestions: ["Was it {s}?"]\n', [("Was it constructed.txt?", 2, 14)]),
    ('!!python/object/apply:os.system\nargs: ["echo pwned > {s}"]\n',
     "not an askwell survey (no 'questions' or 'sections' key)"),
]


@pytest.mark.parametrize("source, expected", PYTHON_TAGS)
def test_python_tags_are_never_constructed(source: str, expected: Any, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        got: Any = [(q.text, q.line, q.column) for q in survey_yaml.extract(source.format(s=SENTINEL), "evil.yaml")]
        assert all(type(q[0]) is str for q in got)  # data, never an object
    except (InputError, NotASurvey) as exc:
        got = str(exc)
    assert got == expected
    assert not (tmp_path / SENTINEL).exists()


def test_alias_bombs_are_refused_in_surveys() -> None:
    # Aliases are allowed (a shared scale), their expansion is not unbounded.
    assert [q.text for q in survey_yaml.extract("x-q: &q Was it good?\nquestions: [*q, *q]\n", "a.yaml")] == [
        "Was it good?", "Was it good?"]
    bomb = "x-a: &a [" + ",".join(["x"] * 400) + "]\nx-b: &b [" + ",".join(["*a"] * 400) + "]\nquestions: [*b]\n"
    with pytest.raises(InputError, match=r"aliases expand the document to more than 100,000 nodes"):
        survey_yaml.extract(bomb, "a.yaml")


@pytest.mark.parametrize("body, message", [
    ('select: !!python/object/apply:os.system ["echo pwned > {s}"]\n', "could not determine a constructor"),
    ("vocabulary:\n  accept: &a [x]\n  reject: *a\n", "aliases (*a) are not allowed in config files"),
    ("rules:\n  absolute-terms:\n    terms: [[x]]\n", "must be a list of strings"),
    ("a: " + "[" * 5000 + "\n", "nested too deeply"),
    ("select: [\xff]\n", "not valid UTF-8"),
])
def test_hostile_config_files_are_one_line_errors(body: str, message: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / ".askwell.yaml"
    data = body.format(s=SENTINEL) if "{s}" in body else body
    path.write_bytes(data.encode("latin-1") if "\xff" in data else data.encode("utf-8"))
    with pytest.raises(ConfigError) as info:
        config_mod.load(path)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert str(info.value).startswith(str(path))
    assert not (tmp_path / SENTINEL).exists()


def test_config_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['x: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n, (prev, name) in enumerate(zip("abcdefgh", "bcdefghi")):
        lines.append(f"x{n}: &{name} [{', '.join(['*' + prev] * 9)}]")
    path = tmp_path / "askwell.yaml"
    path.write_text("\n".join(lines) + "\nrules:\n  absolute-terms:\n    terms: *i\n")
    start = time.monotonic()
    with pytest.raises(ConfigError, match=r"askwell.yaml:2:\d+: invalid YAML: aliases \(\*a\) are not allowed"):
        config_mod.load(path)
    assert time.monotonic() - start < 5  # refused at the first alias, never expanded


# -- rule packs: token patterns only, no REGEX ------------------------------------------------------------------


def _pattern_rule(patterns: Any) -> dict[str, Any]:
    return {
        "id": "user-rule", "category": "leading", "severity": "warning", "values": [core_values()[0].id],
        "kind": "pattern", "message": "m", "why": "w",
        "examples": {"bad": ["Don't you agree?"], "good": ["What do you think?"]},
        "patterns": patterns,
    }


def _parse(patterns: Any) -> Rule:
    return parse_rule(copy.deepcopy(_pattern_rule(patterns)), "user/rule.yaml", {v.id for v in core_values()})


def test_a_plain_token_pattern_is_accepted() -> None:
    patterns = [[{"LOWER": "agree"}, {"LOWER": {"IN": ["with", "that"]}, "OP": "?"}]]
    rule = _parse(patterns)
    assert (rule.id, rule.kind, rule.spec["patterns"]) == ("user-rule", "pattern", patterns)


@pytest.mark.parametrize("patterns, key", [
    ([[{"LOWER": {"REGEX": "^(a+)+$"}}]], "patterns[0][0].LOWER"),
    ([[{"TEXT": {"REGEX": "(x|x)*y"}}]], "patterns[0][0].TEXT"),
    ([[{"REGEX": "(a+)+$"}]], "patterns[0][0].REGEX"),
    ([[{"LOWER": "ok"}], [{"ORTH": {"NOT_IN": ["a"], "REGEX": ".*"}}]], "patterns[1][0].ORTH"),
    ([[{"LOWER": {"IN": [{"REGEX": ".*"}]}}]], "patterns[0][0].LOWER"),
    ([[{"LOWER": {"FUZZY": "agree"}}]], "patterns[0][0].LOWER"),
    ([[{"_": {"custom": {"REGEX": ".*"}}}]], "patterns[0][0]._"),
    ([[{"LENGTH": {">=": 1000}}]], "patterns[0][0].LENGTH"),
    ([[{"LOWER": "a", "OP": "{1,1000}"}]], "patterns[0][0].OP"),
])
def test_open_ended_token_predicates_are_refused(patterns: Any, key: str) -> None:
    with pytest.raises(ConfigError) as info:
        _parse(patterns)
    assert f"user/rule.yaml: {key}:" in str(info.value)


def test_rejected_vocabulary_is_matched_literally(tmp_path: Path, lint_text: Any) -> None:
    """``vocabulary.reject`` entries are words, not regular expressions: no catastrophic backtracking."""
    path = tmp_path / ".askwell.yaml"
    path.write_text('select: [rejected-term]\nvocabulary:\n  reject: ["(a+)+$", "x.*y"]\n')
    config = config_mod.load(path)
    start = time.monotonic()
    assert lint_text("a" * 5000 + "!?", config=config) == []
    assert lint_text("Was xzzy fun?", config=config) == []
    assert time.monotonic() - start < 10  # literal words: no backtracking to wait for
    assert [f.rule for f in lint_text("Is x.*y ok?", config=config)] == ["rejected-term"]
