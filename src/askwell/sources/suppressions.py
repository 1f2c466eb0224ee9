"""Inline suppression comments, read the same way for every format that has comments.

Markdown (HTML comments)::

    <!-- askwell-disable-next-line closed-question -->   the next question
    <!-- askwell-disable closed-question, jargon -->     from here ...
    <!-- askwell-enable -->                              ... to here (or to the end: a file-wide form)

Plain text and YAML (``#`` comments)::

    Any questions?  # askwell: ignore[closed-question]   this line's question
    # askwell: ignore[closed-question]                   alone on a line: the next question
    # askwell: disable[jargon]  ...  # askwell: enable    a block, or the rest of the file

No rule list means every rule.  Directives are attached to questions by line, after
extraction, so extractors need not know about them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from askwell.model import Question, Suppression

HTML = re.compile(r"<!--\s*askwell-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->", re.IGNORECASE)
HASH = re.compile(r"#\s*askwell:\s*(ignore|disable|enable)\b\s*(?:\[([^\]]*)\])?", re.IGNORECASE)
HASH_FORMATS = (".txt", ".yaml", ".yml", "")
HTML_FORMATS = (".md", ".markdown")


@dataclass(frozen=True)
class Directive:
    """One suppression comment as written."""

    action: str  # "next", "line", "disable", "enable"
    rules: frozenset[str]
    line: int
    column: int
    text: str
    alone: bool  # the comment is the only thing on its line


def _rules(raw: str | None) -> frozenset[str]:
    return frozenset(r.strip() for r in re.split(r"[,\s]+", raw or "") if r.strip())


def scan(text: str, suffix: str) -> list[Directive]:
    """Every directive in a file's text, in order."""
    suffix = suffix.lower()
    found: list[Directive] = []
    if suffix not in HASH_FORMATS + HTML_FORMATS or "askwell" not in text:
        return found
    for number, line in enumerate(text.split("\n"), start=1):
        if "askwell" not in line:
            continue
        pattern = HTML if suffix in HTML_FORMATS else HASH
        for m in pattern.finditer(line):
            word = m.group(1).lower()
            alone = not line[: m.start()].strip()
            if suffix in HTML_FORMATS:
                action = {"disable-next-line": "next", "disable-line": "line"}.get(word, word)
                rules = _rules(m.group(2))
            else:
                action = {"ignore": "next" if alone else "line"}.get(word, word)
                rules = _rules(m.group(2))
            found.append(Directive(action, rules, number, m.start() + 1, m.group(0), alone))
    return found


def strip_trailing(line: str) -> str:
    """A text line without a trailing ``# askwell: ...`` comment."""
    m = HASH.search(line)
    return line[: m.start()].rstrip() if m and line[: m.start()].strip() else line


def attach(questions: list[Question], directives: list[Directive]) -> list[Question]:
    """Give each question the suppressions that cover it."""
    if not directives or not questions:
        return questions
    per_question: list[list[Suppression]] = [[] for _ in questions]
    lines = [q.line for q in questions]
    # Blocks: which (disable) directives are open at each question's line.
    open_blocks: list[Directive] = []
    events = sorted([(d.line, d.column, d) for d in directives if d.action in ("disable", "enable")],
                    key=lambda e: (e[0], e[1]))
    ei = 0
    for qi, q in enumerate(questions):
        while ei < len(events) and (events[ei][0], events[ei][1]) <= (q.line, q.column):
            d = events[ei][2]
            if d.action == "disable":
                open_blocks.append(d)
            elif d.rules:
                open_blocks = [b for b in open_blocks if not (b.rules and b.rules <= d.rules)]
            else:
                open_blocks = []
            ei += 1
        per_question[qi].extend(Suppression(b.rules, b.line, b.column, b.text) for b in open_blocks)
    for d in directives:
        if d.action == "line":
            targets = [i for i, line in enumerate(lines) if line == d.line]
        elif d.action == "next":
            after = [i for i, line in enumerate(lines) if line > d.line]
            targets = after[:1]
        else:
            continue
        for i in targets:
            per_question[i].append(Suppression(d.rules, d.line, d.column, d.text))
    return [replace(q, suppressions=tuple(s)) if s else q for q, s in zip(questions, per_question)]
