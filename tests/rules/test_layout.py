"""One home per rule: a coded rule's id, YAML file and module share one name, grouped by category."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

import askwell
from askwell.rules.checks import CHECK_MODULES, CHECKS_BY_CATEGORY

ROOT = Path(__file__).resolve().parents[2]
CHECKS = Path(askwell.__file__).parent / "rules" / "checks"


def _rule_files() -> list[tuple[Path, dict]]:
    return [(p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted((ROOT / "rules").glob("*/*.yaml"))
            if p.parent.name not in ("presets", "wordlists")]


def test_coded_rule_module_is_named_after_the_rule_and_lives_in_its_category() -> None:
    coded = [(p, raw) for p, raw in _rule_files() if raw.get("kind") == "check"]
    assert coded
    for path, raw in coded:
        name = raw["id"].replace("-", "_")
        assert raw["check"] == name, f"{path}: check '{raw['check']}' is not named after the rule id"
        assert path.stem == raw["id"] and path.parent.name == raw["category"], path
        assert name in CHECKS_BY_CATEGORY[raw["category"]], path
        module = CHECKS / raw["category"].replace("-", "_") / f"{name}.py"
        assert module.is_file(), module
    # Every registered module belongs to a rule: no orphans.
    assert set(CHECK_MODULES) == {raw["check"] for _, raw in coded}


def test_checks_never_import_other_checks() -> None:
    for module in CHECKS.glob("*/*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for n in names:
                assert not (n.startswith("askwell.rules.checks.") or node_is_relative(node)), f"{module} imports {n}"


def node_is_relative(node: ast.AST) -> bool:
    return isinstance(node, ast.ImportFrom) and node.level > 0
