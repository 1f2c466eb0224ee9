"""askwell.memo: MemoTable computes each key once, combines values in key order and empties past its limit;
per_options builds once per options dict."""

from __future__ import annotations

from askwell.memo import MemoTable, per_options


def test_over_computes_a_key_once_and_keeps_order() -> None:
    calls: list[str] = []
    table: MemoTable[str, int] = MemoTable(limit=100)

    def compute(word: str) -> int:
        calls.append(word)
        return len(word)

    assert table.over(["ab", "c", "ab"], compute, list) == [2, 1, 2]
    assert table.over(["c", "def"], compute, sum) == 4
    assert sorted(calls) == ["ab", "c", "def"]


def test_table_is_emptied_when_it_grows_past_its_limit() -> None:
    table: MemoTable[int, int] = MemoTable(limit=3)
    table.over([1, 2, 3, 4], lambda k: k * 10, list)
    assert len(table) == 4  # filled in one call; the limit is checked before the next fill
    assert table.over([5], lambda k: k * 10, frozenset) == {50}
    assert len(table) == 1


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

