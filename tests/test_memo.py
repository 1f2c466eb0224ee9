"""askwell.memo.MemoTable: each key computed once, values combined in key order, emptied past its limit."""

from __future__ import annotations

from askwell.memo import MemoTable


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
