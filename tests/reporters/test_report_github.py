"""GitHub workflow commands: one annotation per finding, escaped as the Actions runner expects."""

from __future__ import annotations

from askwell.model import FileError, Report
from askwell.reporters.github import GithubReporter, escape_data, escape_property


def test_escape_data() -> None:
    assert escape_data("100% sure,\r\nnext: line") == "100%25 sure,%0D%0Anext: line"


def test_escape_property() -> None:
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_finding_with_awkward_characters(one_question) -> None:  # type: ignore[no-untyped-def]
    report = one_question("Was it 100%, really?", [
        {"start": 7, "end": 11, "severity": "info", "rule": "rare-words",
         "message": "50% said: yes,\nno", "suggestion": "a, b"}], path="dir,1/a:b.txt")
    (line, summary) = GithubReporter().render(report).splitlines()
    assert line == ("::notice file=dir%2C1/a%3Ab.txt,line=1,col=8,endLine=1,endColumn=12,title=askwell rare-words"
                    "::50%25 said: yes,%0Ano%0ASuggestion: a, b")
    assert not summary.startswith("::")


def test_severities_map_to_commands(report: Report) -> None:
    lines = GithubReporter().render(report).splitlines()
    kinds = {line.split(" ", 1)[0] for line in lines if line.startswith("::")}
    assert kinds == {"::error", "::warning", "::notice"}
    assert lines[-1].startswith(f"askwell: {report.summary.findings} findings")
    assert len(lines) == report.summary.findings + len(report.errors) + 1
    assert all("\n" not in line and "\r" not in line for line in lines)


def test_input_errors(one_question) -> None:  # type: ignore[no-untyped-def]
    assert GithubReporter.error(FileError("s.yaml", "bad: thing", 3)) == \
        "::error file=s.yaml,line=3,title=askwell input error::bad: thing"
    assert GithubReporter.error(FileError("gone.txt", "no such file")) == \
        "::error file=gone.txt,title=askwell input error::no such file"
