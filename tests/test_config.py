"""Config discovery, presets, merging, and one error test per kind of mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from askwell import config as cfg
from askwell.errors import ConfigError


def write(tmp_path: Path, text: str, name: str = ".askwell.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_come_from_the_carpentries_preset() -> None:
    c = cfg.load(None)
    assert c.select == ("all",)
    assert c.fail_on == "error"
    assert c.weights == {"error": 25.0, "warning": 10.0, "info": 3.0}


def test_discovery_walks_upward_and_prefers_dot_askwell(tmp_path: Path) -> None:
    write(tmp_path, "fail_on: warning\n")
    (tmp_path / "pyproject.toml").write_text("[tool.askwell]\nfail_on = 'info'\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert cfg.discover(deep) == tmp_path / ".askwell.yaml"


def test_pyproject_without_askwell_table_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n")
    found = cfg.discover(tmp_path)
    assert found is None or found.parent != tmp_path


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.askwell]\nfail_under = 70\nignore = ['rare-words']\n")
    c = cfg.load(path)
    assert c.fail_under == 70.0 and "rare-words" in c.ignore


def test_extends_preset_and_merge(tmp_path: Path) -> None:
    path = write(tmp_path, "extends: strict\nseverity: {closed-question: error}\nrules: {long-question: {max: 20}}\n")
    c = cfg.load(path)
    assert c.fail_on == "warning"  # from strict
    assert c.severity["closed-question"] == "error"
    active = {a.rule.id: a for a in cfg.active_rules(c)}
    assert active["long-question"].options["max"] == 20
    assert active["closed-question"].severity == "error"


def test_extends_a_file_relative_to_the_config(tmp_path: Path) -> None:
    write(tmp_path, "ignore: [rare-words]\n", "base.yaml")
    path = write(tmp_path, "extends: base.yaml\nfail_on: info\n")
    c = cfg.load(path)
    assert "rare-words" in c.ignore and c.fail_on == "info"


def test_select_and_ignore_by_category() -> None:
    c = cfg.load(None, {"select": ["leading"], "ignore": ["social-proof"]})
    ids = {a.rule.id for a in cfg.active_rules(c)}
    assert "agreement-seeking" in ids and "social-proof" not in ids and "closed-question" not in ids


@pytest.mark.parametrize(
    ("text", "key", "hint"),
    [
        ("fail_onn: error\n", "fail_onn", "did you mean 'fail_on'"),
        ("ignore: [closed-questoin]\n", "ignore[0]", "did you mean 'closed-question'"),
        ("rules: {long-question: {max_word: 3}}\n", "rules.long-question.max_word", "did you mean 'max'"),
        ("rules: {long-question: {max: many}}\n", "rules.long-question.max", "must be a number"),
        ("rules: {long-questio: {max: 3}}\n", "rules.long-questio", "did you mean 'long-question'"),
        ("severity: {closed-question: fatal}\n", "severity.closed-question", "not one of"),
        ("fail_on: errors\n", "fail_on", "did you mean 'error'"),
        ("fail_under: 140\n", "fail_under", "0 to 100"),
        ("select: closed\nexclude: 3\n", "exclude", "list of strings"),
        ("vocabulary: {acept: [Git]}\n", "vocabulary.acept", "did you mean 'accept'"),
        ("extends: stricct\n", "extends", "did you mean 'strict'"),
        ("audience: learner\n", "audience", "did you mean 'learners'"),
        ("weights: {error: -1}\n", "weights.error", "0 or more"),
    ],
)
def test_each_kind_of_mistake_names_file_and_key(tmp_path: Path, text: str, key: str, hint: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        cfg.load(path)
    message = str(info.value)
    assert message.startswith(str(path)), message
    assert key in message and hint in message, message
    assert "\n" not in message


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "select: [leading\nfail_on: error\n")
    with pytest.raises(ConfigError) as info:
        cfg.load(path)
    assert str(info.value).startswith(f"{path}:") and "invalid YAML" in str(info.value)


def test_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "- a\n- b\n")
    with pytest.raises(ConfigError, match="must be a mapping"):
        cfg.load(path)


def test_extends_cycle(tmp_path: Path) -> None:
    write(tmp_path, "extends: b.yaml\n", "a.yaml")
    write(tmp_path, "extends: a.yaml\n", "b.yaml")
    with pytest.raises(ConfigError, match="cycle"):
        cfg.load(tmp_path / "a.yaml")


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        cfg.load(tmp_path / "nope.yaml")


def test_user_defined_audience_profile(tmp_path: Path) -> None:
    path = write(tmp_path, "audience: librarians\nrules: {glossary-term: {levels: {librarians: [advanced]}}}\n")
    c = cfg.load(path)
    active = {a.rule.id: a for a in cfg.active_rules(c)}
    assert c.audience == "librarians"
    assert active["glossary-term"].options["levels"]["librarians"] == ["advanced"]


def test_audience_changes_what_is_jargon(lint_text, default_config) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    text = "How often do you use version control?"
    learners = [f.rule for f in lint_text(text, config=replace(default_config, audience="learners"))]
    instructors = [f.rule for f in lint_text(text, config=replace(default_config, audience="instructors"))]
    assert "glossary-term" in learners and "glossary-term" not in instructors
