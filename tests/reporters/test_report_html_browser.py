"""The HTML report in a real browser: headless Chromium at 1280 and 400 px.

Checks the page's structure as the browser builds it (summary, contents, legend, folded clean
questions, the CSS-only filter) and that nothing is wider than the window. Skipped when no
Chromium is installed (``.ci/run`` installs Debian's ``chromium``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import escape, unescape
from pathlib import Path

import pytest

from askwell.model import Report
from askwell.reporters.html import HtmlReporter

BROWSER = next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
               None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (apt-get install chromium)")

# Headless Chromium will not make a window narrower than 500 px, so the report is loaded into an
# iframe of the width under test (its media queries see that width, as a phone's would); this
# runs in the outer page once the frame has loaded and writes what it measured into the DOM
# that --dump-dom prints.
PROBE = """<script>
window.addEventListener("load", () => {
  const frame = document.getElementById("report");
  const win = frame.contentWindow, doc = frame.contentDocument;
  const width = win.innerWidth;
  const wide = [...doc.querySelectorAll("body *")].filter(el => el.getBoundingClientRect().right > width + 1)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
  const shown = sel => { const el = doc.querySelector(sel); return !!el && win.getComputedStyle(el).display !== "none"; };
  const before = shown(".sev-warning");
  const box = doc.getElementById("show-warning");
  if (box) box.checked = false;
  const after = shown(".sev-warning");
  const out = {
    width, scrollWidth: doc.documentElement.scrollWidth, wide: wide.slice(0, 10),
    h1: doc.querySelectorAll("h1").length,
    sections: ["summary", "contents", "legend", "filter", "rules", "whole-survey"].filter(id => doc.getElementById(id)),
    foldedClosed: [...doc.querySelectorAll("details.clean-group")].every(d => !d.open),
    folded: doc.querySelectorAll("details.clean-group").length,
    cards: doc.querySelectorAll("article.question").length,
    filterBefore: before, filterAfter: after,
  };
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def measure(page: str, width: int, tmp_path: Path) -> dict:
    """Load ``page`` in headless Chromium in a frame ``width`` px wide and return what PROBE measured."""
    path = tmp_path / f"report-{width}.html"
    frame = (f'<!DOCTYPE html><html><body style="margin:0"><iframe id="report" style="width:{width}px;height:900px;'
             f'border:0" srcdoc="{escape(page, quote=True)}"></iframe>{PROBE}</body></html>')
    path.write_text(frame, encoding="utf-8")
    profile = tmp_path / f"profile-{width}"
    cmd = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--no-first-run", f"--user-data-dir={profile}", f"--window-size={width + 100},1000", "--dump-dom",
           path.as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    assert found, f"no probe output; exit {done.returncode}; stderr: {done.stderr[-2000:]}"
    return json.loads(unescape(found.group(1)))


@pytest.fixture(scope="module")
def stress_page(tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    """A page with what tends to overflow: a long unbroken word, a long path, a long rewrite."""
    from askwell.model import Finding, OffsetMap, Question, QuestionResult, Summary

    word = "Supercalifragilistic" * 8
    path = "surveys/" + "very-long-folder-name/" * 6 + "survey.md"
    q = Question(text=f"How useful was {word}?", path=path, line=1, column=1, offsets=OffsetMap.at(1, 1))
    f = Finding(rule="rare-words", category="jargon", severity="warning", message=f"'{word}' is rare", start=15,
                end=15 + len(word), line=1, column=16, end_line=1, end_column=16 + len(word), values=("access-for-all",),
                suggestion="Explain it.", rewrites=(f"How useful was the {word} session?",))
    summary = Summary(files=1, questions=1, findings=1, by_severity={"error": 0, "warning": 1, "info": 0}, score=57.4,
                      values={"access-for-all": 57.4, "act-openly": 100.0}, file_scores={path: 57.4})
    return HtmlReporter().render(Report(results=(QuestionResult(q, (f,), 57.4),), errors=(), summary=summary))


@pytest.mark.parametrize("width", [1280, 400])
def test_report_structure_and_no_overflow(width: int, report: Report, tmp_path: Path) -> None:
    got = measure(HtmlReporter().render(report), width, tmp_path)
    assert got["width"] == width
    assert got["scrollWidth"] <= width and not got["wide"], got
    assert got["h1"] == 1
    assert set(got["sections"]) == {"summary", "contents", "legend", "filter", "rules", "whole-survey"}
    assert got["folded"] >= 1 and got["foldedClosed"]
    assert got["cards"] == sum(1 for r in report.results if r.findings)
    # the filter works with CSS alone: clearing 'warning' hides warnings
    assert got["filterBefore"] and not got["filterAfter"]


@pytest.mark.parametrize("width", [1280, 400])
def test_long_words_and_paths_do_not_overflow(width: int, stress_page: str, tmp_path: Path) -> None:
    got = measure(stress_page, width, tmp_path)
    assert got["scrollWidth"] <= width and not got["wide"], got
