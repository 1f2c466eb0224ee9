"""Qualtrics survey exports (``.qsf``): JSON with ``SurveyElements``.

Every element with ``"Element": "SQ"`` is a question: ``Payload.QuestionText``
(HTML: tags stripped, entities unescaped, whitespace collapsed), its
``DataExportTag`` as id and ``Choices`` (in ``ChoiceOrder``) as options.
Questions come in file order; deleted questions (the Trash block) are left out
and a named block's description becomes the section.

Type mapping: MC with a single-answer selector (SAVR, SAHR, SACOL, DL, SB) →
single (yes-no when the options are exactly yes/no), with a multiple-answer
selector (MAVR, MAHR, MACOL, MSB) → multiple, MC/NPS → scale; TE → open;
Matrix → scale (the stem with the scale points as choices, then one question
per statement); Slider → scale; DB (descriptive text), Timing, Meta and
Captcha are skipped; anything else → unknown.

Positions: the QuestionText string is located exactly in the file, and every
character left after HTML stripping maps back to the character (or entity, or
JSON escape) it came from.  Piped text (``${q://...}``) is masked.
"""

from __future__ import annotations

import html
import re
from typing import Any

from askwell.errors import InputError
from askwell.model import Choice, OffsetMap, Question
from askwell.sources.json_survey import PosStr, Source

SINGLE = frozenset({"SAVR", "SAHR", "SACOL", "DL", "SB"})
MULTIPLE = frozenset({"MAVR", "MAHR", "MACOL", "MSB"})
SKIP = frozenset({"DB", "Timing", "Meta", "Captcha"})
DEFAULT_BLOCK = "Default Question Block"

_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][\w:-]*)[^>]*>|<!--.*?-->", re.DOTALL)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?")
_BREAKS = frozenset({"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4",
                     "h5", "h6", "blockquote", "hr", "section", "article"})
# "{" ends a try, so that a run of "${" without "}" is scanned once, not once per "${".
_PIPED = re.compile(r"\$\{[^{}]*\}")


def strip_html(s: str) -> tuple[str, list[int]]:
    """Plain text of an HTML fragment, with the index in ``s`` each character came from."""
    chars: list[str] = []
    where: list[int] = []
    i, n = 0, len(s)
    # A tag needs a later ">", a comment a later "-->": without them a "<" is text.  Knowing
    # where the last ones are keeps a run of unclosed "<a" or "<!--" from costing quadratic time.
    last_gt, last_close = s.rfind(">"), s.rfind("-->")
    while i < n:
        c = s[i]
        if c == "<" and i < last_gt and not (s.startswith("<!--", i) and last_close < i + 4):
            m = _TAG.match(s, i)
            if m:
                name = (m.group(2) or "").lower()
                if name in ("script", "style") and not m.group(1):
                    close = re.compile(rf"<\s*/\s*{name}\s*>", re.IGNORECASE).search(s, m.end())
                    i = close.end() if close else n
                else:
                    if name in _BREAKS:
                        chars.append(" ")
                        where.append(i)
                    i = m.end()
                continue
        elif c == "&":
            m = _ENTITY.match(s, i)
            if m:
                for ch in html.unescape(m.group(0)):
                    chars.append(ch)
                    where.append(i)
                i = m.end()
                continue
        chars.append(c)
        where.append(i)
        i += 1
    text: list[str] = []
    index: list[int] = []
    for ch, j in zip(chars, where):
        if ch.isspace():
            if text and text[-1] != " ":
                text.append(" ")
                index.append(j)
            continue
        text.append(ch)
        index.append(j)
    if text and text[-1] == " ":
        text.pop()
        index.pop()
    return "".join(text), index


def _located(source: Source, value: str) -> tuple[str, int | None, int | None, OffsetMap | None]:
    text, index = strip_html(value)
    if not isinstance(value, PosStr):
        return text, None, None, None
    raw = source.indices(value)
    offsets = OffsetMap.of_indices([raw[j] for j in index if j < len(raw)], source.text, source.lines, value.start)
    line, column = offsets.position(0)
    return text, line, column, offsets


def _ordered(items: Any, order: Any) -> list[Any]:
    """Choice dicts in ``order`` (keys may be ints or strings), then any not listed."""
    if isinstance(items, list):
        return [x for x in items if isinstance(x, dict)]
    if not isinstance(items, dict):
        return []
    keys: list[str] = []
    if isinstance(order, list):
        for k in order:
            if isinstance(k, (str, int)) and not isinstance(k, bool) and str(k) in items and str(k) not in keys:
                keys.append(str(k))
    keys += [k for k in items if k not in keys]
    return [items[k] for k in keys if isinstance(items[k], dict)]


def _displays(items: Any, order: Any) -> list[str]:
    """The ``Display`` strings of choice dicts, in order."""
    return [item["Display"] for item in _ordered(items, order) if isinstance(item.get("Display"), str)]


def _choices(source: Source, items: Any, order: Any) -> list[Choice]:
    out = []
    for display in _displays(items, order):
        text, line, column, _ = _located(source, display)
        if text:
            out.append(Choice(text, line, column))
    return out


