"""The files that CI users load (action.yml, .pre-commit-hooks.yaml) must parse and validate."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_action_yml_parses_and_has_steps() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert all("uses" in step or "run" in step for step in action["runs"]["steps"])


def test_action_yml_valid_against_githubs_schema() -> None:
    # check-jsonschema ships GitHub's action schema, so this runs offline.
    exe = shutil.which("check-jsonschema")
    if exe is None:
        pytest.fail("check-jsonschema is a test dependency: pip install -e '.[test]'")
    done = subprocess.run(
        [exe, "--builtin-schema", "vendor.github-actions", str(ROOT / "action.yml")],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_precommit_hooks_file_parses() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["askwell"]
