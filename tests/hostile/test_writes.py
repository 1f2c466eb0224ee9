"""Writing reports, baselines and the cache: all or nothing, and a failed write is one clear line.

``write_atomic`` writes a temporary file beside the target and renames it: a
failure or an interrupt leaves the previous file as it was and no temporary
file behind.  The cache is an optimisation: when it cannot be written the lint
goes on with the same output and exit code.
"""

from __future__ import annotations

import json
import os
import resource
import signal
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner, Result

from askwell import atomic, cache, sources
from askwell.atomic import write_atomic
from askwell.cli import main
from askwell.config import load
from askwell.errors import AskwellError
from askwell.nlp import Pipeline

GOOD = "Don't you agree the workshop was great?\n"
OLD = "the previous report\n"


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pipeline: Pipeline) -> Path:
    """A project with one finding; the CLI gets the session's loaded model."""
    monkeypatch.setattr("askwell.nlp.Pipeline", lambda *args, **kwargs: pipeline)
    project = tmp_path / "project"
    project.mkdir()
    (project / ".askwell.yaml").write_text("")
    (project / "good.txt").write_text(GOOD)
    monkeypatch.chdir(project)
    return project


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def leftovers(where: Path) -> list[str]:
    return sorted(p.name for p in where.iterdir() if p.name.endswith(".tmp"))


# -- write_atomic -----------------------------------------------------------------------------------------------


