"""Values built once from a rule's options rather than once per question."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

T = TypeVar("T")


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
