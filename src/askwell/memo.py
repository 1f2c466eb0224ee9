"""Memos that outlive one question: a bounded table for values looked up many at a time
(syllables of words, strings of hashes), and values built once from a rule's options."""

from __future__ import annotations

from typing import Any, Callable, Generic, Iterator, TypeVar

K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")
T = TypeVar("T")


class MemoTable(Generic[K, V]):
    """Values computed once per key and kept until the table grows past ``limit`` (then emptied).

    ``over`` looks a whole list of keys up in one C-level ``map``: the common case, every
    key known already, costs no Python call per key.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: dict[K, V] = {}

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        self._values.clear()

    def over(self, keys: list[K], compute: Callable[[K], V], combine: Callable[[Iterator[V]], R]) -> R:
        """``combine`` of the values of ``keys`` in order (``sum``, ``frozenset``, ``list``);
        ``compute(key)`` for keys not met before.  ``combine`` must not keep a partial result:
        it is called again when a key was missing."""
        values = self._values
        try:
            return combine(map(values.__getitem__, keys))
        except KeyError:
            if len(values) > self.limit:
                values.clear()
            for key in set(keys).difference(values):
                values[key] = compute(key)
            return combine(map(values.__getitem__, keys))


# Values built from a rule's options, by (id of the options dict, builder).  The entry keeps
# the dict itself, so its id cannot pass to another dict while the entry lives.
_FROM_OPTIONS: dict[tuple[int, Callable[..., Any]], tuple[dict[str, Any], Any]] = {}


def per_options(options: dict[str, Any], build: Callable[[dict[str, Any]], T]) -> T:
    """``build(options)``, worked out once per rule's options rather than once per question.

    A rule's options do not change during a run; the word sets and patterns rules make
    from them cost more than most of the rules' gates.
    """
    key = (id(options), build)
    entry = _FROM_OPTIONS.get(key)
    if entry is None or entry[0] is not options:
        if len(_FROM_OPTIONS) > 1024:  # many configs in one process (tests): start again
            _FROM_OPTIONS.clear()
        entry = _FROM_OPTIONS[key] = (options, build(options))
    return entry[1]  # type: ignore[no-any-return]