def test_failed_rename_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    target.write_text(OLD)

    def refuse(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(AskwellError, match=r"report.json: cannot write: No space left on device"):
        write_atomic(target, "new")
    assert target.read_text() == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_interrupted_write_leaves_the_old_file_and_no_temp_file(where: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.txt"
    target.write_text(OLD)

    def interrupt(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    if where == "write":
        real_fdopen = os.fdopen

        class Interrupted:
            def __init__(self, fh: Any) -> None:
                self.fh = fh

            def __enter__(self) -> "Interrupted":
                return self

            def __exit__(self, *exc: Any) -> None:
                self.fh.close()

            def write(self, text: str) -> None:
                self.fh.write(text[: len(text) // 2])  # half of it reaches the temporary file
                raise KeyboardInterrupt

        monkeypatch.setattr(atomic.os, "fdopen", lambda *a, **k: Interrupted(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(atomic.os, where, interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "the new report, " * 1000)
    assert target.read_text() == OLD
    assert leftovers(tmp_path) == []


@contextmanager
def _no_file_descriptors_left() -> Iterator[None]:
    """Every descriptor below a lowered soft limit taken: the next open fails with EMFILE, root or not."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    held: list[int] = []
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(int(fd) for fd in os.listdir("/proc/self/fd")) + 8, hard))
    try:
        while True:
            try:
                held.append(os.open(os.devnull, os.O_RDONLY))
            except OSError:
                break
        yield
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


# Ways the temporary file cannot be made that hold for root too (CI runs as root, and root
# writes into a read-only folder anyway): a folder on the path that is a file, no descriptors left.
@pytest.mark.parametrize(("how", "reason"), [("a path component is a file", "Not a directory"),
                                              ("no file descriptors left", "Too many open files")])
def test_temp_file_that_cannot_be_made_is_one_error_and_leaves_nothing(tmp_path: Path, how: str, reason: str) -> None:
    blocked = tmp_path / "blocked"
    if how == "a path component is a file":
        blocked.write_text(OLD)
        with pytest.raises(AskwellError, match=f"^{blocked / 'report.txt'}: cannot write: {reason}$"):
            write_atomic(blocked / "report.txt", "x")
        assert blocked.read_text() == OLD
    else:
        blocked.mkdir()
        with _no_file_descriptors_left(), pytest.raises(AskwellError) as raised:
            write_atomic(blocked / "report.txt", "x")
        assert str(raised.value) == f"{blocked / 'report.txt'}: cannot write: {reason}"
        assert list(blocked.iterdir()) == []
    assert leftovers(tmp_path) == []


def test_file_names_that_are_not_utf8_are_written_as_their_bytes(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "path: " + os.fsdecode(b"caf\xe9.txt") + "\n")
    assert target.read_bytes() == b"path: caf\xe9.txt\n"


# -- the CLI -----------------------------------------------------------------------------------------------------


def test_output_into_a_missing_folder_is_one_error_line(folder: Path) -> None:
    result = cli("check", "--no-cache", "--output", "no/such/dir/report.txt", ".")
    assert result.exit_code == 2
    assert result.stderr == "askwell: error: no/such/dir/report.txt: cannot write: No such file or directory\n"
    assert result.stdout == ""
    assert not (folder / "no").exists()


def test_output_onto_a_directory_is_refused(folder: Path) -> None:
    (folder / "out").mkdir()
    result = cli("check", "--no-cache", "--output", "out", ".")
    assert result.exit_code == 2  # click's own usage error
    assert "'out' is a directory" in result.stderr and "Traceback" not in result.output
    with pytest.raises(AskwellError, match=r"^out: cannot write: Is a directory$"):
        write_atomic(Path("out"), "x")  # a folder that appeared after the options were checked
    assert leftovers(folder) == []


def test_baseline_into_a_missing_folder_is_one_error_line(folder: Path) -> None:
    result = cli("check", "--no-cache", "--write-baseline", "missing/baseline.json", ".")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "askwell: error: missing/baseline.json: cannot write: No such file or directory"]


def test_interrupted_output_keeps_the_previous_report(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "report.txt").write_text(OLD)

    def interrupt(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupt)
    result = cli("check", "--no-cache", "--output", "report.txt", ".")
    assert result.exit_code == 130
    assert result.stderr == "askwell: interrupted\n"
    assert (folder / "report.txt").read_text() == OLD
    assert leftovers(folder) == []


@contextmanager
def _unwritable_cache(folder: Path, how: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The cache folder made unwritable in one way, for the run inside the block; every way holds for root too."""
    if how == "folder is a file":
        (folder / cache.DIRNAME).write_text("not a folder")
    elif how == "results is a folder":
        (folder / cache.DIRNAME / "results.json").mkdir(parents=True)
    elif how == "disk full":
        def refuse(*args: Any) -> None:
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(atomic.os, "replace", refuse)
    if how != "file size limit":
        yield
        return
    # Root writes into a read-only folder anyway, so the failure comes from a file size limit:
    # writes past one byte fail with EFBIG once the temporary file exists (SIGXFSZ ignored, so
    # the write returns an error instead of ending the process).
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1, limits[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
        signal.signal(signal.SIGXFSZ, previous)


@pytest.mark.parametrize("how", ["folder is a file", "results is a folder", "disk full", "file size limit"])
def test_cache_that_cannot_be_written_does_not_fail_the_lint(how: str, folder: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    expected = cli("check", "--no-cache", ".")
    assert expected.exit_code == 1 and "agreement-seeking" in expected.stdout
    with _unwritable_cache(folder, how, monkeypatch):
        result = cli("check", "--cache-dir", str(folder), ".")
    assert (result.exit_code, result.stdout, result.stderr) == (expected.exit_code, expected.stdout, "")
    assert leftovers(folder) == []
    if how != "results is a folder":  # the write did fail
        assert not (folder / cache.DIRNAME / "results.json").is_file()
    if (folder / cache.DIRNAME).is_dir():
        assert leftovers(folder / cache.DIRNAME) == []
        # Nothing half-written: whatever cache file exists is a whole one.
        for written in (folder / cache.DIRNAME).glob("*.json"):
            if written.is_file():
                json.loads(written.read_text(encoding="utf-8"))


@pytest.mark.parametrize("content", [b"", b"{", b"\xff\xfe", b'{"format": 1, "fingerprint": null, "entries": []}',
                                     b"[1, 2, 3]", b"null"])
def test_corrupt_cache_is_ignored(content: bytes, folder: Path) -> None:
    expected = cli("check", "--no-cache", ".")
    (folder / cache.DIRNAME).mkdir()
    (folder / cache.DIRNAME / "results.json").write_bytes(content)
    result = cli("check", "--cache-dir", str(folder), ".")
    assert (result.exit_code, result.stdout, result.stderr) == (expected.exit_code, expected.stdout, "")


def test_cache_entries_of_the_wrong_shape_are_ignored(folder: Path) -> None:
    expected = cli("check", "--no-cache", ".")
    fingerprint = cache.fingerprint(load(folder / ".askwell.yaml"))
    key = cache.file_key(sources.load(Path("good.txt")).questions)
    for entries in ({key: "x"}, {key: [[["agreement-seeking", {"start": "a"}]]]}, {key: [[[1, 2, 3]]]},
                    {key: [[["agreement-seeking", {"start": 0, "end": 1, "fix": [1]}]]]}, {key: None}, []):
        (folder / cache.DIRNAME).mkdir(exist_ok=True)
        (folder / cache.DIRNAME / "results.json").write_text(
            json.dumps({"format": cache.FORMAT, "fingerprint": fingerprint, "entries": entries}))
        result = cli("check", "--cache-dir", str(folder), ".")
        assert (result.exit_code, result.stdout, result.stderr) == (expected.exit_code, expected.stdout, ""), entries
