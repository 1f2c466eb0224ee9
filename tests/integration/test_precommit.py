"""The real pre-commit tool runs askwell's hook from this repository (`pre-commit try-repo`).

Slow (pre-commit builds a virtual environment and installs askwell with spaCy), so
it is marked ``slow``; it still runs in CI.  Skipped where pre-commit or git is
missing, or the repository has no commit to try.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def precommit() -> list[str]:
    exe = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    if not Path(exe).exists() or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    if subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True).returncode != 0:
        pytest.skip("the repository has no commit for pre-commit to try")
    return [exe]


def test_hook_fails_on_a_leading_question_and_passes_a_clean_file(tmp_path: Path, precommit: list[str]) -> None:
    repo = tmp_path / "survey-repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.org")
    _git(repo, "config", "user.name", "Test")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}

    (repo / "clean.md").write_text("# Feedback\n\nWhat, if anything, would you change about this workshop?\n")
    _git(repo, "add", "clean.md")
    ok = subprocess.run([*precommit, "try-repo", str(ROOT), "askwell", "--files", "clean.md"],
                        cwd=repo, env=env, capture_output=True, text=True, timeout=1500)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    (repo / "leading.md").write_text("# Feedback\n\nDon't you agree that the workshop was great?\n")
    _git(repo, "add", "leading.md")
    bad = subprocess.run([*precommit, "try-repo", str(ROOT), "askwell", "--files", "leading.md"],
                         cwd=repo, env=env, capture_output=True, text=True, timeout=1500)
    assert bad.returncode != 0
    assert "leading.md:3:1: error agreement-seeking" in bad.stdout, bad.stdout + bad.stderr
