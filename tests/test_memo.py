"""askwell.memo: per_options builds once per options dict."""

from __future__ import annotations

from askwell.memo import per_options


def test_per_options_builds_once_per_options_dict() -> None:
    calls: list[object] = []

    def build(options: dict) -> frozenset:  # type: ignore[type-arg]
        calls.append(options)
        return frozenset(options["words"])

    first, second = {"words": ["a", "b"]}, {"words": ["c"]}
    assert per_options(first, build) == {"a", "b"}
    assert per_options(first, build) == {"a", "b"}
    assert per_options(second, build) == {"c"}  # another rule's (or config's) options: built anew
    assert calls == [first, second]

