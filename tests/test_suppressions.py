"""Suppressions: line, next-line, block and file forms in Markdown, text and YAML; unused ones reported."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from askwell.cli import main


def lint(tmp_path: Path, name: str, content: str) -> dict:  # type: ignore[type-arg]
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(tmp_path / name)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def rules_of(data: dict) -> list[tuple[int, str]]:  # type: ignore[type-arg]
    return [(f["line"], f["rule"]) for q in data["questions"] for f in q["findings"]]


def test_markdown_next_line_block_and_file_forms(tmp_path: Path) -> None:
    data = lint(tmp_path, "d.md", "\n".join([
        "<!-- askwell-disable-next-line closed-question -->",
        "Any questions?",                                   # 2: suppressed
        "",
        "Any comments?",                                    # 4: reported
        "",
        "<!-- askwell-disable closed -->",
        "Any ideas?",                                       # 7: suppressed by category
        "",
        "Any thoughts?",                                    # 9: suppressed
        "<!-- askwell-enable -->",
        "",
        "Any feedback?",                                    # 12: reported
        "",
    ]))
    assert rules_of(data) == [(4, "closed-question"), (12, "closed-question")]


def test_markdown_file_form_without_enable(tmp_path: Path) -> None:
    data = lint(tmp_path, "d.md", "<!-- askwell-disable -->\n\nAny questions?\n\nDon't you agree it was great?\n")
    assert rules_of(data) == []


def test_text_trailing_and_standalone_forms(tmp_path: Path) -> None:
    data = lint(tmp_path, "d.txt", "\n".join([
        "Any questions?  # askwell: ignore[closed-question]",
        "# askwell: ignore[closed-question]",
        "Any comments?",
        "Any ideas?",
        "",
    ]))
    assert rules_of(data) == [(4, "closed-question")]
    assert data["questions"][0]["text"] == "Any questions?"  # the comment is not part of the item


def test_unused_and_unknown_suppressions_are_reported(tmp_path: Path) -> None:
    data = lint(tmp_path, "d.txt", "\n".join([
        "How would you rate the pace of the workshop?  # askwell: ignore[closed-question]",
        "Any questions?  # askwell: ignore[closed-questoin]",
        "",
    ]))
    found = [(f["line"], f["column"], f["rule"], f["message"]) for q in data["questions"] for f in q["findings"]]
    assert (1, 47, "unused-suppression", "unused suppression of 'closed-question': nothing here triggers it") in found
    assert any(r == "unused-suppression" and "unknown rule" in m and "closed-questoin" in m for _, _, r, m in found)
    assert any(r == "closed-question" for _, _, r, _ in found)  # the typo did not suppress it


def test_yaml_comment_and_ignore_list(tmp_path: Path) -> None:
    data = lint(tmp_path, "s.yaml", "\n".join([
        "title: Feedback",
        "questions:",
        "  - id: a",
        "    text: Any questions?  # askwell: ignore[closed-question]",
        "  - id: b",
        "    text: Any comments?",
        "    ignore: [closed-question]",
        "  - id: c",
        "    text: Any ideas?",
        "",
    ]))
    assert [r for _, r in rules_of(data)] == ["closed-question"]
    assert rules_of(data)[0][0] == 9
