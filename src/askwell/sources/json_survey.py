"""SurveyJS survey definitions (``.json``): ``pages[].elements[]`` or top-level ``elements``.

Each element's ``title`` (or else its ``name``) is the question text; titles
and choice texts may be plain strings or localisation dicts (``{"default":
..., "en": ..., "fr": ...}``: English, else default, else the first).  Panels
and dynamic panels are walked (``elements`` / ``templateElements``); a panel's
or page's title becomes the section of the questions inside it.

Type mapping: radiogroup / dropdown / imagepicker → single (yes-no when the
options are exactly yes/no; imagepicker with ``multiSelect`` → multiple),
checkbox / tagbox → multiple, rating → scale, boolean → yes-no, comment / text
/ multipletext → open (its title, then each item), matrix → scale (its title,
then one question per row with the columns as choices), matrixdropdown /
matrixdynamic → unknown (its title, then each titled column as a question by
its cell type), ranking and anything else → unknown;
html, expression, image and signaturepad carry no question and are skipped.

Positions: the JSON is decoded by the standard library's pure-Python scanner
with a string hook that remembers where every string value starts, so titles
and choices know their exact line/column and every character of a title maps
back to the file (escapes map to their backslash).
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from typing import Any

from askwell.errors import InputError, NotASurvey
from askwell.model import Choice, OffsetMap, Question

SKIP = frozenset({"html", "expression", "image", "signaturepad"})
SINGLE = frozenset({"radiogroup", "dropdown", "imagepicker", "buttongroup"})
MULTIPLE = frozenset({"checkbox", "tagbox"})
OPEN = frozenset({"comment", "text"})
# The options SurveyJS adds to an element's choices: the keys that show one (either will do),
# the key of its own text, and the text SurveyJS shows without one.
_EXTRAS = (
    (("hasOther", "showOtherItem"), "otherText", "Other"),
    (("hasNone", "showNoneItem"), "noneText", "None"),
    (("showRefuseItem",), "refuseText", "Refuse to answer"),
    (("showDontKnowItem",), "dontKnowText", "Don't know"),
)
# {question-name} placeholders that SurveyJS fills in at run time: not prose
_PLACEHOLDER = re.compile(r"\{[^{}\s][^{}]*\}")


class PosStr(str):
    """A decoded JSON string that remembers the index of its first character in the source."""

    start: int
    end: int

    def __new__(cls, value: str, start: int, end: int) -> "PosStr":
        obj = super().__new__(cls, value)
        obj.start = start
        obj.end = end
        return obj


_SURROGATE = re.compile("[\ud800-\udfff]")
# JSON escapes, a surrogate pair first so that only a lone half is named "lone".
_ESCAPE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
                     r"|(?P<lone>\\u[dD][89a-fA-F][0-9a-fA-F]{2})|\\.")


def _parse_string(s: str, end: int, strict: bool = True) -> tuple[str, int]:
    value, new_end = json.decoder.scanstring(s, end, strict)
    if _SURROGATE.search(value):
        # A "\ud800" without its pair decodes to half a character, which no text can hold.
        lone = next((m.start() for m in _ESCAPE.finditer(s, end, new_end) if m.group("lone")), end)
        raise json.JSONDecodeError("lone surrogate escape (half of a character)", s, lone)
    return PosStr(value, end, new_end - 1), new_end


class _Decoder(json.JSONDecoder):
    """JSONDecoder whose string *values* are ``PosStr`` (keys stay plain)."""

    def __init__(self) -> None:
        super().__init__()
        self.parse_string = _parse_string
        self.scan_once = json.scanner.py_make_scanner(self)


class Source:
    """The raw JSON text: decoding with positions, and positions of decoded strings."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.lines = OffsetMap.of_lines(text)

    def decode(self) -> Any:
        try:
            return _Decoder().decode(self.text)
        except json.JSONDecodeError as exc:
            raise InputError(self.path, f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
        except RecursionError:
            raise InputError(self.path, "invalid JSON: nested too deeply") from None
        except (ValueError, TypeError) as exc:  # e.g. an integer with too many digits
            detail = str(exc).split(":")[0]  # not Python's advice on raising its limit
            raise InputError(self.path, f"invalid JSON: {detail}") from None

    def indices(self, s: PosStr) -> list[int]:
        """For each character of the decoded string, the index of its source character or escape."""
        text, j, out = self.text, s.start, []
        limit = s.end
        while j < limit and len(out) < len(s):
            if text[j] != "\\":
                out.append(j)
                j += 1
                continue
            kind = text[j + 1] if j + 1 < limit else ""
            if kind == "u":
                code = text[j + 2:j + 6]
                out.append(j)
                j += 6
                # a surrogate pair is one character from two escapes
                try:
                    high = 0xD800 <= int(code, 16) <= 0xDBFF
                except ValueError:
                    high = False
                if high and text.startswith("\\u", j):
                    try:
                        if 0xDC00 <= int(text[j + 2:j + 6], 16) <= 0xDFFF:
                            j += 6
                    except ValueError:
                        pass
            else:
                out.append(j)
                j += 2
        while len(out) < len(s):
            out.append(out[-1] if out else s.start)
        return out

    def located(self, value: str) -> tuple[str, int | None, int | None, OffsetMap | None]:
        """The stripped string with its position and map (None when not from the file)."""
        stripped = value.strip()
        if not isinstance(value, PosStr):
            return stripped, None, None, None
        lead = len(value) - len(value.lstrip())
        idx = self.indices(value)[lead:lead + len(stripped)]
        offsets = OffsetMap.of_indices(idx, self.text, self.lines, value.start)
        line, column = offsets.position(0)
        return stripped, line, column, offsets


def localised(value: Any) -> str | None:
    """A SurveyJS string: plain, or a localisation dict (English, default, then the first)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("en", "default"):
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key]
        for key, item in value.items():
            if isinstance(item, str) and item.strip() and key.lower().startswith("en"):
                return item
        for item in value.values():
            if isinstance(item, str) and item.strip():
                return item
    return None


def stem_of(text: str) -> str | None:
    """A composite question's title as the section of its parts (None when blank)."""
    return text.strip() or None


def _is_yes_no(choices: list[Choice]) -> bool:
    return sorted(c.text.strip().strip(".!").lower() for c in choices) == ["no", "yes"]


class _Survey:
    def __init__(self, source: Source, path: str, title: str | None) -> None:
        self.source = source
        self.path = path
        self.title = title
        self.out: list[Question] = []

    def choice_list(self, items: Any) -> list[Choice]:
        out: list[Choice] = []
        if not isinstance(items, list):
            return out
        for item in items:
            text: Any = item
            if isinstance(item, dict):
                text = localised(item.get("text"))
                if text is None:
                    text = item.get("value")
            elif not isinstance(item, str):
                text = item
            if isinstance(text, bool) or text is None or isinstance(text, (dict, list)):
                continue
            if not isinstance(text, str):
                text = str(text)
            ctext, line, column, _ = self.source.located(text)
            if ctext:
                out.append(Choice(ctext, line, column))
        return out

    def add(self, text: str, qtype: str, element: dict[str, Any], choices: list[Choice],
            section: str | None, qid: Any = None) -> None:
        stripped, line, column, offsets = self.source.located(text)
        if not stripped:
            return
        if offsets is None or line is None or column is None:
            # a name with no title is still a string in the file
            line, column, offsets = 1, 1, OffsetMap.at(1, 1)
        name = qid if qid is not None else element.get("name")
        required = element.get("isRequired")
        self.out.append(Question(
            text=stripped, path=self.path, line=line, column=column, offsets=offsets,
            id=str(name) if isinstance(name, (str, int)) and not isinstance(name, bool) else None,
            type=qtype, choices=tuple(choices), title=self.title, section=section,
            required=required if isinstance(required, bool) else None,
            masked=tuple((m.start(), m.end()) for m in _PLACEHOLDER.finditer(stripped))))

    def elements(self, elements: Any, section: str | None) -> None:
        if not isinstance(elements, list):
            return
        for element in elements:
            if isinstance(element, dict):
                self.element(element, section)

    def element(self, element: dict[str, Any], section: str | None) -> None:
        """One element's questions, by its type; a panel's elements go under the panel's title."""
        kind = element.get("type")
        kind = kind.lower() if isinstance(kind, str) else ""
        title = localised(element.get("title"))
        text = title if title and title.strip() else element.get("name")
        if kind in ("panel", "paneldynamic"):
            inner = title.strip() if title and title.strip() else section
            self.elements(element.get("elements"), inner)
            self.elements(element.get("templateElements"), inner)
            return
        if kind in SKIP or not isinstance(text, str):
            return
        extras = _extra_choices(element)
        if kind in SINGLE or kind in MULTIPLE:
            choices = self.choice_list(element.get("choices"))
            multi = kind in MULTIPLE or (kind == "imagepicker" and element.get("multiSelect") is True)
            qtype = "multiple" if multi else ("yes-no" if _is_yes_no(choices) and not extras else "single")
            self.add(text, qtype, element, choices + extras, section)
        elif kind == "rating":
            self.add(text, "scale", element, self.choice_list(element.get("rateValues")), section)
        elif kind == "boolean":
            labels = [lab for lab in (element.get("labelTrue"), element.get("labelFalse"))]
            self.add(text, "yes-no", element, self.choice_list([localised(x) for x in labels if localised(x)]),
                     section)
        elif kind in OPEN:
            self.add(text, "open", element, [], section)
        elif kind == "multipletext":
            self.multipletext(text, title, element, section)
        elif kind in ("matrixdropdown", "matrixdynamic"):
            # The title, then each column with a title of its own: a question asked of every row.
            self.add(text, "unknown", element, self.choice_list(element.get("choices")) + extras, section)
            self.matrix_columns(text, element, section)
        elif kind == "matrix":
            self.matrix(text, element, section)
        else:
            self.add(text, "unknown", element, self.choice_list(element.get("choices")) + extras, section)

    def multipletext(self, text: str, title: str | None, element: dict[str, Any], section: str | None) -> None:
        """A multipletext element: its title, then each item as an open question."""
        # The question's own title is what respondents read first: linted as well as
        # its items (a missing title falls back to the name, which is not prose).
        stem = text.strip()
        if title and title.strip():
            self.add(title, "open", element, [], section)
        for item in element.get("items") or []:
            if isinstance(item, dict):
                itext = localised(item.get("title")) or item.get("name")
                if isinstance(itext, str):
                    self.add(itext, "open", item, [], stem or section)

    def matrix_columns(self, text: str, element: dict[str, Any], section: str | None) -> None:
        """The titled columns of a matrixdropdown / matrixdynamic, each a question typed by its cells."""
        base = element.get("name")
        for column in element.get("columns") or []:
            if not isinstance(column, dict):
                continue
            ctitle = localised(column.get("title"))
            if not ctitle or not ctitle.strip():
                continue
            ctype = _cell_type(column, element)
            cchoices = [] if ctype in ("open", "yes-no") else self.choice_list(
                column.get("choices") or element.get("choices"))
            cname = column.get("name")
            qid = f"{base}.{cname}" if isinstance(base, str) and isinstance(cname, str) else None
            self.add(ctitle, ctype, column, cchoices, stem_of(text) or section, qid=qid)

    def matrix(self, text: str, element: dict[str, Any], section: str | None) -> None:
        """A matrix: its title, then one scale question per row, with the columns as choices."""
        columns = self.choice_list(element.get("columns"))
        self.add(text, "scale", element, columns, section)
        for row in element.get("rows") or []:
            rtext: Any = row
            rid = None
            if isinstance(row, dict):
                rtext = localised(row.get("text")) or row.get("value")
                rid = row.get("value")
            if isinstance(rtext, str):
                base = element.get("name")
                qid = f"{base}.{rid if rid is not None else rtext}" if isinstance(base, str) else None
                self.add(rtext, "scale", element, columns, text.strip() or section, qid=qid)


def _extra_choices(element: dict[str, Any]) -> list[Choice]:
    """The Other / None / Refuse / Don't know options an element turns on, in that order."""
    return [Choice(localised(element.get(text_key)) or default)
            for flags, text_key, default in _EXTRAS if any(element.get(flag) for flag in flags)]


def _cell_type(column: dict[str, Any], element: dict[str, Any]) -> str:
    """The question type of a matrixdropdown column, from its cell type (or the matrix's; dropdown by default)."""
    cell = column.get("cellType") or element.get("cellType") or "dropdown"
    cell = cell.lower() if isinstance(cell, str) else "dropdown"
    return ("multiple" if cell in MULTIPLE else "single" if cell in SINGLE else "open" if cell in OPEN
            else "scale" if cell == "rating" else "yes-no" if cell == "boolean" else "unknown")


def extract(text: str, path: str) -> list[Question]:
    """Questions of a SurveyJS definition; NotASurvey for other JSON."""
    source = Source(text, path)
    data = source.decode()
    if not isinstance(data, dict) or not (isinstance(data.get("pages"), list) or
                                          isinstance(data.get("elements"), list)):
        raise NotASurvey("not a SurveyJS survey (no 'pages' or 'elements')")
    title = localised(data.get("title"))
    survey = _Survey(source, path, title.strip() if title and title.strip() else None)
    try:
        if isinstance(data.get("pages"), list):
            for page in data["pages"]:
                if isinstance(page, dict):
                    ptitle = localised(page.get("title"))
                    survey.elements(page.get("elements"), ptitle.strip() if ptitle and ptitle.strip() else None)
        if isinstance(data.get("elements"), list):
            survey.elements(data["elements"], None)
    except RecursionError:
        raise InputError(path, "survey nested too deeply (panels within panels)") from None
    return survey.out
