"""``--format html``: one self-contained page (inline CSS, no scripts, no external resources).

Each question is shown with its finding spans highlighted and numbered, the findings
listed beside it; a summary with the run score and a bar per core value comes first.
Severity is always written out as text, never shown by colour alone.
"""

from __future__ import annotations

from html import escape

from askwell import __version__
from askwell.model import SEVERITIES, Finding, QuestionResult, Report
from askwell.rules.packs import value_names

RANK = {s: i for i, s in enumerate(SEVERITIES)}

CSS = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #d0d4da; --track: #e3e7ec;
  --error: #b42318; --error-bg: #fde4e2; --warning: #a14000; --warning-bg: #fff0c2;
  --info: #1d4ed8; --info-bg: #dde9fd; --ok: #1e6b3a; --bar: #2b5c9e; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: #f6f7f9; }
header, main { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; }
h1 { margin: 0; font-size: 1.75rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
.card > h2:first-child { margin-top: 0; }
h3.sub { margin-top: 1.25rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.meta, .muted { color: var(--muted); }
.card { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: 1rem 1.25rem;
  margin-bottom: 1rem; }
.overview { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; align-items: center; }
.score { margin: 0; font-size: 1.1rem; }
.score strong { font-size: 2.5rem; line-height: 1; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; list-style: none; margin: 0; padding: 0; }
.badge { display: inline-block; min-width: 4.6rem; text-align: center; padding: 0 .45rem; border-radius: .25rem;
  color: #fff; font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
.badge.error { background: var(--error); }
.badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
table.values { border-collapse: collapse; width: 100%; max-width: 44rem; }
.values th, .values td { padding: .3rem .5rem; border-bottom: 1px solid var(--line); text-align: left; }
.values td.num { text-align: right; font-variant-numeric: tabular-nums; width: 4.5rem; }
.values td.chart { width: 50%; }
.bar { height: .9rem; background: var(--track); border-radius: .45rem; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--bar); }
.question { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .5rem 2rem; }
.question > h3 { grid-column: 1 / -1; }
@media (max-width: 48rem) { .question { grid-template-columns: minmax(0, 1fr); } }
.qtext { margin: 0; font-size: 1.1rem; line-height: 1.9; overflow-wrap: anywhere; }
mark { color: var(--ink); padding: .1em 0; border-bottom: 3px solid; }
mark.error { background: var(--error-bg); border-color: var(--error); }
mark.warning { background: var(--warning-bg); border-color: var(--warning); }
mark.info { background: var(--info-bg); border-color: var(--info); }
mark.overlap { border-bottom-style: double; border-bottom-width: 5px; background-image:
  linear-gradient(rgba(0, 0, 0, .07), rgba(0, 0, 0, .07)); }
sup.ref { font-size: .7em; font-weight: 700; margin-left: .1em; }
sup.ref a { color: var(--ink); }
.choices { margin: .5rem 0 0; padding-left: 1.25rem; }
ol.findings { margin: 0; padding-left: 1.75rem; }
ol.findings li { margin-bottom: .6rem; }
ol.findings li::marker { font-weight: 700; }
.try { margin: .15rem 0 0; }
.clean { margin: 0; color: var(--ok); font-weight: 600; }
.errors li { margin-bottom: .3rem; }
footer { max-width: 72rem; margin: 2rem auto; padding: 0 1.25rem; color: var(--muted); font-size: .9rem; }
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


def _worst(findings: list[Finding]) -> str:
    return min((f.severity for f in findings), key=lambda s: RANK[s])


def _title(findings: list[Finding]) -> str:
    return "; ".join(f"{f.severity}: {f.rule}: {f.message}" for f in findings)


class HtmlReporter:
    """A standalone, accessible HTML page for one run."""

    def __init__(self, color: bool = False) -> None:
        self.color = color

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
    def finding_item(f: Finding, anchor: str, number: int) -> str:
        """One finding in the list beside its question."""
        where = (f"{f.path}:" if f.path else "") + f"{f.line}:{f.column}" + (f", answer option {f.choice + 1}" if f.choice is not None else "")
        item = (f'<li id="{anchor}-{number}"><span class="badge {f.severity}">{f.severity}</span> '
                f"<code>{escape(f.rule)}</code> <span class=\"muted\">{escape(where)}</span><br>{escape(f.message)}")
        if f.suggestion:
            item += f'<p class="try"><strong>Try:</strong> {escape(f.suggestion.strip())}</p>'
        return item + "</li>"

    def question(self, r: QuestionResult, anchor: str) -> str:
        """A question card: heading, highlighted text and options, findings."""
        q = r.question
        in_text = [f for f in r.findings if f.choice is None]
        numbers = {id(f): i + 1 for i, f in enumerate(in_text)}
        on_choices = [f for f in r.findings if f.choice is not None]
        for f in on_choices:
            numbers[id(f)] = len(numbers) + 1
        label = f"Line {q.line}" + (f" · {q.id}" if q.id else "") + (f" · {q.type}" if q.type != "unknown" else "")
        parts = [f'<article class="card question" aria-labelledby="{anchor}">',
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
            ordered = in_text + on_choices
            parts.append('<ol class="findings">' + "".join(self.finding_item(f, anchor, numbers[id(f)])
                                                          for f in ordered) + "</ol>")
        else:
            parts.append('<p class="clean">✓ No findings.</p>')
        parts.append("</article>")
        return "\n".join(parts)

    @staticmethod
    def summary(report: Report) -> str:
        """Run score, counts by severity and the per-core-value chart."""
        s = report.summary
        counts = "".join(f'<li><span class="badge {sev}">{sev}</span> {s.by_severity.get(sev, 0)}</li>'
                         for sev in ("error", "warning", "info"))
        names = value_names()
        rows = "".join(
            f'<tr><th scope="row">{escape(names.get(vid, vid))}</th><td class="num">{score:.1f}</td>'
            f'<td class="chart"><div class="bar" aria-hidden="true"><span style="width: {score:.1f}%"></span></div>'
            f"</td></tr>" for vid, score in s.values.items())
        return (f'<section class="card" aria-labelledby="summary"><h2 id="summary">Summary</h2>\n'
                f'<div class="overview"><p class="score"><strong>{s.score:.1f}</strong> / 100 run score</p>'
                f'<ul class="counts" aria-label="Findings by severity">{counts}</ul>'
                f'<p class="muted">{s.findings} findings in {s.questions} questions from {s.files} files</p></div>\n'
                f'<h3 class="sub">Core values</h3>\n<table class="values"><thead><tr><th scope="col">Core value</th>'
                f'<th scope="col">Score</th><th scope="col">Chart</th></tr></thead><tbody>{rows}</tbody></table>'
                f"</section>")

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

    def render(self, report: Report) -> str:
        files: dict[str, list[QuestionResult]] = {}
        for r in report.results:
            files.setdefault(r.question.path, []).append(r)
        body = [self.summary(report), self.problems(report)]
        for i, (path, results) in enumerate(files.items(), start=1):
            n = sum(len(r.findings) for r in results)
            score = report.summary.file_scores.get(path)
            stats = f"{len(results)} questions · {n} findings" + (f" · score {score:.1f}" if score is not None else "")
            body.append(f'<section aria-labelledby="file-{i}"><h2 id="file-{i}"><code>{escape(path)}</code></h2>'
                        f'<p class="muted">{stats}</p>')
            body += [self.question(r, f"q{i}-{j}") for j, r in enumerate(results, start=1)]
            body.append("</section>")
        return ("<!DOCTYPE html>\n"
                '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>askwell report</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
                f'<header><h1>askwell report</h1><p class="meta">askwell {escape(__version__)}</p></header>\n'
                "<main>\n" + "\n".join(part for part in body if part) + "\n</main>\n"
                f"<footer>Generated by askwell {escape(__version__)}.</footer>\n</body>\n</html>\n")
