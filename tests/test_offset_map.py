"""OffsetMap.of_indices: the one map builder the YAML, CSV and JSON sources share."""

from askwell.model import OffsetMap, Segment

TEXT = "ab\ncdef\n  ghi"
LINES = OffsetMap.of_lines(TEXT)


def test_a_run_of_indices_is_one_segment() -> None:
    offsets = OffsetMap.of_indices([3, 4, 5], TEXT, LINES, 0)
    assert offsets.segments == (Segment(0, 2, 1),)
    assert offsets.position(2) == (2, 3)


def test_a_jump_starts_a_segment() -> None:
    # "c" then "ef": the skipped "d" stands for an escape or a doubled quote
    offsets = OffsetMap.of_indices([3, 5, 6], TEXT, LINES, 0)
    assert offsets.segments == (Segment(0, 2, 1), Segment(1, 2, 3))


def test_a_line_break_starts_a_segment_even_when_the_indices_run_on() -> None:
    offsets = OffsetMap.of_indices([1, 2, 3], TEXT, LINES, 0)
    assert offsets.segments == (Segment(0, 1, 2), Segment(2, 2, 1))


def test_characters_without_a_place_follow_the_one_before() -> None:
    offsets = OffsetMap.of_indices([6, None, 10], TEXT, LINES, 0)
    assert offsets.segments == (Segment(0, 2, 4), Segment(2, 3, 3))
    assert offsets.position(1) == (2, 5)


def test_leading_characters_without_a_place_count_back_from_the_first_placed() -> None:
    offsets = OffsetMap.of_indices([None, 10, 11], TEXT, LINES, 0)
    assert offsets.segments == (Segment(0, 3, 2),)
    assert offsets.position(1) == (3, 3)
    # never before the line's first column
    assert OffsetMap.of_indices([None, None, 8], TEXT, LINES, 0).segments == (Segment(0, 3, 1),)


def test_no_index_at_all_puts_the_text_at_the_fallback() -> None:
    assert OffsetMap.of_indices([], TEXT, LINES, 4).segments == (Segment(0, 2, 2),)
    assert OffsetMap.of_indices([None], TEXT, LINES, 4).segments == (Segment(0, 2, 2),)
