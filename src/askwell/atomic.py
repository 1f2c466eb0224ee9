"""Atomic file writes: a temporary file beside the target, then a rename.

A reader (or an interrupted run) sees either the old file or the new one,
never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from askwell.errors import AskwellError


def _mode(path: Path) -> int:
    """The permissions a plain ``open(path, "w")`` would give: the file's own if it exists, else 0666 less the umask.

    mkstemp creates its file 0600, which would leave a report unreadable to the rest of a team.
    """
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; OS failures become a one-line user error.

    Lone surrogates (file names that are not UTF-8) are written as the bytes they
    stand for, as on standard output.
    """
    write_atomic_bytes(path, text.encode("utf-8", "surrogateescape"))


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, keeping the file's mode; OS failures become a one-line user error."""
    folder = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        if hasattr(os, "fchmod"):  # POSIX; Windows has no modes to give
            os.fchmod(fd, _mode(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise AskwellError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
