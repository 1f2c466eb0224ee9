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


def _steps() -> dict[str, dict]:  # type: ignore[type-arg]
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return {step.get("id") or step.get("name") or step["uses"]: step for step in action["runs"]["steps"]}


def test_action_installs_its_own_revision_into_its_own_venv() -> None:
    steps = _steps()
    python = steps["python"]
    assert python["uses"].startswith("actions/setup-python@")
    assert python["with"]["update-environment"] is False  # the caller's Python is left alone
    install = steps["install"]
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert install["env"]["PYTHON"] == "${{ steps.python.outputs.python-path }}"
    assert '-m venv "$venv"' in install["run"] and '"${ASKWELL_SPEC:-$ACTION_PATH}"' in install["run"]
    assert "pip install" not in steps["lint"]["run"]


def test_sarif_upload_is_skipped_on_pull_requests_from_forks() -> None:
    upload = _steps()["Upload SARIF"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    condition = " ".join(upload["if"].split())
    assert "github.event.pull_request.head.repo.full_name != github.repository" in condition
    assert condition.startswith("${{ always() && inputs.sarif == 'true'")


def test_lint_step_runs_as_written(tmp_path: Path) -> None:
    # The Lint step's script, run with the environment GitHub gives it (askwell from this venv).
    import os
    import sys

    script = _steps()["lint"]["run"]
    output, summary = tmp_path / "output", tmp_path / "summary"
    env = {**os.environ, "ASKWELL": str(Path(sys.executable).with_name("askwell")), "PATHS": "examples/drafts.txt",
           "CONFIG": "", "FAIL_ON": "never", "FAIL_UNDER": "", "SARIF": "true", "RUNNER_TEMP": str(tmp_path),
           "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run(["bash", "-e", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "::error file=examples/drafts.txt" in done.stdout or "::warning file=examples/drafts.txt" in done.stdout
    assert output.read_text(encoding="utf-8") == f"sarif-file={tmp_path}/askwell.sarif\n"
    assert (tmp_path / "askwell.sarif").read_text(encoding="utf-8").lstrip().startswith("{")
    assert summary.read_text(encoding="utf-8").strip()
