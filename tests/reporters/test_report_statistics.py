"""``--statistics``: counts per rule, most frequent first."""

from __future__ import annotations

from askwell.model import Report
from askwell.reporters.statistics import short_description, statistics


def test_short_description() -> None:
    assert short_description("'{match}' is {value} over {max}.") == "'…' is … over …."


def test_table(report: Report) -> None:
    lines = statistics(report).splitlines()
    assert lines[0].split() == ["COUNT", "RULE", "SEVERITY", "DESCRIPTION"]
    rows = [line.split(None, 3) for line in lines[1:]]
    counts = [int(r[0]) for r in rows]
    assert sum(counts) == report.summary.findings
    assert [(-int(r[0]), r[1]) for r in rows] == sorted((-int(r[0]), r[1]) for r in rows)
    dismissive = next(r for r in rows if r[1] == "dismissive-words")
    found = [f for r in report.results for f in r.findings if f.rule == "dismissive-words"]
    assert dismissive[0] == str(len(found)) and dismissive[2] == "warning"
    assert dismissive[3] == "'…' implies the thing is easy; respondents who found it hard feel slow."


def test_exact_output(one_question) -> None:  # type: ignore[no-untyped-def]
    report = one_question("Q?", [{"rule": "loaded-words"}, {"rule": "social-proof", "severity": "error"},
                                 {"rule": "loaded-words"}])
    assert statistics(report) == (
        "COUNT  RULE          SEVERITY  DESCRIPTION\n"
        "    2  loaded-words  warning   '…' is an emotive judgement inside the question; it suggests the answer.\n"
        "    1  social-proof  error     '…' tells respondents what others think before asking what they think.\n"
    )


def test_nothing_found(one_question) -> None:  # type: ignore[no-untyped-def]
    assert statistics(one_question("Q?", [])) == ""
