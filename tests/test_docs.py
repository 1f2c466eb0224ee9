"""The committed rules reference is generated from the rule data and must stay in sync."""

from __future__ import annotations

from pathlib import Path

from askwell import ruledocs
from askwell.rules.packs import load_rules

ROOT = Path(__file__).resolve().parents[1]


def test_rules_reference_is_in_sync() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == ruledocs.markdown(), "regenerate: askwell rules --format markdown > docs/rules.md"


def test_every_rule_is_in_the_reference() -> None:
    text = ruledocs.markdown()
    for rule in load_rules():
        assert f"### {rule.id}" in text


def test_readme_starts_with_the_two_commands() -> None:
    lines = [l.strip() for l in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:5] if l.strip()]
    assert "askwell check examples/" in lines[1]
    assert "pytest" in lines[2]
