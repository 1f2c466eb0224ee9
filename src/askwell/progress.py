"""A progress line for long runs on a terminal: questions done, total, rate.

Written to stderr with a carriage return, at most ``INTERVAL`` seconds apart and only once a run
has taken ``DELAY`` seconds (short runs never show it); cleared when the run ends. Off outside a
terminal, under ``NO_COLOR`` and in CI, where a line rewritten in place only clutters the log.
"""

from __future__ import annotations

import os
import time
from types import TracebackType
from typing import Callable, TextIO

DELAY = 0.5
INTERVAL = 0.1
WIDTH = 24


class Progress:
    """Counts questions checked; ``update`` is the callback the engine calls after every batch."""

    def __init__(self, total: int, stream: TextIO, enabled: bool = True,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled and total > 0
        self.clock = clock
        self.done = 0
        self.start = clock()
        self.last = float("-inf")
        self.shown = False

    @staticmethod
    def wanted(stream: TextIO) -> bool:
        """On a terminal, and neither NO_COLOR nor CI set."""
        isatty = getattr(stream, "isatty", None)
        return bool(isatty and isatty()) and not os.environ.get("NO_COLOR") and not os.environ.get("CI")

    def line(self) -> str:
        """'askwell [########----------------]  1,234/5,000 questions  410/s'."""
        elapsed = max(self.clock() - self.start, 1e-9)
        done = min(self.done, self.total)
        filled = round(WIDTH * done / self.total) if self.total else WIDTH
        rate = self.done / elapsed
        return (f"askwell [{'#' * filled}{'-' * (WIDTH - filled)}] {done:,}/{self.total:,} questions "
                f"{rate:,.0f}/s")

    def update(self, n: int) -> None:
        """``n`` more questions checked; redraw when enough time has passed."""
        self.done += n
        if not self.enabled:
            return
        now = self.clock()
        if now - self.start < DELAY or now - self.last < INTERVAL:
            return
        self.last = now
        self.shown = True
        self.stream.write("\r" + self.line())
        self.stream.flush()

    def close(self) -> None:
        """Clear the line so the report starts on a clean one."""
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
