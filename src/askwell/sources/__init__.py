"""Sources: one extractor per input format, each turning a file into ``Question`` objects.

Extractors are looked up by file suffix and imported only when a file of that
kind is read, so ``askwell check notes.md`` never imports a spreadsheet reader.
Each module exposes ``extract(text, path) -> list[Question]``; a module with
``BINARY = True`` takes the raw bytes instead.  It raises ``InputError`` when the
file cannot be read, ``InputErrors`` (every problem, plus the questions still
worth linting) when only parts of it are broken, and ``NotASurvey`` for a file
of a survey suffix that holds something else.
"""

from __future__ import annotations

import fnmatch
import importlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import MutableMapping, Protocol

from askwell.errors import InputError, InputErrors, NotASurvey
from askwell.model import FileError, Question
from askwell.sources import suppressions
from askwell.sources.reading import decode

# suffix -> module in askwell.sources
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".yaml": "survey_yaml",
    ".yml": "survey_yaml",
    ".csv": "csv_table",
    ".xlsx": "xlsform",
    ".json": "json_survey",
    ".qsf": "qualtrics",
}

# Extractors that read more than the file itself (a CSV survey looks for a sibling
# choices.csv): their questions cannot be recalled by the file's bytes alone.
READS_SIBLINGS = frozenset({".csv"})

# Larger inputs are refused rather than read: no survey is this big, and reading
# one would cost memory the user did not expect to spend.
MAX_BYTES = 20 * 1024 * 1024

# Longer "questions" are refused: no question is this long, and the NLP stage's
# time and memory grow with the length of each text (spaCy itself stops at 1e6).
MAX_QUESTION_CHARS = 10_000


@dataclass(frozen=True)
class Loaded:
    """What reading one file gave: questions, errors (a file may have both), or a note that it was skipped."""

    path: str
    questions: tuple[Question, ...] = ()
    errors: tuple[FileError, ...] = ()
    note: str | None = None

    @property
    def error(self) -> FileError | None:
        """The first error, if any."""
        return self.errors[0] if self.errors else None


def supported(path: Path) -> bool:
    """True when askwell knows how to read files with this suffix."""
    return path.suffix.lower() in FORMATS


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    parts = rel.split("/")
    for pattern in patterns:
        pat = pattern.rstrip("/")
        if fnmatch.fnmatch(rel, pat) or any(fnmatch.fnmatch(p, pat) for p in parts):
            return True
        if pat.endswith("/**") and (rel + "/").startswith(pat[:-2]):
            return True
    return False


def discover(paths: list[str], exclude: tuple[str, ...] = ()) -> tuple[list[Path], list[FileError]]:
    """Expand the paths given on the command line into files to lint, in a stable order.

    Directories are walked recursively, skipping hidden entries and ``exclude``
    globs (matched against the path relative to the directory given, or any one
    part of it).  Files named explicitly are always read.  Symlinked directories
    are not followed, so a link loop cannot trap the walk.
    """
    files: list[Path] = []
    errors: list[FileError] = []
    seen: set[str] = set()
    for given in paths:
        root = Path(given)
        if root.is_dir():
            found: list[Path] = []
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                base = Path(dirpath)
                keep = []
                for d in sorted(dirnames):
                    rel = (base / d).relative_to(root).as_posix()
                    if d.startswith(".") or _excluded(rel, exclude):
                        continue
                    keep.append(d)
                dirnames[:] = keep
                for name in sorted(filenames):
                    candidate = base / name
                    rel = candidate.relative_to(root).as_posix()
                    if name.startswith(".") or not supported(candidate) or _excluded(rel, exclude):
                        continue
                    found.append(candidate)
            for f in sorted(found, key=lambda p: p.as_posix()):
                key = os.path.normpath(str(f))
                if key not in seen:
                    seen.add(key)
                    files.append(f)
        elif root.exists() or root.is_symlink():
            key = os.path.normpath(str(root))
            if key not in seen:
                seen.add(key)
                files.append(root)
        else:
            errors.append(FileError(given, "no such file or directory"))
    return files, errors


