"""Determinism across runs and processes: the same input gives the same bytes, output and cache.

Two ``check`` runs in one process once shared a process-wide table of parsed rule packs,
so the second run wrote an empty pack snapshot.  Runs in separate processes with different
``PYTHONHASHSEED`` values catch set and dict orderings that one process cannot see.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from askwell.cache import DIRNAME
from askwell.cli import main

ROOT = Path(__file__).resolve().parents[2]
CACHE_FILES = ("results.json", "packs.json")
# The report's date is pinned so that runs a minute apart still match byte for byte.
EPOCH = "1767225600"


def _args(cache: Path) -> list[str]:
    return ["check", "examples", "--format", "json", "--config", "examples/.askwell.yaml", "--cache-dir", str(cache)]


def _cache_bytes(cache: Path) -> dict[str, bytes]:
    return {name: (cache / DIRNAME / name).read_bytes() for name in CACHE_FILES}


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    """A copy of examples/ (without any cache) to run from, so paths in the output are relative."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns(DIRNAME))
    return tmp_path


def _in_process(workdir: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, dict[str, bytes]]:
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = CliRunner().invoke(main, _args(cache))
    assert result.exit_code == 1, result.output  # the examples hold flawed questions on purpose
    return result.stdout_bytes, _cache_bytes(cache)


def _subprocess(workdir: Path, cache: Path, seed: str) -> tuple[bytes, dict[str, bytes]]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "askwell", *_args(cache)], cwd=workdir, env=env,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 1, done.stderr.decode(errors="replace")
    return done.stdout, _cache_bytes(cache)


def test_two_runs_in_one_process_give_the_same_output_and_cache(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = workdir / "cache"
    first_out, first_cache = _in_process(workdir, cache, monkeypatch)
    second_out, second_cache = _in_process(workdir, cache, monkeypatch)
    assert first_out and first_out == second_out
    assert all(first_cache.values()), "an empty cache file"
    assert second_cache == first_cache


def test_processes_with_different_hash_seeds_agree_byte_for_byte(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = {seed: _subprocess(workdir, workdir / f"cache-{seed}", seed) for seed in ("1", "2")}
    # A second process on the first cache, served from it, with a third seed.
    runs["again"] = _subprocess(workdir, workdir / "cache-1", "3")
    runs["in-process"] = _in_process(workdir, workdir / "cache-here", monkeypatch)
    outputs = {name: out for name, (out, _) in runs.items()}
    caches = {name: files for name, (_, files) in runs.items()}
    assert len(set(outputs.values())) == 1, f"outputs differ: {sorted(outputs)}"
    for name, files in caches.items():
        assert files == caches["1"], f"the cache of run {name!r} differs from the first process's"
