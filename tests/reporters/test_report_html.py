"""HTML report: well formed, self-contained, escaped, accessible, overlaps highlighted correctly."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from askwell.model import Report
from askwell.reporters.html import HtmlReporter, segments

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TagChecker(HTMLParser):
    """Records every tag that is closed out of order or never closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple[int, int]]] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.problems.append(f"end tag for void <{tag}> at {self.getpos()}")
        elif not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> at {self.getpos()} closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()


def parse(page: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    return checker


@pytest.fixture(scope="module")
def page(report: Report) -> str:
    return HtmlReporter().render(report)


def test_well_formed(page: str) -> None:
    checker = parse(page)
    assert not checker.problems, checker.problems[:5]
    assert not checker.stack, f"never closed: {checker.stack[:5]}"


def test_self_contained_and_accessible(page: str) -> None:
    checker = parse(page)
    assert page.startswith("<!DOCTYPE html>\n")
    assert ("html", {"lang": "en"}) in checker.tags
    assert any(t == "meta" and a.get("name") == "viewport" for t, a in checker.tags)
    names = {t for t, _ in checker.tags}
    assert not names & {"script", "link", "img", "iframe", "object"}
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page) and "@import" not in page
    ids = [a["id"] for _, a in checker.tags if a.get("id")]
    assert len(ids) == len(set(ids))
    targets = [a["href"][1:] for t, a in checker.tags if t == "a" and a.get("href", "").startswith("#")]
    assert targets and set(targets) <= set(ids)
    headings = [t for t, _ in checker.tags if re.fullmatch(r"h[1-6]", t)]
    assert headings[0] == "h1" and headings.count("h1") == 1
    # severity is written out, not only coloured
    for sev in ("error", "warning", "info"):
        assert f'<span class="badge {sev}">{sev}</span>' in page


def test_question_text_is_escaped(page: str, one_question) -> None:  # type: ignore[no-untyped-def]
    assert "<script>" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    evil = one_question('<img src=x onerror="alert(1)"> & "q"?', [
        {"start": 0, "end": 4, "message": '<b>"bold"</b>', "suggestion": "<i>"}], path="<p>.txt")
    out = HtmlReporter().render(evil)
    assert "<img" not in out and "<b>" not in out and "<i>" not in out and "<p>.txt" not in out
    assert 'title="warning: loaded-words: &lt;b&gt;&quot;bold&quot;&lt;/b&gt;"' in out
    assert not parse(out).problems


def test_segments_flatten_overlaps() -> None:
    # a: 0-10, b: 5-15 (crossing), c: 5-8 (nested), d: 20-20 (empty), e: out of range
    cut = segments(25, [(0, 10), (5, 15), (5, 8), (20, 20), (18, 99)])
    assert cut == [(0, 5, (0,)), (5, 8, (0, 1, 2)), (8, 10, (0, 1)), (10, 15, (1,)), (15, 18, ()),
                   (18, 20, (4,)), (20, 25, (4,))]


def test_overlapping_marks(one_question) -> None:  # type: ignore[no-untyped-def]
    text = "How useful and clear were the lessons?"
    report = one_question(text, [
        {"start": 4, "end": 10, "rule": "presupposition"},
        {"start": 4, "end": 20, "rule": "double-barreled", "severity": "error"},
        {"start": 8, "end": 14, "rule": "loaded-words", "severity": "info"}])
    out = HtmlReporter().render(report)
    qtext = re.search(r'<p class="qtext">(.*?)</p>', out).group(1)
    assert re.sub(r"<[^>]+>", "", re.sub(r"<sup.*?</sup>", "", qtext)) == text
    marks = re.findall(r'<mark class="([\w ]+)"[^>]*>(.*?)</mark>', qtext)
    assert marks == [("error overlap", "usef"), ("error overlap", "ul"), ("error overlap", " and"), ("error", " clear")]
    assert not parse(out).problems


def test_choice_findings(one_question) -> None:  # type: ignore[no-untyped-def]
    report = one_question("How old are you?", [{"choice": 1, "rule": "social-proof", "severity": "error"}],
                          choices=("Under 18", "18-30", "Over 30"))
    out = HtmlReporter().render(report)
    assert '<li><mark class="error"' in out and "answer option 2" in out
    assert not parse(out).problems


def test_every_question_appears(page: str, report: Report) -> None:
    flawed = [r for r in report.results if r.findings]
    assert page.count('<article class="card question') == len(flawed)
    folded = re.findall(r'<li id="q\d+-\d+"><span class="muted">Line', page)
    assert len(folded) == len(report.results) - len(flawed)  # clean ones, folded
    assert page.count("<details class=\"clean-group\">") >= 1
    assert "Input errors" in page and "data/broken.yaml:4:7" in page


def test_navigation_legend_filters_and_rule_links(page: str, report: Report) -> None:
    checker = parse(page)
    ids = {a["id"] for _, a in checker.tags if a.get("id")}
    assert {"summary", "contents", "legend", "filter", "rules", "whole-survey"} <= ids
    # a table of contents entry per file, with the survey title from the source
    assert len(re.findall(r'<li><a href="#file-\d+">', page)) == len({r.question.path for r in report.results})
    assert "Post-workshop survey" in page.split('id="contents"')[1].split("</nav>")[0]
    # every rule id links to its documentation on the page
    for rule in {f.rule for r in report.placed() for f in r.findings}:
        assert f'href="#rule-{rule}"' in page and f'id="rule-{rule}"' in page
    # the filter: a checkbox per severity and per category present, CSS that hides by class
    for sev in ("error", "warning", "info"):
        assert f'id="show-{sev}"' in page and f"body:has(#show-{sev}:not(:checked)) .sev-{sev}" in page
    assert 'class="finding sev-error cat-leading"' in page
    # pass/fail line and the whole-survey card with the survey-level finding
    assert '<p class="verdict fail">' in page
    whole = page.split('id="whole-survey"')[1].split("</section>")[0]
    assert "no-closing-question" in whole


def test_errors_first_within_a_section(report: Report) -> None:
    page = HtmlReporter().render(report)
    section = page.split('id="file-1"')[1].split("</section>")[0]
    worst = re.findall(r'<article class="card question worst-(\w+)"', section)
    order = {"error": 0, "warning": 1, "info": 2}
    assert worst == sorted(worst, key=order.__getitem__) and worst[0] == "error"


def test_alternative_rewrites_and_advice(one_question) -> None:  # type: ignore[no-untyped-def]
    report = one_question("Did you like it?", [{"start": 0, "end": 3, "suggestion": "Ask openly.",
                                                "rewrites": ("What did you think of it?", "How was it?")}])
    out = HtmlReporter().render(report)
    assert "Try one of:" in out and "<li>What did you think of it?</li><li>How was it?</li>" in out
    assert "<strong>Advice:</strong> Ask openly." in out


def test_empty_run_says_so() -> None:
    from askwell.model import Report, Summary

    empty = Report(results=(), errors=(), summary=Summary(files=1, questions=0, findings=0,
                   by_severity={"error": 0, "warning": 0, "info": 0}, score=None, values={}))
    out = HtmlReporter().render(empty)
    summary = out.split('id="summary"')[1].split("</section>")[0]
    assert "No questions found" in summary and "/ 100" not in summary and "100.0" not in summary