def extract(data: bytes, path: str, suffix: str) -> list[Question]:
    """Run the extractor for ``suffix`` on ``data``; raises InputError or NotASurvey."""
    name = FORMATS.get(suffix.lower())
    if name is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(path, f"unsupported file type {suffix or '(none)'!r}; askwell reads {known}")
    module = importlib.import_module(f"askwell.sources.{name}")
    if getattr(module, "BINARY", False):
        try:
            return _bounded(module.extract(data, path), path)
        except InputErrors as partial:
            partial.questions = _bounded(partial.questions, path)
            raise
    text = decode(data, path)
    if not text.replace("\ufeff", "").strip():
        return []  # an empty file holds no questions, whatever its format
    try:
        return _bounded(suppressions.attach(module.extract(text, path), suppressions.scan(text, suffix)), path)
    except InputErrors as partial:
        # Part of the file broke its format: the rest is still linted, with its suppressions.
        partial.questions = _bounded(suppressions.attach(partial.questions, suppressions.scan(text, suffix)), path)
        raise


def _bounded(questions: list[Question], path: str) -> list[Question]:
    """``questions``, unless one is too long to lint: then an InputError at its place."""
    for q in questions:
        if len(q.text) > MAX_QUESTION_CHARS:
            raise InputError(path, f"question is {len(q.text)} characters long; askwell reads questions of "
                             f"up to {MAX_QUESTION_CHARS}", q.line, q.column)
    return questions


def _file_error(path: str, exc: InputError) -> FileError:
    return FileError(path, exc.detail, exc.line, exc.column)


def _partial(path: str, exc: InputErrors) -> Loaded:
    """A file with problems in some parts: every problem, and the questions read around them."""
    return Loaded(path, tuple(exc.questions), tuple(_file_error(path, p) for p in exc.problems))


def load_bytes(data: bytes, path: str, suffix: str) -> Loaded:
    """Extract questions from bytes already read (stdin with ``--stdin-filename``)."""
    try:
        return Loaded(path, tuple(extract(data, path, suffix)))
    except InputErrors as exc:
        return _partial(path, exc)
    except InputError as exc:
        return Loaded(path, errors=(_file_error(path, exc),))
    except NotASurvey as exc:
        return Loaded(path, note=f"{path}: skipped, {exc}")


class Memo(Protocol):
    """Extracted questions kept between runs (the result cache), looked up by name and bytes,
    with the language the detector found for items it had to be asked about (text → code)."""

    languages: MutableMapping[str, str]

    def recall(self, path: str, data: bytes) -> tuple[Question, ...] | None: ...

    def remember(self, path: str, data: bytes, questions: tuple[Question, ...]) -> None: ...


def load(path: Path, display: str | None = None, memo: Memo | None = None) -> Loaded:
    """Read and extract one file; every failure becomes a ``FileError``, never an exception.

    With a ``memo``, a file whose bytes are unchanged since the last run is not parsed again.
    """
    shown = display or path.as_posix()
    try:
        if path.is_dir():
            raise InputError(shown, "is a directory whose name looks like a file; nothing to read")
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block the run, a device (a link to /dev/zero) never end.
            raise InputError(shown, "not a regular file (a pipe, socket or device); not read")
        if info.st_size > MAX_BYTES:
            raise InputError(shown, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; not read")
        data = path.read_bytes()
        if path.suffix.lower() in READS_SIBLINGS:
            memo = None
        known = memo.recall(shown, data) if memo else None
        if known is not None:
            return Loaded(shown, known)
        questions = tuple(extract(data, shown, path.suffix))
        if memo:
            memo.remember(shown, data, questions)
    except InputErrors as exc:
        return _partial(shown, exc)  # not remembered: the next run reports its problems again
    except InputError as exc:
        return Loaded(shown, errors=(_file_error(shown, exc),))
    except NotASurvey as exc:
        return Loaded(shown, note=f"{shown}: skipped, {exc}")
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return Loaded(shown, errors=(FileError(shown, f"cannot read: {reason}"),))
    return Loaded(shown, tuple(questions))


def load_text(text: str, display: str) -> Loaded:
    """Items from stdin or ``--text``: the plain-text format."""
    return load_bytes(as_bytes(text), display, ".txt")


def as_bytes(text: str) -> bytes:
    """``text`` back as the bytes it was read from, so it is decoded (and checked) like a file.

    Undecodable command-line or stdin bytes arrive as lone surrogates; they become
    those bytes again, or UTF-8 that ``decode`` refuses with their position.
    """
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")
