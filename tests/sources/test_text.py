"""Plain-text source and file discovery: positions, comments, hidden and excluded paths, decoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from askwell import sources
from askwell.errors import InputError
from askwell.sources import text
from askwell.sources.reading import decode


def test_each_non_blank_line_is_an_item_with_its_position() -> None:
    qs = text.extract("# heading comment\n\n   Did you like it?\nWhat would you change?\n", "d.txt")
    assert [(q.text, q.line, q.column) for q in qs] == [("Did you like it?", 3, 4), ("What would you change?", 4, 1)]
    assert qs[0].position(4) == (3, 8)


def test_decode_handles_bom_crlf_and_utf16() -> None:
    assert decode(b"\xef\xbb\xbfA?\r\nB?\rC?", "x") == "A?\nB?\nC?"
    assert decode("Über?\n".encode("utf-16"), "x") == "Über?\n"


def test_decode_rejects_binary_and_bad_utf8_with_place() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02", "x")
    with pytest.raises(InputError) as info:
        decode(b"ok\nbad \xff here", "x.txt")
    assert (info.value.line, info.value.column) == (2, 5)


def test_discovery_skips_hidden_excluded_and_unknown(tmp_path: Path) -> None:
    for rel in ["a.md", "b.txt", ".hidden.md", ".git/c.md", "drafts/old/d.md", "drafts/e.md", "notes.docx"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Why?\n")
    found, errors = sources.discover([str(tmp_path)], ("drafts/old/**",))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.md", "b.txt", "drafts/e.md"]
    assert errors == []


def test_explicit_file_is_read_and_missing_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Why?\n")
    found, errors = sources.discover([str(tmp_path / "x.txt"), str(tmp_path / "nope.md")], ())
    assert len(found) == 1 and errors[0].message == "no such file or directory"


def test_load_turns_failures_into_file_errors(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x00\x00")
    (tmp_path / "dir.md").mkdir()
    (tmp_path / "odd.docx").write_text("Why?")
    assert "binary" in sources.load(tmp_path / "bin.txt").error.message
    assert "directory" in sources.load(tmp_path / "dir.md").error.message
    assert "unsupported file type" in sources.load(tmp_path / "odd.docx").error.message


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "q.txt").write_text("Why?\n")
    found, _ = sources.discover([str(tmp_path)], ())
    assert [p.name for p in found] == ["q.txt"]
