"""Markdown report: tables survive any text, only <details>/<summary> as HTML, long files folded."""

from __future__ import annotations

import re

from askwell.model import Report
from askwell.reporters.markdown import FOLD_AFTER, MarkdownReporter, escape_inline

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_escape_inline() -> None:
    assert escape_inline("a | b\nc\r\n  d") == r"a \| b c d"
    assert escape_inline("<b>*x*</b> [y](z) `c`") == r"\<b\>\*x\*\</b\> \[y\](z) \`c\`"


def test_pipe_and_newline_in_a_table_cell(one_question) -> None:  # type: ignore[no-untyped-def]
    report = one_question("Pick A | B?", [{"start": 5, "end": 10, "message": "'A | B'\nsplits", "suggestion": "x|y"}])
    out = MarkdownReporter().render(report)
    row = next(line for line in out.splitlines() if line.startswith("| 1:6 "))
    assert len(UNESCAPED_PIPE.findall(row)) == 7  # six cells: position, severity, rule, question, message, advice
    assert r"'A \| B' splits" in row and r"x\|y" in row and r"Pick A \| B?" in row


def test_only_details_html(report: Report, one_question) -> None:  # type: ignore[no-untyped-def]
    evil = one_question("Q?", [{"message": "<script>alert(1)</script>", "start": 0, "end": 1}], path="<b>.txt")
    for rep in (report, evil):
        tags = set(re.findall(r"(?<!\\)</?([A-Za-z][\w-]*)", MarkdownReporter().render(rep)))
        assert tags <= {"details", "summary"}


def test_structure(report: Report) -> None:
    out = MarkdownReporter().render(report)
    assert out.startswith("## askwell report\n")
    assert out.splitlines()[2].startswith("**❌ Fails** — ")  # the verdict comes first
    assert f"**Score: {report.summary.score:.1f}/100 (" in out
    assert "| Act Openly |" in out
    assert "### Whole survey" in out and "`no-closing-question`" in out
    assert "### Input errors" in out and "data/missing.txt" in out
    folded = sum(1 for r in report.results if r.question.path == "data/survey.txt" for _ in r.findings)
    assert folded > FOLD_AFTER and "<summary>data/survey.txt" in out
    assert "#### data/feedback.md" in out


def test_no_findings(one_question) -> None:  # type: ignore[no-untyped-def]
    assert MarkdownReporter().render(one_question("What would you change?", [])).endswith("No findings.\n")
