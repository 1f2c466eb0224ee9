"""Hostile files, generated at test time, each linted by the real CLI.

Every case is a folder holding one hostile input next to ``good.txt``, whose
finding must still be reported.  A run must end in bounded time, never show a
traceback, and give exactly one error line naming the hostile file (with line
and column where they are known), or none when the input is in fact valid.

Each case runs the CLI in-process (``CliRunner``, sharing the session's loaded
model so that a case costs its own work, not a model load) in a thread with a
time bound.  Real ``python -m askwell`` processes, killed after ``TIMEOUT``, then
lint every case folder at once, the 50 MB file alone (for its peak memory), and
a non-UTF-8 file name on a strict UTF-8 stdout.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest
from click.testing import CliRunner, Result

from askwell import sources
from askwell.cli import main
from askwell.nlp import Pipeline

GOOD = "Don't you agree the workshop was great?\n"
GOOD_FINDING = "good.txt:1:1: error agreement-seeking"
MB = 1024 * 1024
TIMEOUT = 90  # seconds: a kill, not an expectation
BOUND = 30  # seconds: what any one run may take, model load included
SENTINEL = "constructed.txt"


@dataclass(frozen=True)
class Case:
    """One hostile input: how to make it, and what askwell must say about it.

    ``error`` is the start of the one error line expected (``path[:line[:col]]``)
    and ``message`` a part of its message; no error means the input is valid.
    """

    make: Callable[[Path], None]
    code: int
    error: str | None = None
    message: str | None = None
    extra: tuple[str, ...] = ()  # further lines that must appear in the output
    stdin: bytes | None = None
    args: tuple[str, ...] = ()  # after "check --no-cache ."


def _write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return make


def _all(*makers: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        for m in makers:
            m(folder)
    return make


def _big(folder: Path) -> None:
    line = b"Is this survey too long to read?\n"
    with (folder / "big.txt").open("wb") as fh:
        fh.write(line * (50 * MB // len(line) + 1))


def _symlink_loops(folder: Path) -> None:
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "up")  # a directory loop: never followed
    os.symlink(".", folder / "here")


def _qsf(*elements: object) -> str:
    return json.dumps({"SurveyEntry": {"SurveyName": "S"}, "SurveyElements": list(elements)})


def _bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    lines.append("questions: *i")
    return "\n".join(lines) + "\n"


BLANK_NAMES = ("blank.txt", "blank.md", "blank.yaml", "blank.csv", "blank.json", "blank.qsf")

CASES: dict[str, Case] = {
    "binary named .txt": Case(_write("data.txt", bytes(range(256)) * 64), 2, "data.txt", "binary file"),
    "binary named .md": Case(_write("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
                             2, "image.md", "binary file"),
    "invalid UTF-8": Case(_write("bad.txt", b"Is it fine?\nWas it \xff ok?\n"), 2, "bad.txt:2:8",
                          "not valid UTF-8 (byte 0xff)"),
    "UTF-16 LE with BOM": Case(_write("u16.txt", codecs.BOM_UTF16_LE + "Don't you agree the food was great?\n"
                                      .encode("utf-16-le")), 1, extra=("u16.txt:1:1: error agreement-seeking",)),
    "UTF-16 BE with BOM": Case(_write("u16.md", codecs.BOM_UTF16_BE + "# Über\n\nDon't you agree the food was great?\n"
                                      .encode("utf-16-be")), 1, extra=("u16.md:3:1: error agreement-seeking",)),
    "UTF-16 without BOM": Case(_write("u16.txt", "Was the pace right?\nWas it useful?\n".encode("utf-16-le")), 2,
                               "u16.txt", "UTF-16 without a byte-order mark"),
    "50 MB file": Case(_big, 2, "big.txt", "file is larger than 20 MB; not read"),
    "YAML alias bomb": Case(_write("bomb.yaml", _bomb()), 2, "bomb.yaml:6:12",
                            "invalid YAML: aliases expand the document to more than 100,000 nodes; "
                            "a survey needs far fewer"),
    "YAML python tag": Case(_write("evil.yaml", "questions:\n  - !!python/object/apply:os.system "
                                   f"[\"echo pwned > {SENTINEL}\"]\n"), 2, "evil.yaml:2:37",
                            "questions[0]: expected a mapping, got a list"),
    "JSON nested 100k deep": Case(_write("deep.json", "[" * 100_000 + "]" * 100_000), 2, "deep.json",
                                  "invalid JSON: nested too deeply"),
    "JSON object nested 100k deep": Case(_write("deep.json", '{"pages": ' + '{"a": ' * 100_000 + "1"
                                                + "}" * 100_001), 2, "deep.json", "nested too deeply"),
    "QSF nested 100k deep": Case(_write("deep.qsf", '{"SurveyElements": ' + "[" * 100_000 + "]" * 100_000 + "}"),
                                 2, "deep.qsf", "invalid JSON: nested too deeply"),
    "JSON lone surrogate escape": Case(_write("s.json", '{"elements": [{"type": "text", "name": "a",\n'
                                              '  "title": "Was \\ud83d\\ude00 it \\ud800 ok?"}]}'), 2, "s.json:2:33",
                                      "invalid JSON: lone surrogate escape"),
    "QSF lone surrogate escape": Case(_write("s.qsf", '{"SurveyElements": [{"Element": "SQ", "Payload":\n'
                                             '  {"QuestionType": "TE", "QuestionText": "Was it \\uDC00 ok?"}}]}'),
                                      2, "s.qsf:2:50", "invalid JSON: lone surrogate escape"),
    "JSON number of 5000 digits": Case(_write("n.json", '{"elements": [], "x": ' + "9" * 5000 + "}"), 2, "n.json",
                                       "invalid JSON: Exceeds the limit (4300 digits) for integer string conversion"),
    "QSF with missing keys": Case(_write("s.qsf", _qsf({"Element": "SQ"}, {"Element": "SQ", "Payload": {}},
                                                       {"Element": "BL"})),
                                  2, "s.qsf", "no usable question: SurveyElements[0]: no 'Payload' (and 1 more)"),
    "QSF without SurveyElements": Case(_write("s.qsf", '{"SurveyEntry": {}}'), 2, "s.qsf",
                                       "not a Qualtrics survey export: no 'SurveyElements'"),
    "QSF with 1 MB of unclosed HTML comments": Case(_write("c.qsf", _qsf({"Element": "SQ", "Payload": {
        "QuestionType": "TE", "QuestionText": "<!--" * (MB // 4) + "Why?"}})), 2, "c.qsf:1:126",
        "question is 1048580 characters long"),
    "QSF with 1 MB of unclosed tags and piped text": Case(_write("t.qsf", _qsf({"Element": "SQ", "Payload": {
        "QuestionType": "TE", "QuestionText": "<a${" * (MB // 4) + "Why?"}})), 2, "t.qsf:1:126",
        "question is 1048580 characters long"),
    "XLSForm CSV label with 1 MB of '${'": Case(_write("form.csv", 'type,name,label\ntext,q1,"' + "${" * (MB // 2)
                                                       + 'Why?"\n'), 2, "form.csv:2:10",
                                                "question is 1048580 characters long"),
    "CSV with a broken quote": Case(_write("q.csv", 'question,id\n"Was it good?,q1\nIs it ok?,q2\n'), 2,
                                    "q.csv:2:1", "broken CSV: unterminated quoted field"),
    "symlink loop to a folder": Case(_symlink_loops, 1),
    "symlink to itself": Case(lambda d: os.symlink("self.txt", d / "self.txt"), 2, "self.txt",
                              "cannot read: Too many levels of symbolic links"),
    "dangling symlink": Case(lambda d: os.symlink("gone.txt", d / "link.txt"), 2, "link.txt",
                             "cannot read: No such file or directory"),
    "FIFO named .txt": Case(lambda d: os.mkfifo(d / "pipe.txt"), 2, "pipe.txt",
                            "not a regular file (a pipe, socket or device); not read"),
    "link to /dev/zero named .md": Case(lambda d: os.symlink("/dev/zero", d / "zero.md"), 2, "zero.md",
                                        "not a regular file (a pipe, socket or device); not read"),
    "directory named survey.yaml": Case(_write("survey.yaml/inner.txt", "Don't you agree the room was nice?\n"), 1,
                                        extra=("survey.yaml/inner.txt:1:1: error agreement-seeking",)),
    "empty files": Case(_all(*(_write(n, b"") for n in BLANK_NAMES)), 1),
    "whitespace and BOM only": Case(_all(*(_write(n, codecs.BOM_UTF8 + b" \n\t \r\n\x0c\n  ") for n in BLANK_NAMES)),
                                    1),
    "1 MB line": Case(_write("long.txt", "word " * (MB // 5) + "?\n"), 2, "long.txt:1:1",
                      "question is 1048576 characters long; askwell reads questions of up to 10000"),
    "1 MB word in Markdown": Case(_write("long.md", "Intro.\n\n" + "x" * MB + "?\n"), 2, "long.md:3:1",
                                  "question is 1048577 characters long"),
    "1 MB base64 image in Markdown": Case(_write("img.md", "![logo](data:image/png;base64," + "QUJD" * (MB // 4)
                                                 + ")\n\nDon't you agree the logo was great?\n"), 1,
                                          extra=("img.md:3:1: error agreement-seeking",)),
    "control characters": Case(_write("ctl.txt", "Do you \x07agree\x1b[31m it\x0c was\x7f good?\n\x08\x0b\n"), 1),
    "control character in YAML": Case(_write("ctl.yaml", "questions:\n  - Was it \x07 ok?\n"), 2, "ctl.yaml:2:12",
                                      "unacceptable character #x0007"),
    "NUL in the middle of UTF-8 text": Case(_write("nul.txt", "Is it good?\n" * 1000 + "Was \x00 it ok?\n"), 2,
                                            "nul.txt:1001:5", "NUL byte in text"),
    "NUL in UTF-16 text": Case(_write("nul.md", "Was \x00 it ok?".encode("utf-16")), 2, "nul.md:1:5",
                               "NUL character in text"),
    "mixed line endings": Case(_write("mix.txt", b"Is it good?\r\nWas it ok?\rDon't you agree it was fine?\n\r\n"), 1,
                               extra=("mix.txt:3:1: error agreement-seeking",)),
    "file name that is not UTF-8": Case(lambda d: (d / os.fsdecode(b"caf\xe9.txt")).write_text(GOOD), 1,
                                        extra=(os.fsdecode(b"caf\xe9.txt") + ":1:1: error agreement-seeking",)),
    "stdin not UTF-8": Case(lambda d: None, 2, "-:1:8", "not valid UTF-8 (byte 0xff)",
                            stdin=b"Was it \xff ok?\n", args=("-",)),
    "stdin UTF-16 with BOM as Markdown": Case(lambda d: None, 1, extra=("q.md:1:1: error agreement-seeking",),
                                              stdin="Don't you agree it was fun?\n".encode("utf-16"),
                                              args=("--stdin-filename", "q.md", "-")),
    "--text not UTF-8": Case(lambda d: None, 2, "<text>:1:5", "not valid UTF-8 (byte 0xff)",
                             args=("--text", os.fsdecode(b"Was \xff it?"))),  # as argv bytes arrive
}

if os.geteuid() != 0:  # root reads a chmod 000 file anyway; test_unreadable_file_simulated covers root
    def _unreadable(folder: Path) -> None:
        path = folder / "secret.txt"
        path.write_text("Was it good?\n")
        path.chmod(0)

    CASES["unreadable file"] = Case(_unreadable, 2, "secret.txt", "cannot read: Permission denied")


def _prepare(root: Path, name: str, case: Case) -> Path:
    folder = root / f"case{list(CASES).index(name)}"
    folder.mkdir()
    (folder / ".askwell.yaml").write_text("")  # the defaults, whatever lies above tmp
    (folder / "good.txt").write_text(GOOD)
    case.make(folder)
    return folder


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    root = tmp_path_factory.mktemp("hostile")
    made = {name: _prepare(root, name, case) for name, case in CASES.items()}
    yield made
    (made["50 MB file"] / "big.txt").unlink()  # pytest keeps recent tmp folders: not 50 MB of them


def _error_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if " error input " in line]


def invoke(args: list[str], stdin: bytes | None = None) -> tuple[Result, float]:
    """The CLI in-process, in a thread so that a hang fails the test instead of stalling the run."""
    done: list[Result] = []
    start = time.monotonic()
    worker = threading.Thread(target=lambda: done.append(CliRunner().invoke(main, args, input=stdin)), daemon=True)
    worker.start()
    worker.join(BOUND)
    if worker.is_alive():
        pytest.fail(f"askwell {' '.join(args)} still running after {BOUND}s")
    return done[0], time.monotonic() - start


@pytest.fixture()
def shared_model(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI builds its own Pipeline: give it the session's, already loaded."""
    monkeypatch.setattr("askwell.nlp.Pipeline", lambda *args, **kwargs: pipeline)


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input(name: str, folders: dict[str, Path], shared_model: None,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    monkeypatch.chdir(folders[name])
    result, seconds = invoke(["check", "--no-cache", ".", *case.args], case.stdin)
    # As the bytes were written: a file name that is not UTF-8 goes out as its own bytes.
    out, err = result.stdout_bytes.decode("utf-8", "surrogateescape"), result.stderr
    shown = f"exit {result.exit_code} in {seconds:.1f}s\n--- stdout\n{out[-3000:]}\n--- stderr\n{err[-3000:]}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (shown, result.exc_info)
    assert "Traceback" not in out + err, shown
    assert err == "", shown
    assert result.exit_code == case.code, shown
    errors = _error_lines(out)
    if case.error is None:
        assert errors == [], shown
    else:
        assert len(errors) == 1, shown
        assert errors[0].startswith(f"{case.error}: error input "), shown
        assert case.message in errors[0], shown
        assert "1 file could not be read." in out, shown
    assert GOOD_FINDING in out, shown
    for line in case.extra:
        assert line in out, shown
    assert not (folders[name] / SENTINEL).exists(), "a YAML tag constructed a Python object"


# -- real processes ---------------------------------------------------------------------


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    seconds: float
    max_rss_kb: int


def run_cli(cwd: Path, args: list[str]) -> Outcome:
    """``python -m askwell check --no-cache ARGS``: exit code, output, time and the child's peak memory.

    stdout is strict UTF-8, the least forgiving encoding a terminal or pipe has.
    """
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    cmd = [sys.executable, "-m", "askwell", "check", "--no-cache", *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)
        killer = threading.Timer(TIMEOUT, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)  # wait4: this child's own peak memory
        finally:
            killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Outcome(proc.returncode, out.read().decode("utf-8", "surrogateescape"),
                       err.read().decode("utf-8", "surrogateescape"), seconds, usage.ru_maxrss)


def _file_cases() -> dict[str, Case]:
    return {name: case for name, case in CASES.items() if not case.args}


@pytest.fixture(scope="module")
def processes(folders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Three real runs, side by side: every case folder at once, the 50 MB file alone, the good file alone."""
    root = next(iter(folders.values())).parent
    big = folders["50 MB file"]
    alone = tmp_path_factory.mktemp("alone")
    (alone / ".askwell.yaml").write_text("")
    (alone / "good.txt").write_text(GOOD)
    runs = {
        "all": (root, sorted(folders[n].name for n in _file_cases())),
        "big": (big, ["big.txt", "good.txt"]),
        "alone": (alone, ["good.txt"]),
    }
    with ThreadPoolExecutor(max_workers=len(runs)) as pool:
        futures = {k: pool.submit(run_cli, cwd, args) for k, (cwd, args) in runs.items()}
        return {k: f.result() for k, f in futures.items()}


def test_every_hostile_file_in_one_real_run(processes: dict[str, Outcome], folders: dict[str, Path]) -> None:
    got = processes["all"]
    shown = f"exit {got.code} in {got.seconds:.1f}s\n--- stdout\n{got.out[-5000:]}\n--- stderr\n{got.err[-3000:]}"
    assert "Traceback" not in got.out + got.err, shown
    assert got.err == "", shown
    assert got.seconds < BOUND, shown
    assert got.code == 2, shown
    expected = []
    for name, case in _file_cases().items():
        folder = folders[name].name
        assert f"{folder}/{GOOD_FINDING}" in got.out, (name, shown)
        for line in case.extra:
            assert f"{folder}/{line}" in got.out, (name, shown)
        if case.error is not None:
            expected.append((f"{folder}/{case.error}: error input ", case.message))
    errors = _error_lines(got.out)
    assert len(errors) == len(expected), shown
    for prefix, message in expected:
        assert [e for e in errors if e.startswith(prefix) and message in e], (prefix, shown)
    assert os.fsdecode(b"caf\xe9.txt") in got.out  # a non-UTF-8 name, written as its bytes on strict UTF-8
    assert not any((f / SENTINEL).exists() for f in folders.values())


def test_big_file_is_refused_quickly_without_reading_it(processes: dict[str, Outcome]) -> None:
    big, alone = processes["big"], processes["alone"]
    assert big.code == 2 and "Traceback" not in big.out + big.err, big
    assert _error_lines(big.out) == ["big.txt: error input file is larger than 20 MB; not read"]
    assert GOOD_FINDING in big.out
    assert big.seconds < BOUND
    # Reading the 50 MB (let alone decoding it) would add at least that much to the peak.
    assert big.max_rss_kb - alone.max_rss_kb < 20 * 1024, (big.max_rss_kb, alone.max_rss_kb)


def test_big_file_load_reads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:  # sparse: 50 MB by its size, nothing on disk
        fh.truncate(50 * MB)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self}"))
    start = time.monotonic()
    loaded = sources.load(path)
    assert time.monotonic() - start < 5  # a stat, not a read: a hang guard, not a speed test
    assert loaded.error is not None and loaded.error.message == "file is larger than 20 MB; not read"
    assert sources.MAX_BYTES == 20 * MB


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    body = b"Why?\n"
    path.write_bytes(body + b" " * (sources.MAX_BYTES - len(body)))
    loaded = sources.load(path)
    assert loaded.error is None and [q.text for q in loaded.questions] == ["Why?"]


def test_lone_surrogate_escape_in_yaml_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml refuses "\\ud800" itself; PyYAML's own scanner makes half a character of it."""
    from askwell.errors import InputError
    from askwell.sources import survey_yaml

    monkeypatch.setattr(survey_yaml, "_C_LOADER", None)
    with pytest.raises(InputError) as info:
        survey_yaml.extract('questions:\n  - text: "Was \\ud800 it?"\n', "s.yaml")
    assert str(info.value) == "s.yaml:2:11: questions[0].text: holds a lone surrogate escape (half of a character)"


def test_directory_named_like_a_file_is_a_clear_error_when_loaded(tmp_path: Path) -> None:
    folder = tmp_path / "survey.yaml"
    folder.mkdir()
    loaded = sources.load(folder)
    assert loaded.error is not None
    assert loaded.error.message == "is a directory whose name looks like a file; nothing to read"


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_model: None) -> None:
    """chmod 000 stops no read by root, so the refusal is simulated where the file is read."""
    (tmp_path / ".askwell.yaml").write_text("")
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "secret.txt").write_text("Was it good?\n")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.chdir(tmp_path)
    result, _ = invoke(["check", "--no-cache", "."])
    assert result.exit_code == 2, result.output
    assert _error_lines(result.stdout) == ["secret.txt: error input cannot read: Permission denied"], result.output
    assert GOOD_FINDING in result.stdout
    assert "Traceback" not in result.output and result.stderr == ""
