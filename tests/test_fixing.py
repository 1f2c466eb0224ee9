"""``askwell check --fix`` and ``--diff`` on every writable format, and the cases that must not write.

Every fixture question carries a safe fix: "ballpark figure" (idioms), "utilize"
(plain-language) or "simply"/"just" (dismissive-words).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from askwell.cli import main
from askwell.fixing import fix_file
from askwell.model import Finding, Fix
from askwell.sources import load_bytes


def run(cwd: Path, *args: str) -> tuple[int, str, str]:
    """Run ``askwell check --no-cache ARGS`` inside ``cwd``."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["check", "--no-cache", *args])
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def fix_twice(tmp_path: Path, name: str) -> str:
    """Fix ``name``, check a second run changes nothing, and return the fixed text."""
    code, out, err = run(tmp_path, "--fix", name)
    assert code in (0, 1), err
    fixed = (tmp_path / name).read_bytes()
    code, diff, err = run(tmp_path, "--diff", name)
    assert diff == "" and code == 0, diff + err
    run(tmp_path, "--fix", name)
    assert (tmp_path / name).read_bytes() == fixed  # idempotent
    return fixed.decode("utf-8")


def test_text_fix_keeps_mode_and_line_endings(tmp_path: Path) -> None:
    target = tmp_path / "drafts.txt"
    target.write_bytes(b"# drafts\r\nCan you give us a ballpark figure for your budget?\r\n"
                       b"Why didn't you just use the search bar?\r\nDo you utilize the wiki?")
    target.chmod(0o640)
    code, out, err = run(tmp_path, "--fix", "--format", "json", "drafts.txt")
    report = json.loads(out)
    assert "Fixed 3 findings in 1 file." in report["notes"]
    # The report is of the fixed file: no fixable finding remains.
    assert all(f["fix"] is None for q in report["questions"] for f in q["findings"])
    assert target.read_bytes() == (b"# drafts\r\nCan you give us a rough estimate for your budget?\r\n"
                                   b"Why didn't you use the search bar?\r\nDo you use the wiki?")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_text_fix_is_idempotent(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Obviously, version control matters; how do you utilize it?\n", encoding="utf-8")
    assert fix_twice(tmp_path, "a.txt") == "Version control matters; how do you use it?\n"


def test_markdown_fix_respects_markup_and_suppressions(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text(
        "# Feedback\n\n"
        "1. Can you give us a **ballpark figure** for your training budget?\n"
        "<!-- askwell-disable-next-line plain-language -->\n"
        "2. Do you utilize the shared notes?\n"
        "3. Did you simply copy the `utilize` commands?\n\n"
        "```\nDo you utilize code blocks?\n```\n", encoding="utf-8")
    assert fix_twice(tmp_path, "p.md") == (
        "# Feedback\n\n"
        "1. Can you give us a **rough estimate** for your training budget?\n"
        "<!-- askwell-disable-next-line plain-language -->\n"
        "2. Do you utilize the shared notes?\n"
        "3. Did you copy the `utilize` commands?\n\n"
        "```\nDo you utilize code blocks?\n```\n")


def test_yaml_fix_in_plain_and_quoted_scalars_skips_what_it_cannot_map(tmp_path: Path) -> None:
    source = (
        "title: Test\n"
        "questions:\n"
        "  - text: Can you give us a ballpark figure for your training budget?\n"
        "  - text: \"Why didn't you just use the search bar?\"\n"
        "  - text: 'Do you utilize the shared notes?'\n"
        "  - text: >\n"
        "      Can you give us a ballpark\n"
        "      figure for your budget?\n"
        "  - text: Do you utilize the wiki?\n"
        "    ignore: [plain-language]\n"
        "  - text: \"Do you \\u0075tilize the chat?\"\n")
    (tmp_path / "s.yaml").write_text(source, encoding="utf-8")
    code, out, err = run(tmp_path, "--fix", "s.yaml")
    assert "s.yaml:7:25: idioms: fix not applied: the words span a line break in the file" in err
    assert "s.yaml:11:19: plain-language: fix not applied: the text is not written verbatim" in err
    assert "note: Fixed 3 findings in 1 file." in out
    assert fix_twice(tmp_path, "s.yaml") == source.replace("ballpark figure for your training", "rough estimate "
                                                           "for your training").replace(
        "just use", "use").replace("'Do you utilize", "'Do you use")


def test_csv_fix_inside_quoted_fields(tmp_path: Path) -> None:
    (tmp_path / "q.csv").write_bytes(
        b"id,question\r\n"
        b"1,\"Can you give us a ballpark figure, roughly, for your budget?\"\r\n"
        b"2,Do you utilize the wiki?\r\n"
        b"3,\"Do you \"\"utilize\"\" the wiki?\"\r\n")
    assert fix_twice(tmp_path, "q.csv") == (
        "id,question\r\n"
        "1,\"Can you give us a rough estimate, roughly, for your budget?\"\r\n"
        "2,Do you use the wiki?\r\n"
        "3,\"Do you \"\"use\"\" the wiki?\"\r\n")


def test_utf8_bom_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "bom.txt"
    target.write_bytes(b"\xef\xbb\xbfDo you utilize the wiki?\n")
    run(tmp_path, "--fix", "bom.txt")
    assert target.read_bytes() == b"\xef\xbb\xbfDo you use the wiki?\n"


def test_ignored_rules_are_not_fixed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Do you utilize the wiki?  # askwell: ignore[plain-language]\n"
                                    "Can you give us a ballpark figure for your budget?\n", encoding="utf-8")
    run(tmp_path, "--fix", "--ignore", "idioms", "a.txt")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == (
        "Do you utilize the wiki?  # askwell: ignore[plain-language]\n"
        "Can you give us a ballpark figure for your budget?\n")


def test_file_with_parse_error_is_never_written(tmp_path: Path) -> None:
    broken = "title: T\nquestions:\n  - text: Do you utilize the wiki?\n  - text: [unclosed\n"
    (tmp_path / "bad.yaml").write_text(broken, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Do you utilize the wiki?\n", encoding="utf-8")
    code, out, err = run(tmp_path, "--fix", "bad.yaml", "ok.txt")
    assert code == 2
    assert (tmp_path / "bad.yaml").read_text(encoding="utf-8") == broken
    assert (tmp_path / "ok.txt").read_text(encoding="utf-8") == "Do you use the wiki?\n"


def test_read_only_file_is_an_error_and_others_are_fixed(tmp_path: Path) -> None:
    # The mode is honoured even for root (who could write it), so this runs under root too.
    locked = tmp_path / "locked.txt"
    locked.write_text("Do you utilize the wiki?\n", encoding="utf-8")
    locked.chmod(0o444)
    (tmp_path / "ok.txt").write_text("Do you utilize the wiki?\n", encoding="utf-8")
    try:
        code, out, err = run(tmp_path, "--fix", "locked.txt", "ok.txt")
    finally:
        locked.chmod(0o644)
    assert code == 2
    assert "locked.txt: error input read-only file; 1 fix not written" in out
    assert locked.read_text(encoding="utf-8") == "Do you utilize the wiki?\n"
    assert (tmp_path / "ok.txt").read_text(encoding="utf-8") == "Do you use the wiki?\n"
    # The report shows the read-only file as it still is.
    assert "locked.txt:1:8: warning plain-language" in out
    assert "Traceback" not in out + err


def test_failing_write_is_an_error_and_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A write that fails for another reason (a full disk, a folder one cannot create files in).
    import askwell.atomic

    def refuse(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(askwell.atomic.tempfile, "mkstemp", refuse)
    (tmp_path / "a.txt").write_text("Do you utilize the wiki?\n", encoding="utf-8")
    code, out, err = run(tmp_path, "--fix", "--format", "json", "a.txt")
    assert code == 2
    report = json.loads(out)
    assert report["errors"] == [{"path": "a.txt", "line": None, "column": None,
                                 "message": "cannot write fixes: No space left on device"}]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "Do you utilize the wiki?\n"


def test_diff_prints_and_does_not_write(tmp_path: Path) -> None:
    original = "# drafts\nHow was it?\nDid you simply install the packages?\n"
    (tmp_path / "d.txt").write_text(original, encoding="utf-8")
    code, out, err = run(tmp_path, "--diff", "d.txt")
    assert code == 1
    assert out == ("--- d.txt\n+++ d.txt\n@@ -1,3 +1,3 @@\n # drafts\n How was it?\n"
                   "-Did you simply install the packages?\n+Did you install the packages?\n")
    assert "Would fix 1 finding in 1 file." in err
    assert (tmp_path / "d.txt").read_text(encoding="utf-8") == original


def test_diff_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text("Don't you agree the workshop was great?\n", encoding="utf-8")
    assert run(tmp_path, "--diff", "clean.txt")[:2] == (0, "")  # findings, but nothing to fix
    (tmp_path / "bad.yaml").write_text("questions: [unclosed\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("Do you utilize the wiki?", encoding="utf-8")
    code, out, _ = run(tmp_path, "--diff", "bad.yaml", "d.txt")
    assert code == 2  # input errors decide
    assert out.endswith("+Do you use the wiki?\n\\ No newline at end of file\n")


def test_json_survey_is_diffed_but_not_written(tmp_path: Path) -> None:
    survey = {"pages": [{"elements": [{"type": "comment", "name": "q1",
                                       "title": "Do you utilize the wiki?"}]}]}
    text = json.dumps(survey, indent=2) + "\n"
    (tmp_path / "form.json").write_text(text, encoding="utf-8")
    code, out, _ = run(tmp_path, "--diff", "form.json")
    assert code == 1 and '+          "title": "Do you use the wiki?"' in out
    code, out, err = run(tmp_path, "--fix", "form.json")
    assert "form.json: 1 fix not written: askwell writes .txt, .md, .yaml and .csv files" in err
    assert (tmp_path / "form.json").read_text(encoding="utf-8") == text


def test_replacement_the_quoting_cannot_hold_is_skipped() -> None:
    data = b'questions:\n  - text: "Do you utilize the wiki?"\n'
    loaded = load_bytes(data, "s.yaml", ".yaml")
    question = loaded.questions[0]
    finding = Finding(rule="plain-language", category="jargon", severity="warning", message="m", start=7, end=14,
                      line=3, column=19, end_line=3, end_column=26, values=(),
                      fix=Fix(7, 14, 'say "use'))
    new, count, skipped = fix_file(data, "s.yaml", [(question, finding)])
    assert (new, count) == (data, 0)
    assert [s.reason for s in skipped] == ["the file would not read back as the fixed question (quoting or escaping)"]


def test_stdin_named_like_a_file_does_not_write_that_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("How was it?\n", encoding="utf-8")
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["check", "--no-cache", "--fix", "--stdin-filename", "a.txt", "-"],
                                    input="Do you utilize the wiki?\n")
    finally:
        os.chdir(old)
    assert "plain-language" in result.stdout
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "How was it?\n"


@pytest.mark.parametrize(("text", "fixed"), [
    ("What did you find, obviously?", "What did you find?"),
    ("You can obviously skip this, right?", "You can skip this, right?"),
    ("Obviously, what did you find?", "what did you find?"),
])
def test_a_deleted_word_takes_its_comma_with_it(text: str, fixed: str) -> None:
    from askwell.rules.kinds import deletion

    start = text.lower().index("obviously")
    fix = deletion(text, start, start + len("obviously"))
    assert text[:fix.start] + text[fix.end:] == fixed
