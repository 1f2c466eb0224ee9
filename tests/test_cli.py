"""The command line: every exit code, the input modes, output files, and lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from askwell.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_clean_question_exits_0() -> None:
    code, out, _ = run("check", "--text", "What, if anything, would you change about this workshop?")
    assert code == 0, out
    assert "Found 0 findings" in out


def test_error_finding_exits_1() -> None:
    code, out, _ = run("check", "--text", "Don't you agree the workshop was great?")
    assert code == 1
    assert "<text>:1:1: error agreement-seeking" in out


def test_fail_on_never_and_warning() -> None:
    assert run("check", "--fail-on", "never", "--text", "Don't you agree the workshop was great?")[0] == 0
    assert run("check", "--fail-on", "warning", "--text", "Any questions?")[0] == 1
    assert run("check", "--text", "Any questions?")[0] == 0  # a warning does not fail at fail_on=error


def test_fail_under() -> None:
    assert run("check", "--fail-under", "95", "--text", "Any questions?")[0] == 1
    assert run("check", "--fail-under", "50", "--text", "Any questions?")[0] == 0


def test_select_and_ignore() -> None:
    code, out, _ = run("check", "--ignore", "agreement-seeking", "--text", "Don't you agree the workshop was great?")
    assert "agreement-seeking" not in out
    code, out, _ = run("check", "--select", "closed", "--format", "json", "--text", "Any questions? Don't you agree?")
    rules = {f["rule"] for q in json.loads(out)["questions"] for f in q["findings"]}
    assert rules <= {"closed-question"}


def test_unknown_rule_on_command_line_exits_2() -> None:
    code, _, err = run("check", "--select", "closd", "--text", "Any questions?")
    assert code == 2
    assert "did you mean 'closed'" in err and "Traceback" not in err


def test_bad_config_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / ".askwell.yaml").write_text("fail_onn: error\n")
    (tmp_path / "q.txt").write_text("Any questions?\n")
    code, out, err = run("check", str(tmp_path / "q.txt"))
    assert code == 2
    assert err.strip().count("\n") == 0 and "fail_onn" in err and ".askwell.yaml" in err


def test_unreadable_input_exits_2_but_other_files_are_linted(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Don't you agree the workshop was great?\n")
    (tmp_path / "bad.txt").write_bytes(b"Was it \xff\xfe ok?\n")
    code, out, _ = run("check", "--format", "json", str(tmp_path))
    assert code == 2
    data = json.loads(out)
    assert [e["path"].endswith("bad.txt") for e in data["errors"]] == [True]
    assert data["errors"][0]["line"] == 1
    assert any(f["rule"] == "agreement-seeking" for q in data["questions"] for f in q["findings"])


def test_missing_path_exits_2() -> None:
    code, out, _ = run("check", "no/such/file.txt")
    assert code == 2 and "no such file or directory" in out


def test_no_arguments_is_a_usage_error() -> None:
    code, _, err = run("check")
    assert code == 2 and "give files" in err


def test_stdin_and_stdin_filename() -> None:
    code, out, _ = run("check", "-", input="Any questions?\n")
    assert code == 0 and "-:1:1: warning closed-question" in out
    code, out, _ = run("check", "-", "--stdin-filename", "draft.md", input="# Intro\n\nSome text. Any questions?\n")
    assert "draft.md:3:12: warning closed-question" in out


def test_output_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run("check", "--format", "json", "-o", str(target), "--text", "Any questions?")
    assert out == "" and json.loads(target.read_text())["summary"]["questions"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


def test_output_to_unwritable_place_is_a_user_error(tmp_path: Path) -> None:
    code, _, err = run("check", "-o", str(tmp_path / "missing" / "r.txt"), "--text", "Any questions?")
    assert code == 2 and "cannot write" in err


def test_json_contract_shape() -> None:
    code, out, _ = run("check", "--format", "json", "--text", "Don't you agree the workshop was great?")
    data = json.loads(out)
    assert data["schema"] == 2
    assert set(data) == {"schema", "askwell", "summary", "notes", "surveys", "questions", "errors"}
    assert data["summary"]["score"] <= 30 and data["summary"]["grade"] == "E" and data["summary"]["clean"] == 0
    q = data["questions"][0]
    assert q["path"] == "<text>" and q["line"] == 1 and q["column"] == 1 and q["type"] == "unknown"
    f = next(f for f in q["findings"] if f["rule"] == "agreement-seeking")
    assert (f["start"], f["end"], f["line"], f["column"], f["end_line"], f["end_column"]) == (0, 15, 1, 1, 1, 16)
    assert q["text"][f["start"]:f["end"]] == "Don't you agree"
    assert f["values"] == ["act-openly"] and f["category"] == "leading"
    assert f["rewrites"] == ["What did you think of the workshop?"] and f["suggestion"] != f["rewrites"][0]


def test_show_config() -> None:
    code, out, _ = run("check", "--show-config", "--fail-on", "warning")
    assert code == 0 and "fail_on: warning" in out


def test_rules_and_explain() -> None:
    code, out, _ = run("rules", "--all")
    assert code == 0 and out.startswith("RULE") and "closed-question" in out
    code, out, _ = run("explain", "closed-question")
    assert code == 0
    for part in ("What it does", "Why it matters", "Example", "Use instead", "Core values", "Always learning"):
        assert part in out
    code, _, err = run("explain", "closed-questoin")
    assert code == 2 and "did you mean 'closed-question'" in err


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and "askwell" in out


def test_colour_only_when_asked() -> None:
    out = run("check", "--text", "Any questions?")[1]
    assert "\x1b[" not in out
    out = run("check", "--color", "--text", "Any questions?")[1]
    assert "\x1b[" in out


@pytest.mark.parametrize("args", [["--help"], ["rules", "--all"], ["explain", "closed-question"]])
def test_commands_without_nlp_never_import_spacy(args: list[str]) -> None:
    code = ("import sys\nfrom askwell.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
            "assert 'textstat' not in sys.modules and 'wordfreq' not in sys.modules\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_jobs_give_identical_output(tmp_path: Path) -> None:
    lines = [f"Don't you agree that lesson {i} was great?" if i % 3 == 0 else f"What did you learn in lesson {i}?"
             for i in range(60)]
    (tmp_path / "many.txt").write_text("\n".join(lines) + "\n")
    one = run("check", "--no-cache", "--format", "json", "--jobs", "1", str(tmp_path / "many.txt"))[1]
    two = run("check", "--no-cache", "--format", "json", "--jobs", "2", str(tmp_path / "many.txt"))[1]
    assert one == two and json.loads(one)["summary"]["questions"] == 60