def _blocks(elements: list[Any]) -> tuple[set[str], dict[str, str]]:
    """Question ids in the Trash, and the section name of questions in named blocks."""
    trash: set[str] = set()
    sections: dict[str, str] = {}
    for element in elements:
        if not isinstance(element, dict) or element.get("Element") != "BL":
            continue
        payload = element.get("Payload")
        blocks = payload.values() if isinstance(payload, dict) else payload if isinstance(payload, list) else []
        for block in blocks:
            if not isinstance(block, dict):
                continue
            members = [e.get("QuestionID") for e in block.get("BlockElements") or [] if isinstance(e, dict)]
            members = [m for m in members if isinstance(m, str)]
            if block.get("Type") == "Trash":
                trash.update(members)
                continue
            name = block.get("Description")
            if isinstance(name, str) and name.strip() and name.strip() != DEFAULT_BLOCK:
                for m in members:
                    sections[m] = name.strip()
    return trash, sections


def _is_yes_no(choices: list[Choice]) -> bool:
    return sorted(c.text.strip().strip(".!").lower() for c in choices) == ["no", "yes"]


def _type_and_choices(source: Source, payload: dict[str, Any]) -> tuple[str, list[Choice], list[str]]:
    """A question's askwell type, its answer options and (for a matrix) its row statements."""
    kind = payload.get("QuestionType")
    selector = payload.get("Selector")
    choices = _choices(source, payload.get("Choices"), payload.get("ChoiceOrder"))
    if kind == "MC":
        if selector in MULTIPLE:
            return "multiple", choices, []
        if selector == "NPS":
            return "scale", choices, []
        if selector in SINGLE:
            return ("yes-no" if _is_yes_no(choices) else "single"), choices, []
        return "unknown", choices, []
    if kind == "TE":
        return "open", [], []
    if kind == "Matrix":
        rows = _displays(payload.get("Choices"), payload.get("ChoiceOrder"))
        return "scale", _choices(source, payload.get("Answers"), payload.get("AnswerOrder")), rows
    if kind == "Slider":
        return "scale", _choices(source, payload.get("Labels"), None), []
    return "unknown", choices, []


def _masked(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of piped text (``${q://…}``) that rules must not read as wording."""
    return tuple((m.start(), m.end()) for m in _PIPED.finditer(text))


def _matrix_rows(source: Source, parent: Question, rows: list[str]) -> list[Question]:
    """A matrix's row statements, each a scale question of its own under the matrix's text."""
    out = []
    for r, display in enumerate(rows):
        rtext, rline, rcol, roffsets = _located(source, display)
        if rtext and roffsets is not None and rline is not None and rcol is not None:
            out.append(Question(text=rtext, path=parent.path, line=rline, column=rcol, offsets=roffsets,
                                id=f"{parent.id}.{r + 1}" if parent.id else None, type="scale",
                                choices=parent.choices, title=parent.title, section=parent.text,
                                masked=_masked(rtext)))
    return out


def extract(text: str, path: str) -> list[Question]:
    """Questions of a Qualtrics QSF export."""
    source = Source(text, path)
    data = source.decode()
    if not isinstance(data, dict) or not isinstance(data.get("SurveyElements"), list):
        raise InputError(path, "not a Qualtrics survey export: no 'SurveyElements'")
    entry = data.get("SurveyEntry")
    name = entry.get("SurveyName") if isinstance(entry, dict) else None
    title = (strip_html(name)[0] or None) if isinstance(name, str) else None
    elements = data["SurveyElements"]
    trash, sections = _blocks(elements)

    out: list[Question] = []
    problems: list[str] = []
    for n, element in enumerate(elements):
        if not isinstance(element, dict) or element.get("Element") != "SQ":
            continue
        payload = element.get("Payload")
        qid = element.get("PrimaryAttribute")
        label = f"SurveyElements[{n}]" + (f" ({qid})" if isinstance(qid, str) else "")
        if not isinstance(payload, dict):
            problems.append(f"{label}: no 'Payload'")
            continue
        if isinstance(payload.get("QuestionID"), str):
            qid = payload["QuestionID"]
        if isinstance(qid, str) and qid in trash:
            continue
        kind = payload.get("QuestionType")
        if kind in SKIP:
            continue
        raw = payload.get("QuestionText")
        if not isinstance(raw, str):
            problems.append(f"{label}: no 'QuestionText' in its Payload")
            continue
        qtext, line, column, offsets = _located(source, raw)
        if not qtext or offsets is None or line is None or column is None:
            continue
        qtype, choices, rows = _type_and_choices(source, payload)
        tag = payload.get("DataExportTag")
        ident = tag if isinstance(tag, str) and tag.strip() else qid if isinstance(qid, str) else None
        section = sections.get(qid) if isinstance(qid, str) else None
        question = Question(text=qtext, path=path, line=line, column=column, offsets=offsets, id=ident,
                            type=qtype, choices=tuple(choices), title=title, section=section, masked=_masked(qtext))
        out.append(question)
        out.extend(_matrix_rows(source, question, rows))
    if not out and problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(path, f"no usable question: {problems[0]}{more}")
    return out
