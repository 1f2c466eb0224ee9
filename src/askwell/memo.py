"""A bounded memo table for values looked up many at a time (syllables of words, strings of hashes)."""

from __future__ import annotations

from typing import Callable, Generic, Iterator, TypeVar

K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")


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
