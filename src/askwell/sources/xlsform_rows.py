"""XLSForm (ODK / KoboToolbox) sheets → questions: the part the ``.xlsx`` and CSV readers share.

A reader turns its ``survey`` (and ``choices``, ``settings``) sheet into a
``Table`` of ``Cell`` objects that know their own file position; ``questions``
does the rest: header lookup, label language, type mapping, choice lists and
group sections.

Type mapping: ``select_one`` → single (yes-no when its list is exactly yes/no),
``select_multiple`` → multiple, ``text`` / ``integer`` / ``decimal`` / dates and
times → open, ``range`` → scale, ``rank`` and anything else answerable →
unknown.  Notes, calculations, groups, repeats and metadata fields are not
questions; a group's label becomes the section of the questions inside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from askwell.errors import InputError
from askwell.model import Choice, OffsetMap, Question, Segment

# Rows of these types carry no question for a respondent.
NOT_QUESTIONS = frozenset({
    "note", "calculate", "hidden", "start", "end", "today", "deviceid", "device_id", "subscriberid",
    "subscriber_id", "simserial", "sim_serial", "phonenumber", "phone_number", "username", "email",
    "audit", "start-geopoint", "start_geopoint", "background-geopoint", "background-audio",
    "xml-external", "csv-external", "instanceid", "uri:deviceid", "uri:email", "uri:username",
    "uri:phonenumber", "uri:subscriberid", "uri:simserial",
})
OPEN_TYPES = frozenset({"text", "string", "integer", "int", "decimal", "date", "time", "datetime"})
GROUP_BEGIN = frozenset({"begin group", "begin_group", "begin repeat", "begin_repeat"})
GROUP_END = frozenset({"end group", "end_group", "end repeat", "end_repeat"})
_TRUE = frozenset({"yes", "true", "true()", "1", "y"})
_FALSE = frozenset({"no", "false", "false()", "0", "n"})
# ${field} references that the form fills in at run time: not prose
# "{" ends a try, so that a run of "${" without "}" is scanned once, not once per "${".
_REFERENCE = re.compile(r"\$\{[^{}]*\}")
_LANG = re.compile(r"^label\s*::?\s*(.*)$", re.IGNORECASE)


def cell_map(line: int, column: int, length: int) -> OffsetMap:
    """A map that puts every character of a spreadsheet cell's text at that cell."""
    return OffsetMap(tuple(Segment(i, line, column) for i in range(max(length, 1))))


@dataclass
class Cell:
    """One non-empty cell: its text as written and where it starts.

    ``locate`` (CSV) gives the stripped text with exact positions; without it the
    whole text sits at the cell (spreadsheets).
    """

    text: str
    line: int
    column: int
    locate: Callable[[], tuple[str, int, int, OffsetMap]] | None = None

    def located(self) -> tuple[str, int, int, OffsetMap]:
        if self.locate is not None:
            return self.locate()
        stripped = self.text.strip()
        return stripped, self.line, self.column, cell_map(self.line, self.column, len(stripped))


@dataclass
class Table:
    """A sheet: its name for messages, the header cells and the data rows (by column index)."""

    name: str
    header: list[str]
    rows: list[tuple[int, dict[int, Cell]]] = field(default_factory=list)

    def column(self, *names: str) -> int | None:
        wanted = {n.lower() for n in names}
        for i, h in enumerate(self.header):
            if h.strip().lower() in wanted:
                return i
        return None

    def columns_text(self) -> str:
        shown = [h.strip() for h in self.header if h.strip()]
        return ", ".join(shown) if shown else "none"


def _is_english(lang: str) -> bool:
    lang = lang.strip().lower()
    code = re.search(r"\(([^)]*)\)\s*$", lang)
    name = re.sub(r"\([^)]*\)\s*$", "", lang).strip()
    codes = {code.group(1).strip()} if code else set()
    if not code and re.fullmatch(r"[a-z]{2,3}([-_][a-z0-9]+)?", name):
        codes.add(name)
    return name == "english" or name.startswith("english ") or any(
        c == "en" or c.startswith(("en-", "en_")) or c == "eng" for c in codes)


def label_columns(table: Table) -> list[tuple[int, str]]:
    """(column index, language) of every ``label`` / ``label::Language (code)`` column."""
    out = []
    for i, h in enumerate(table.header):
        name = h.strip()
        if name.lower() == "label":
            out.append((i, ""))
            continue
        m = _LANG.match(name)
        if m:
            out.append((i, m.group(1).strip()))
    return out


def choose_label(table: Table, path: str, prefer: str | None = None,
                 default_language: str | None = None) -> tuple[int, str]:
    """The label column to lint, and its language ("" for the plain ``label`` column).

    ``prefer`` (the language already chosen for the survey sheet) wins when the table
    has it.  Otherwise, as pyxform reads a form, the plain ``label`` column is in the
    form's default language (``default_language`` in the settings sheet, when given):
    English first, then the default language, then the first language column.
    """
    cols = label_columns(table)
    if not cols:
        raise InputError(path, f"{table.name} has no 'label' column; its columns are: {table.columns_text()}")
    default = (default_language or "").strip()

    def same(lang: str, wanted: str) -> bool:
        # the plain column is the default language, so "" and the default name one column
        return lang.lower() == wanted.lower() or (bool(default) and {lang.lower(), wanted.lower()} == {"", default.lower()})

    if prefer is not None:
        for i, lang in cols:
            if same(lang, prefer):
                return i, lang
    for i, lang in cols:
        if _is_english(lang or default):
            return i, lang
    for i, lang in cols:
        if lang == "" or (default and same(lang, default)):
            return i, lang
    return cols[0]


