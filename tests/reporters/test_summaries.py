"""Reports people act on (issue 17): verdict first, size caps, errors first, relative paths,
binary files, whole-survey findings, value bars only when they matter, and empty runs."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from askwell import reporters
from askwell.cli import main
from askwell.engine import Checked
from askwell.model import Choice, Finding, OffsetMap, Question, Report, RunInfo
from askwell.reporters.common import shorten
from askwell.reporters.github import GithubReporter
from askwell.reporters.markdown import LIMIT, MarkdownReporter
from askwell.reporters.text import TextReporter
from askwell.scoring import build_report

WEIGHTS = {"error": 25.0, "warning": 10.0, "info": 3.0}
VALUES = ["act-openly", "empower-one-another", "always-learning", "people-first"]


def finding(rule: str, severity: str, line: int, values: tuple[str, ...] = ("act-openly",), **extra) -> Finding:  # type: ignore[no-untyped-def]
    return Finding(rule=rule, category="leading", severity=severity, message=f"{rule} message", start=0, end=3,
                   line=line, column=1, end_line=line, end_column=4, values=values, **extra)


def build(path: str, specs: list[list[Finding]], run: RunInfo | None = None, choices: tuple[str, ...] = ()) -> Report:
    checked = []
    for i, found in enumerate(specs, start=1):
        q = Question(text=f"Question number {i} about the long and winding workshop that we ran last spring?",
                     path=path, line=i, column=3, offsets=OffsetMap.at(i, 3),
                     choices=tuple(Choice(c, line=i + 1, column=2) for c in choices))
        checked.append(Checked(q, found))
    report = build_report(checked, [], WEIGHTS, VALUES, files=1)
    return Report(report.results, report.errors, report.summary, report.notes, report.surveys, run)


def test_markdown_verdict_first_and_question_column() -> None:
    report = build("s.md", [[finding("agreement-seeking", "error", 1, rewrites=("What did you think?",))], []],
                   RunInfo(fail_on="error"))
    out = MarkdownReporter().render(report)
    lines = out.splitlines()
    assert lines[0] == "## askwell report" and lines[2].startswith("**❌ Fails** — 1 finding at error")
    row = next(x for x in lines if x.startswith("| 1:1 "))
    assert "Question number 1 about the long and winding…" in row and "What did you think?" in row


def test_markdown_stays_under_githubs_limit_errors_first() -> None:
    specs = [[finding("loaded-words", "warning", i), finding("rare-words", "info", i)] for i in range(1, 2001)]
    for i in (500, 1500, 1999):
        specs[i - 1].insert(0, finding("agreement-seeking", "error", i))
    out = MarkdownReporter().render(build("big.md", specs))
    assert len(out) < LIMIT <= 65_536
    assert out.count("`agreement-seeking`") == 3  # every error listed
    assert "more findings not listed" in out and "warning" in out.split("more findings not listed")[1]
    rows = [x for x in out.splitlines() if x.startswith("| ") and "`" in x and ":" in x.split("|")[1]]
    severities = [x.split("|")[2].strip() for x in rows]
    assert severities[:3] == ["error"] * 3


def test_markdown_small_report_lists_everything() -> None:
    out = MarkdownReporter().render(build("s.md", [[finding("loaded-words", "warning", 1)]]))
    assert "more findings not listed" not in out and "`loaded-words`" in out


def test_github_relative_paths_errors_first_and_binary_files(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    path = str(tmp_path / "surveys" / "form.xlsx")
    specs = [[finding("loaded-words", "warning", 1)], [finding("agreement-seeking", "error", 2)],
             [finding("unbalanced-scale", "warning", 3, choice=1)]]
    out = GithubReporter().render(build(path, specs, choices=("Agree", "Strongly agree")))
    lines = out.splitlines()
    assert lines[0].startswith("::error file=surveys/form.xlsx,title=askwell agreement-seeking::survey!C2: ")
    assert all("line=" not in x and "col=" not in x for x in lines[:-1])
    assert "choices!B4: " in out  # an answer option names its cell in the choices sheet
    text_path = str(tmp_path / "surveys" / "s.md")
    out = GithubReporter().render(build(text_path, specs[:2]))
    first = out.splitlines()[0]
    assert first.startswith("::error file=surveys/s.md,line=2,col=1,")


def test_whole_survey_findings_have_their_own_place() -> None:
    whole = finding("survey-length", "warning", 1, values=("people-first",), scope="survey")
    report = build("s.yaml", [[whole], []])
    assert report.results[0].findings == ()
    text = TextReporter().render(report)
    assert "survey-length (whole survey)" in text
    assert "### Whole survey" in MarkdownReporter().render(report)
    assert "title=askwell survey-length (whole survey)" in GithubReporter().render(report)
    data = json.loads(reporters.get("json").render(report))
    assert data["surveys"][0]["findings"][0]["rule"] == "survey-length" and data["questions"][0]["findings"] == []
    sarif = json.loads(reporters.get("sarif").render(report))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["survey-length"]


def test_text_value_bars_only_when_they_matter() -> None:
    clean = build("s.txt", [[], []])
    assert "Act Openly" not in TextReporter().render(clean)
    assert TextReporter(values=True).render(clean).count("█") > 0
    flawed = build("s.txt", [[finding("agreement-seeking", "error", 1)], []])
    out = TextReporter().render(flawed)
    assert "Act Openly" in out and "People first" not in out
    assert "People first" in TextReporter(values=True).render(flawed)


def test_text_shows_the_first_rewrite_after_try() -> None:
    f = finding("agreement-seeking", "error", 1, suggestion="Ask what they think.",
                rewrites=("What did you think of it?", "How was it?"))
    out = TextReporter().render(build("s.txt", [[f]]))
    assert "= try: What did you think of it?" in out and "How was it?" not in out


def test_shorten() -> None:
    assert shorten("short") == "short"
    assert shorten("a " * 100, 20).endswith("…") and len(shorten("word " * 50, 30)) <= 30
    assert shorten("x" * 100, 10) == "x" * 9 + "…"


# The CLI: empty runs, --values, output file modes.

def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("setup", ["empty folder", "no questions", "unsupported"])
def test_empty_run_says_so_everywhere(setup: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    if setup == "no questions":
        (folder / "notes.md").write_text("# Notes\n\nNothing to ask here.\n", encoding="utf-8")
    elif setup == "unsupported":
        (folder / "picture.png").write_bytes(b"\x89PNG")
    for fmt in ("text", "json", "markdown", "github", "html", "sarif"):
        code, out, err = run("check", str(folder), "--format", fmt, "--no-cache")
        assert code == 0, (fmt, out, err)
        assert "No questions found" in err, fmt
        if fmt == "json":
            data = json.loads(out)
            assert data["summary"]["score"] is None and data["summary"]["grade"] is None
            assert any("No questions found" in n for n in data["notes"])
        elif fmt == "sarif":
            notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
            assert any("No questions found" in n["message"]["text"] for n in notes)
        else:
            assert "No questions found" in out, fmt
            assert "100.0/100" not in out and "100/100" not in out


def test_values_option(tmp_path: Path) -> None:
    code, out, _ = run("check", "--text", "What would you change about the workshop?", "--values")
    assert code == 0 and "Strength through diversity" in out
    code, out, _ = run("check", "--text", "What would you change about the workshop?")
    assert "Strength through diversity" not in out and "Score: 100.0/100 (A, good)" in out


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX file modes")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_output_file_mode_follows_the_umask(umask: int, mode: int, tmp_path: Path) -> None:
    old = os.umask(umask)
    try:
        target = tmp_path / "report.html"
        run("check", "--text", "Did you like it?", "--format", "html", "-o", str(target))
        assert stat.S_IMODE(target.stat().st_mode) == mode
    finally:
        os.umask(old)
