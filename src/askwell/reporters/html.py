"""``--format html``: one self-contained page (inline CSS, no scripts, no external resources).

Built for a real survey, not a handful of questions: a summary (verdict, score and band, the
core values as a dot plot that shows their spread, the whole-survey findings), a table of
contents per file and per survey section with counts, a legend, and a filter by severity and
category made of checkboxes and CSS ``:has()`` (no JavaScript: where ``:has()`` is missing,
every finding simply stays shown).  Within a section, questions with errors come first; clean
questions are folded into ``<details>``.  Every rule id links to the rule's documentation,
included at the end of the page.  Severity is always written out, never shown by colour alone.
"""

from __future__ import annotations

import math
from html import escape

from askwell import __version__
from askwell.model import BANDS, CATEGORIES, RANK, SEVERITIES, Finding, QuestionResult, Report, band, empty_note
from askwell.reporters.common import ReporterBase, display_path, plural, verdict
from askwell.rules.packs import Rule

CSS = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #d0d4da; --track: #e3e7ec;
  --error: #b42318; --error-bg: #fde4e2; --warning: #a14000; --warning-bg: #fff0c2;
  --info: #1d4ed8; --info-bg: #dde9fd; --ok: #1e6b3a; --bar: #2b5c9e; }
* { box-sizing: border-box; }
html { overflow-wrap: anywhere; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: #f6f7f9; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
h1 { margin: 0; font-size: 1.75rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
.card > h2:first-child { margin-top: 0; }
h3.sub { margin-top: 1.25rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.meta, .muted { color: var(--muted); }
.card { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: 1rem;
  margin-bottom: 1rem; min-width: 0; }
.verdict { margin: 0 0 .75rem; padding: .5rem .75rem; border-radius: .375rem; font-weight: 600; }
.verdict.pass { background: #e3f4e8; color: var(--ok); }
.verdict.fail { background: var(--error-bg); color: var(--error); }
.overview { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: center; }
.score { margin: 0; font-size: 1.1rem; }
.score strong { font-size: 2.5rem; line-height: 1; }
.grade { display: inline-block; min-width: 2rem; text-align: center; border-radius: .25rem; color: #fff;
  font-weight: 700; margin: 0 .35rem; }
.grade-A { background: var(--ok); } .grade-B { background: #4d7c0f; } .grade-C { background: var(--warning); }
.grade-D, .grade-E { background: var(--error); }
.counts { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; list-style: none; margin: 0; padding: 0; }
.badge { display: inline-block; min-width: 4.6rem; text-align: center; padding: 0 .45rem; border-radius: .25rem;
  color: #fff; font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
.badge.error { background: var(--error); }
.badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
.values { width: 100%; border-collapse: collapse; table-layout: fixed; }
.values th, .values td { padding: .3rem .4rem; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: middle; }
.values th { font-weight: normal; }
.values thead th { font-weight: 600; }
.values .num { text-align: right; font-variant-numeric: tabular-nums; width: 4.2rem; white-space: nowrap;
  overflow-wrap: normal; }
.values caption { text-align: left; caption-side: bottom; padding-top: .25rem; font-size: .9rem; }
.values .name { width: 38%; }
.track { position: relative; height: 1.1rem; background: var(--track); border-radius: .55rem; margin: 0 .5rem; }
.track .run { position: absolute; top: -.2rem; bottom: -.2rem; width: 2px; margin-left: -1px; background: var(--ink); }
.track .dot { position: absolute; top: .1rem; width: .9rem; height: .9rem; margin-left: -.45rem; border-radius: 50%;
  border: 2px solid #fff; }
.dot.band-A { background: var(--ok); } .dot.band-B { background: #4d7c0f; } .dot.band-C { background: var(--warning); }
.dot.band-D, .dot.band-E { background: var(--error); }
.axis { display: flex; justify-content: space-between; margin: 0 .5rem; font-size: .8rem; color: var(--muted); }
.toc ol { margin: .25rem 0; padding-left: 1.25rem; }
.toc li { margin: .2rem 0; }
.filters fieldset { border: 1px solid var(--line); border-radius: .375rem; margin: 0 0 .5rem; padding: .25rem .75rem; }
.filters label { display: inline-block; margin-right: 1rem; white-space: nowrap; }
.legend dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1rem; margin: 0; }
.legend dd { margin: 0; }
.question { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .5rem 2rem; }
.question > h3 { grid-column: 1 / -1; }
@media (max-width: 48rem) { .question { grid-template-columns: minmax(0, 1fr); } }
.qtext { margin: 0; font-size: 1.1rem; line-height: 1.9; }
mark { color: var(--ink); padding: .1em 0; border-bottom: 3px solid; }
mark.error { background: var(--error-bg); border-color: var(--error); }
mark.warning { background: var(--warning-bg); border-color: var(--warning); border-bottom-style: dashed; }
mark.info { background: var(--info-bg); border-color: var(--info); border-bottom-style: dotted; }
mark.overlap { border-bottom-style: double; border-bottom-width: 5px; background-image:
  linear-gradient(rgba(0, 0, 0, .07), rgba(0, 0, 0, .07)); }
sup.ref { font-size: .7em; font-weight: 700; margin-left: .1em; }
sup.ref a { color: var(--ink); }
.choices { margin: .5rem 0 0; padding-left: 1.25rem; }
ol.findings { margin: 0; padding-left: 1.75rem; }
ol.findings li { margin-bottom: .6rem; }
ol.findings li::marker { font-weight: 700; }
.try { margin: .15rem 0 0; }
.try ul { margin: 0; padding-left: 1.25rem; }
.advice { margin: .15rem 0 0; color: var(--muted); }
.clean { margin: 0; color: var(--ok); font-weight: 600; }
details.clean-group { margin: 0 0 1rem; }
details.clean-group summary { cursor: pointer; color: var(--ok); font-weight: 600; }
.clean-list { margin: .5rem 0 0; padding-left: 1.25rem; }
.jump { margin: .25rem 0 1rem; }
.jump a { margin-right: .5rem; }
.errors li { margin-bottom: .3rem; }
.rule h3 { margin-top: 1rem; }
footer { margin: 2rem auto; color: var(--muted); font-size: .9rem; }
"""


def segments(length: int, spans: list[tuple[int, int]]) -> list[tuple[int, int, tuple[int, ...]]]:
    """Cut ``[0, length)`` at every span edge: ``(start, end, indexes of the spans covering it)``.

    Overlapping and nested spans become flat, non-overlapping pieces, so no ``<mark>``
    ever has to cross another's boundary.
    """
    clamped = [(min(max(s, 0), length), min(max(e, 0), length)) for s, e in spans]
    cuts = sorted({0, length, *(s for s, _ in clamped), *(e for _, e in clamped)})
    return [(a, b, tuple(i for i, (s, e) in enumerate(clamped) if s <= a and b <= e and s < e))
            for a, b in zip(cuts, cuts[1:])]


def _worst(findings: list[Finding] | tuple[Finding, ...]) -> str:
    return min((f.severity for f in findings), key=lambda s: RANK[s])


def _title(findings: list[Finding]) -> str:
    return "; ".join(f"{f.severity}: {f.rule}: {f.message}" for f in findings)


def _filters(categories: list[str]) -> str:
    """CSS that hides the findings whose severity or category checkbox is cleared (needs ``:has()``)."""
    rules = [f"body:has(#show-{sev}:not(:checked)) .sev-{sev} {{ display: none; }}" for sev in SEVERITIES]
    rules += [f"body:has(#show-cat-{cat}:not(:checked)) .cat-{cat} {{ display: none; }}" for cat in categories]
    return "\n".join(rules)


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in text.lower())


class HtmlReporter(ReporterBase):
    """A standalone, accessible HTML page for one run."""

    @staticmethod
    def refs(anchor: str, numbers: list[int]) -> str:
        """Superscript links from a highlight to its findings in the list."""
        return "".join(f'<sup class="ref"><a href="#{anchor}-{n}" aria-label="finding {n}">{n}</a></sup>'
                       for n in numbers)

    def highlight(self, text: str, findings: list[Finding], anchor: str) -> str:
        """The question text with each finding's span in a ``<mark>``, numbered like the list."""
        spans = [(f.start, f.end) for f in findings]
        out: list[str] = []
        for a, b, cover in segments(len(text), spans):
            out.append(self.refs(anchor, [i + 1 for i, (s, e) in enumerate(spans) if s == e == a]))
            piece = escape(text[a:b])
            if cover:
                covering = [findings[i] for i in cover]
                extra = " overlap" if len(cover) > 1 else ""
                piece = f'<mark class="{_worst(covering)}{extra}" title="{escape(_title(covering))}">{piece}</mark>'
            out.append(piece)
            out.append(self.refs(anchor, [i + 1 for i, (s, e) in enumerate(spans) if e == b and s < e]))
        if not text or any(s == e == len(text) for s, e in spans):
            out.append(self.refs(anchor, [i + 1 for i, (s, e) in enumerate(spans) if s == e == len(text)]))
        return "".join(out)

    @staticmethod
    def rule_link(rule: str) -> str:
        """The rule id, linked to its documentation at the end of the page."""
        return f'<a href="#rule-{_slug(rule)}"><code>{escape(rule)}</code></a>'

    def finding_item(self, f: Finding, anchor: str, number: int | None, where_prefix: str = "") -> str:
        """One finding: severity, rule, place, message, then the rewrites (alternatives) and the advice."""
        where = where_prefix + (f"{display_path(f.path)}:" if f.path else "") + f"{f.line}:{f.column}"
        if f.choice is not None:
            where += f", answer option {f.choice + 1}"
        ident = f' id="{anchor}-{number}"' if number is not None else ""
        item = (f'<li{ident} class="finding sev-{f.severity} cat-{f.category}"><span class="badge {f.severity}">'
                f"{f.severity}</span> {self.rule_link(f.rule)} <span class=\"muted\">{escape(where)}</span><br>"
                f"{escape(f.message)}")
        if len(f.rewrites) == 1:
            item += f'<p class="try"><strong>Try:</strong> {escape(f.rewrites[0])}</p>'
        elif f.rewrites:
            options = "".join(f"<li>{escape(r)}</li>" for r in f.rewrites)
            item += f'<div class="try"><strong>Try one of:</strong><ul>{options}</ul></div>'
        if f.suggestion:
            label = "Advice:" if f.rewrites else "Try:"
            cls = "advice" if f.rewrites else "try"
            item += f'<p class="{cls}"><strong>{label}</strong> {escape(f.suggestion.strip())}</p>'
        return item + "</li>"

    def question(self, r: QuestionResult, anchor: str) -> str:
        """A question card: heading, highlighted text and options, findings (errors first)."""
        q = r.question
        ordered = sorted(r.findings, key=lambda f: (f.choice is not None, RANK[f.severity]))
        in_text = [f for f in ordered if f.choice is None]
        on_choices = [f for f in ordered if f.choice is not None]
        numbers = {id(f): i + 1 for i, f in enumerate(in_text + on_choices)}
        label = f"Line {q.line}" + (f" · {q.id}" if q.id else "") + (f" · {q.type}" if q.type != "unknown" else "")
        worst = _worst(r.findings) if r.findings else "clean"
        parts = [f'<article class="card question worst-{worst}" aria-labelledby="{anchor}">',
                 f'<h3 id="{anchor}">{escape(label)} <span class="muted">· score {r.score:.1f}</span></h3>',
                 f'<div><p class="qtext">{self.highlight(q.text, in_text, anchor)}</p>']
        if q.choices:
            parts.append('<ul class="choices">')
            for k, choice in enumerate(q.choices):
                hits = [f for f in on_choices if f.choice == k]
                shown = escape(choice.text)
                if hits:
                    shown = (f'<mark class="{_worst(hits)}" title="{escape(_title(hits))}">{shown}</mark>'
                             + self.refs(anchor, [numbers[id(f)] for f in hits]))
                parts.append(f"<li>{shown}</li>")
            parts.append("</ul>")
        parts.append("</div>")
        if r.findings:
            parts.append('<ol class="findings">' + "".join(self.finding_item(f, anchor, numbers[id(f)])
                                                          for f in in_text + on_choices) + "</ol>")
        else:
            parts.append('<p class="clean">✓ No findings.</p>')
        parts.append("</article>")
        return "\n".join(parts)

    def chart(self, values: dict[str, float], run_score: float) -> str:
        """The core values as dots on a scale from just below the lowest value to 100, lowest first.

        Bars from 0 all look full when the values lie between 90 and 100; a zoomed scale and a
        line at the run score show which value stands out.
        """
        names = self.packs.value_names()
        low = min([*values.values(), run_score])
        floor = max(0.0, min(80.0, math.floor((low - 5) / 10) * 10))
        span = 100.0 - floor

        def left(score: float) -> str:
            return f"{max(0.0, min(100.0, (score - floor) / span * 100)):.1f}%"

        rows = []
        for vid, score in sorted(values.items(), key=lambda item: (item[1], list(values).index(item[0]))):
            graded = band(score)
            rows.append(
                f'<tr><th scope="row" class="name">{escape(names.get(vid, vid))}</th><td class="num">{score:.1f}</td>'
                f'<td class="chart"><div class="track" aria-hidden="true"><span class="run" style="left: {left(run_score)}">'
                f'</span><span class="dot band-{graded[0] if graded else "E"}" style="left: {left(score)}"></span></div>'
                f"</td></tr>")
        axis = (f'<div class="axis" aria-hidden="true"><span>{floor:g}</span><span>{floor + span / 2:g}</span>'
                f"<span>100</span></div>")
        return (f'<table class="values"><caption class="muted">Lowest first. The scale runs from {floor:g} to 100 so '
                f"that close values can be told apart; the vertical line is the run score ({run_score:.1f}).</caption>"
                f'<thead><tr><th scope="col" class="name">Core value</th><th scope="col" class="num">Score</th>'
                f'<th scope="col">Spread</th></tr></thead><tbody>{"".join(rows)}</tbody>'
                f'<tfoot><tr><td></td><td></td><td>{axis}</td></tr></tfoot></table>')

    def whole_survey(self, report: Report) -> str:
        """The card for findings about whole surveys (length, closing question), apart from any question."""
        found = report.survey_findings()
        if not found:
            return ('<h3 class="sub" id="whole-survey">Whole survey</h3>'
                    '<p class="muted">No findings about whole surveys (length, closing question, share of '
                    "required items).</p>")
        items = "".join(self.finding_item(f, "", None, f"{display_path(path)} · ")
                        for path, _, f in sorted(found, key=lambda item: RANK[item[2].severity]))
        return (f'<h3 class="sub" id="whole-survey">Whole survey</h3><p class="muted">Findings about a survey as a '
                f"whole count against its score, not against the question they are placed on.</p>"
                f'<ol class="findings">{items}</ol>')

    def summary(self, report: Report) -> str:
        """Verdict, run score with band and clean share, counts, the core-value chart and the whole-survey card."""
        s = report.summary
        outcome = verdict(report)
        parts = ['<section class="card" aria-labelledby="summary"><h2 id="summary">Summary</h2>',
                 f'<p class="verdict {"pass" if outcome.passed else "fail"}">{"✓ Passes" if outcome.passed else "✗ Fails"}'
                 f" — {escape(outcome.reason)}</p>"]
        counts = "".join(f'<li><span class="badge {sev}">{sev}</span> {s.by_severity.get(sev, 0)}</li>'
                         for sev in SEVERITIES)
        if s.score is not None:
            graded = band(s.score) or ("E", "")
            share = round(100 * s.clean / s.questions) if s.questions else 0
            parts.append(f'<div class="overview"><p class="score"><strong>{s.score:.1f}</strong> / 100'
                         f'<span class="grade grade-{graded[0]}">{graded[0]}</span>{escape(graded[1])}</p>'
                         f"<p>{s.clean} of {plural(s.questions, 'question')} clean ({share}%)</p>"
                         f'<ul class="counts" aria-label="Findings by severity">{counts}</ul>'
                         f"<p class=\"muted\">{plural(s.findings, 'finding')} in {plural(s.questions, 'question')} "
                         f"from {plural(s.files, 'file')}</p></div>")
        note = empty_note(report)
        if note:
            parts.append(f'<p class="verdict fail" id="nothing-read">{escape(note)}</p>')
        if s.values and s.score is not None:
            parts.append('<h3 class="sub">Core values</h3>' + self.chart(s.values, s.score))
        if s.score is not None:
            parts.append(self.whole_survey(report))
        parts.append("</section>")
        return "\n".join(parts)

    @staticmethod
    def legend() -> str:
        """What the colours, underlines and score mean."""
        bands = "".join(f"<li><span class=\"grade grade-{letter}\">{letter}</span> {lowest:g} and above: {escape(text)}</li>"
                        for lowest, letter, text in BANDS)
        return ('<section class="card legend" aria-labelledby="legend"><h2 id="legend">Legend</h2><dl>'
                '<dt><span class="badge error">error</span></dt><dd><mark class="error">solid underline</mark>: '
                "the question biases or confuses respondents; fix before use.</dd>"
                '<dt><span class="badge warning">warning</span></dt><dd><mark class="warning">dashed underline</mark>: '
                "likely to weaken the answers; worth a rewrite.</dd>"
                '<dt><span class="badge info">info</span></dt><dd><mark class="info">dotted underline</mark>: '
                "a note to consider; never takes a survey below 90.</dd>"
                '<dt><mark class="error overlap">double</mark></dt><dd>several findings on the same words.</dd>'
                "<dt>Score</dt><dd>100 for a survey with no findings; notes take at most 10 off. Each question with an error counts "
                "as one problem, a warning as 0.4; the score falls steeply with the share of problem questions, "
                "and clean questions beyond the tenth lift it less and less, so they cannot hide errors "
                "(formula in the README).<ul>" + bands + "</ul></dd></dl></section>")

    @staticmethod
    def filters(categories: list[str]) -> str:
        """Checkboxes that show or hide findings by severity and category (CSS only)."""
        sev = "".join(f'<label><input type="checkbox" id="show-{s}" checked> {s}</label>' for s in SEVERITIES)
        cat = "".join(f'<label><input type="checkbox" id="show-cat-{c}" checked> {c}</label>' for c in categories)
        return ('<section class="card filters" aria-labelledby="filter"><h2 id="filter">Filter findings</h2>'
                f"<fieldset><legend>Severity</legend>{sev}</fieldset>"
                + (f"<fieldset><legend>Category</legend>{cat}</fieldset>" if categories else "")
                + '<p class="muted">Clear a box to hide those findings. This needs a browser that supports CSS '
                "<code>:has()</code>; elsewhere every finding stays shown.</p></section>")

    @staticmethod
    def problems(report: Report) -> str:
        """Input errors and notes, if any."""
        out = ""
        if report.errors:
            items = "".join(f"<li><code>{escape(e.location())}</code> {escape(e.message)}</li>" for e in report.errors)
            out += (f'<section class="card errors" aria-labelledby="errors"><h2 id="errors">Input errors</h2>'
                    f"<ul>{items}</ul></section>\n")
        if report.notes:
            items = "".join(f"<li>{escape(n)}</li>" for n in report.notes)
            out += f'<section class="card" aria-labelledby="notes"><h2 id="notes">Notes</h2><ul>{items}</ul></section>\n'
        return out

    def rules(self, used: list[str]) -> str:
        """The documentation of every rule that fired (the same fields as docs/rules.md and ``askwell explain``)."""
        known: dict[str, Rule] = self.packs.by_id()
        names = self.packs.value_names()
        parts = []
        for rid in sorted(used):
            rule = known.get(rid)
            if rule is None:
                parts.append(f'<div class="rule" id="rule-{_slug(rid)}"><h3><code>{escape(rid)}</code></h3></div>')
                continue
            values = ", ".join(names.get(v, v) for v in rule.values)
            body = (f'<div class="rule" id="rule-{_slug(rid)}"><h3><code>{escape(rid)}</code> '
                    f'<span class="muted">· {escape(rule.category)} · {escape(rule.severity)}</span></h3>'
                    f"<p>{escape(rule.why.strip())}</p>")
            if rule.bad:
                body += f"<p>✗ {escape(rule.bad[0].text)}</p>"
            if rule.good:
                body += f"<p>✓ {escape(rule.good[0].text)}</p>"
            if rule.suggestion:
                body += f"<p><strong>Suggestion:</strong> {escape(rule.suggestion.strip())}</p>"
            body += (f'<p class="muted">Core values: {escape(values)}. Also in <code>docs/rules.md#{escape(rid)}</code> '
                     f"and <code>askwell explain {escape(rid)}</code>.</p></div>")
            parts.append(body)
        return ('<section class="card" aria-labelledby="rules"><h2 id="rules">Rules in this report</h2>'
                + "".join(parts) + "</section>")

    def file_section(self, i: int, path: str, results: list[QuestionResult], report: Report) -> tuple[str, str]:
        """(table-of-contents entry, body) for one file: its sections in source order, errors first in each."""
        survey = next((s for s in report.surveys if s.path == path), None)
        score = report.summary.file_scores.get(path)
        title = survey.title if survey else None
        counts = {sev: 0 for sev in SEVERITIES}
        for r in results:
            for f in r.findings:
                counts[f.severity] += 1
        for _, f in survey.findings if survey else ():
            counts[f.severity] += 1
        graded = band(score)
        stats = (f"{plural(len(results), 'question')} · " + ", ".join(f"{n} {sev}" for sev, n in counts.items())
                 + (f" · score {score:.1f} ({graded[0]})" if score is not None and graded else ""))
        groups: dict[str, list[tuple[int, QuestionResult]]] = {}
        for j, r in enumerate(results, start=1):
            groups.setdefault(r.question.section or "", []).append((j, r))
        toc_sections, body = [], []
        anchor = f"file-{i}"
        head = f'<code>{escape(display_path(path))}</code>' + (f" — {escape(title)}" if title else "")
        body.append(f'<section aria-labelledby="{anchor}"><h2 id="{anchor}">{head}</h2><p class="muted">{escape(stats)}</p>')
        errors = [(j, r) for j, r in enumerate(results, start=1) if any(f.severity == "error" for f in r.findings)]
        if errors:
            links = "".join(f'<a href="#q{i}-{j}">line {r.question.line}</a>' for j, r in errors)
            body.append(f'<p class="jump"><strong>Errors:</strong> {links}</p>')
        for k, (section, items) in enumerate(groups.items(), start=1):
            flawed = sorted((item for item in items if item[1].findings), key=lambda item: RANK[_worst(item[1].findings)])
            clean = [item for item in items if not item[1].findings]
            found = sum(len(r.findings) for _, r in items)
            if section or len(groups) > 1:
                sid = f"{anchor}-s{k}"
                body.append(f'<h3 class="sub" id="{sid}">{escape(section or "Without a section")}</h3>')
                toc_sections.append(f'<li><a href="#{sid}">{escape(section or "Without a section")}</a> '
                                    f'<span class="muted">{plural(len(items), "question")}, {plural(found, "finding")}'
                                    "</span></li>")
            body += [self.question(r, f"q{i}-{j}") for j, r in flawed]
            if clean:
                rows = "".join(f'<li id="q{i}-{j}"><span class="muted">Line {r.question.line}:</span> '
                               f"{escape(r.question.text)}</li>" for j, r in clean)
                body.append(f'<details class="clean-group"><summary>✓ {plural(len(clean), "clean question")}</summary>'
                            f'<ul class="clean-list">{rows}</ul></details>')
        body.append("</section>")
        toc = (f'<li><a href="#{anchor}">{head}</a> <span class="muted">{escape(stats)}</span>'
               + (f"<ol>{''.join(toc_sections)}</ol>" if toc_sections else "") + "</li>")
        return toc, "\n".join(body)

    def render(self, report: Report) -> str:
        files: dict[str, list[QuestionResult]] = {}
        for r in report.results:
            files.setdefault(r.question.path, []).append(r)
        every = [f for r in report.results for f in r.findings] + [f for _, _, f in report.survey_findings()]
        categories = [c for c in CATEGORIES if any(f.category == c for f in every)]
        toc, sections = [], []
        for i, (path, results) in enumerate(files.items(), start=1):
            entry, body = self.file_section(i, path, results, report)
            toc.append(entry)
            sections.append(body)
        parts = [self.summary(report), self.problems(report)]
        if toc:
            parts.append(f'<nav class="card toc" aria-labelledby="contents"><h2 id="contents">Contents</h2>'
                         f"<ol>{''.join(toc)}</ol></nav>")
        if every:
            parts.append(self.filters(categories))
        parts.append(self.legend())
        parts += sections
        if every:
            parts.append(self.rules(sorted({f.rule for f in every})))
        run = report.run
        meta = [f"askwell {escape(__version__)}"]
        if run is not None:
            if run.date:
                meta.append(escape(run.date))
            meta.append("config: " + (f"<code>{escape(display_path(run.config))}</code>" if run.config else "none (defaults)"))
            if run.preset:
                meta.append(f"preset: <code>{escape(run.preset)}</code>")
            meta.append(f"fail_on: {escape(run.fail_on)}" + (f", fail_under: {run.fail_under:g}" if run.fail_under else ""))
        return ("<!DOCTYPE html>\n"
                '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>askwell report</title>\n<style>{CSS}{_filters(categories)}\n</style>\n</head>\n<body>\n"
                f'<header><h1>askwell report</h1><p class="meta">{" · ".join(meta)}</p></header>\n'
                "<main>\n" + "\n".join(part for part in parts if part) + "\n</main>\n"
                f"<footer>Generated by askwell {escape(__version__)}.</footer>\n</body>\n</html>\n")