def _text(row: dict[int, Cell], col: int | None) -> str:
    if col is None or col not in row:
        return ""
    return row[col].text.strip()


def _is_yes_no(values: list[str]) -> bool:
    norm = sorted(v.strip().strip(".!").lower() for v in values)
    return norm == ["no", "yes"]


@dataclass
class _List:
    choices: list[Choice] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def read_choices(table: Table, path: str, prefer: str | None, positions: bool,
                 choice_path: str | None = None, default_language: str | None = None) -> dict[str, _List]:
    """Choice lists by name, labels in the preferred language."""
    list_col = table.column("list_name", "list name")
    if list_col is None:
        raise InputError(path, f"{table.name} has no 'list_name' column; its columns are: {table.columns_text()}")
    name_col = table.column("name", "value")
    label_col, _ = choose_label(table, path, prefer, default_language)
    lists: dict[str, _List] = {}
    for _, row in table.rows:
        list_name = _text(row, list_col)
        if not list_name:
            continue
        entry = lists.setdefault(list_name, _List())
        name = _text(row, name_col)
        if label_col in row and row[label_col].text.strip():
            text, line, column, _ = row[label_col].located()
        elif name:
            text, line, column = name, row[name_col].line, row[name_col].column  # type: ignore[index]
        else:
            continue
        entry.choices.append(Choice(text, line, column, choice_path) if positions else Choice(text))
        entry.labels.append(text)
        entry.names.append(name)
    return lists


def _parse_type(raw: str) -> tuple[str, str | None, bool]:
    """(kind, list name, or_other) from a type cell; kind is a normalised type word."""
    words = raw.split()
    low = [w.lower() for w in words]
    joined = " ".join(low)
    or_other = bool(low) and low[-1] == "or_other"
    if or_other:
        words, low = words[:-1], low[:-1]
        joined = " ".join(low)
    if joined.startswith("select all that apply"):
        rest = words[4:]
        return "select_multiple", rest[0] if rest else None, or_other
    if joined.startswith("select one") and not joined.startswith("select one external"):
        rest = words[2:]
        return "select_one", rest[0] if rest else None, or_other
    if joined in GROUP_BEGIN or joined in GROUP_END:
        return joined.replace(" ", "_"), None, False
    if not low:
        return "", None, False
    head = low[0]
    if head in ("select_one", "select1", "select_one_external", "select one external"):
        return "select_one", words[1] if len(words) > 1 else None, or_other
    if head in ("select_multiple", "select_multiple_external"):
        return "select_multiple", words[1] if len(words) > 1 else None, or_other
    if head in ("select_one_from_file",):
        return "select_one", None, or_other
    if head in ("select_multiple_from_file",):
        return "select_multiple", None, or_other
    if head == "rank":
        return "rank", words[1] if len(words) > 1 else None, False
    return head, None, False


def questions(path: str, survey: Table, choices: Table | None, *, title: str | None = None,
              choice_positions: bool = True, choice_path: str | None = None,
              default_language: str | None = None) -> list[Question]:
    """Every question of an XLSForm survey sheet, in row order (labels chosen by ``choose_label``)."""
    type_col = survey.column("type")
    name_col = survey.column("name")
    if type_col is None:
        raise InputError(path, f"{survey.name} has no 'type' column; its columns are: {survey.columns_text()}")
    label_col, lang = choose_label(survey, path, default_language=default_language)
    required_col = survey.column("required")
    lists = read_choices(choices, path, lang, choice_positions, choice_path,
                         default_language) if choices is not None else {}

    out: list[Question] = []
    groups: list[str | None] = []
    for _, row in survey.rows:
        kind, list_name, or_other = _parse_type(_text(row, type_col))
        if not kind:
            continue
        if kind in ("begin_group", "begin_repeat"):
            groups.append(_text(row, label_col) or None)
            continue
        if kind in ("end_group", "end_repeat"):
            if groups:
                groups.pop()
            continue
        if kind in NOT_QUESTIONS or kind.startswith("uri:"):
            continue
        if label_col not in row or not row[label_col].text.strip():
            continue
        text, line, column, offsets = row[label_col].located()
        qtype, found = _type_and_choices(kind, list_name, or_other, lists)
        section = next((g for g in reversed(groups) if g), None)
        out.append(Question(text=text, path=path, line=line, column=column, offsets=offsets,
                            id=_text(row, name_col) or None, type=qtype, choices=tuple(found),
                            title=title, section=section, required=_required(_text(row, required_col)),
                            masked=tuple((m.start(), m.end()) for m in _REFERENCE.finditer(text))))
    return out


def _type_and_choices(kind: str, list_name: str | None, or_other: bool,
                      lists: dict[str, _List]) -> tuple[str, list[Choice]]:
    """askwell's question type for an XLSForm type word, and the choices of its list (with "Other")."""
    if kind in OPEN_TYPES:
        return "open", []
    if kind == "range":
        return "scale", []
    if kind not in ("select_one", "select_multiple", "rank"):
        return "unknown", []
    entry = lists.get(list_name or "")
    found = list(entry.choices) if entry is not None else []
    if or_other:
        found.append(Choice("Other"))
    if kind == "select_multiple":
        return "multiple", found
    if kind == "select_one":
        yes_no = entry is not None and not or_other and (
            _is_yes_no(entry.labels) or _is_yes_no([n for n in entry.names if n]))
        return ("yes-no" if yes_no else "single"), found
    return "unknown", found  # rank


def _required(flag: str) -> bool | None:
    """A ``required`` cell as true or false; None when it is empty or neither (an expression)."""
    flag = flag.lower()
    if flag in _TRUE:
        return True
    if flag in _FALSE:
        return False
    return None
