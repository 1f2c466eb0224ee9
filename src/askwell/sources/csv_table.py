"""CSV files: an XLSForm survey sheet, or any table with a question column.

* XLSForm (``type`` and ``name`` columns): see ``xlsform_rows``.  Choice lists
  come from a ``<stem>-choices.csv``, ``<stem>_choices.csv`` or ``choices.csv``
  in the same directory; without one, questions come through without choices.
  A choices sheet or settings sheet read on its own is not a survey.
* Any other CSV: the first of a ``question``, ``text`` or ``label`` column
  (case-insensitive) holds one question per non-empty cell; optional ``id``,
  ``type`` and ``choices`` (separated by ``|`` or ``;``) columns.

Fields are split by a small RFC 4180 tokenizer of our own (comma, or semicolon
or tab when the header uses those) so every field knows its file position, also
inside quoted multi-line fields with doubled quotes.  Broken quoting is an
input error naming the line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from askwell.errors import InputError, NotASurvey
from askwell.model import QUESTION_TYPES, Choice, OffsetMap, Question
from askwell.sources import xlsform_rows
from askwell.sources.reading import decode

MAX_CHOICES_BYTES = 20 * 1024 * 1024
_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)"')
_TYPE_ALIASES = {"yesno": "yes-no", "yes_no": "yes-no", "yes/no": "yes-no"}


@dataclass
class Field:
    """One field: its value and the index in the text of its first content character."""

    value: str
    start: int
    quoted: bool


class _CsvError(Exception):
    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.message = message
        self.index = index


def sniff_delimiter(text: str) -> str:
    """Comma, unless the header line clearly uses semicolons or tabs."""
    first = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def tokenize(text: str, delimiter: str = ",") -> list[tuple[int, list[Field]]]:
    """Records as (index of the record's first character, fields); raises _CsvError."""
    unquoted = re.compile(f"[^{re.escape(delimiter)}\\n]*")
    records: list[tuple[int, list[Field]]] = []
    p, n = 0, len(text)
    while p < n:
        start = p
        fields: list[Field] = []
        while True:
            if p < n and text[p] == '"':
                m = _QUOTED.match(text, p)
                if m is None:
                    raise _CsvError("unterminated quoted field (a '\"' opened here is never closed)", p)
                fields.append(Field(m.group(1).replace('""', '"'), p + 1, True))
                p = m.end()
                if p < n and text[p] not in (delimiter, "\n"):
                    raise _CsvError(f"unexpected {text[p]!r} after the closing quote of a field "
                                    f"(quotes inside a quoted field must be doubled)", p)
            else:
                m = unquoted.match(text, p)
                assert m is not None
                fields.append(Field(m.group(0), p, False))
                p = m.end()
            if p >= n:
                break
            if text[p] == delimiter:
                p += 1
                continue
            p += 1  # newline ends the record
            break
        records.append((start, fields))
    return records


class _Sheet:
    """A tokenized CSV file with position lookups for its fields."""

    def __init__(self, text: str, path: str, label: str) -> None:
        self.text = text
        self.path = path
        self.lines = OffsetMap.of_lines(text)
        try:
            self.records = tokenize(text, sniff_delimiter(text))
        except _CsvError as exc:
            line, column = self.lines.position(min(exc.index, len(text)))
            raise InputError(path, f"{label}broken CSV: {exc.message}", line, column) from None
        self.records = [(s, f) for s, f in self.records if any(x.value.strip() for x in f)]

    def indices(self, f: Field) -> list[int]:
        if not f.quoted:
            return list(range(f.start, f.start + len(f.value)))
        out, j = [], f.start
        for c in f.value:
            out.append(j)
            j += 2 if c == '"' and self.text.startswith('""', j) else 1
        return out

    def locate(self, f: Field, begin: int = 0, end: int | None = None) -> tuple[str, int, int, OffsetMap]:
        """``f.value[begin:end]`` stripped, with the position of its first character and its map."""
        part = f.value[begin:end]
        lead = len(part) - len(part.lstrip())
        text = part.strip()
        idx = self.indices(f)[begin + lead:begin + lead + len(text)]
        offsets = OffsetMap.of_indices(idx, self.text, self.lines, f.start)
        line, column = offsets.position(0)
        return text, line, column, offsets

    def table(self, name: str, positions: bool = True) -> xlsform_rows.Table:
        if not self.records:
            return xlsform_rows.Table(name, [])
        header = [f.value for f in self.records[0][1]]
        rows = []
        for start, fields in self.records[1:]:
            cells: dict[int, xlsform_rows.Cell] = {}
            for i, f in enumerate(fields):
                if not f.value.strip():
                    continue
                line, column = self.lines.position(f.start)
                cells[i] = xlsform_rows.Cell(f.value, line, column,
                                             (lambda f=f: self.locate(f)) if positions else None)
            rows.append((self.lines.position(start)[0], cells))
        return xlsform_rows.Table(name, header, rows)


def _header(sheet: _Sheet) -> list[str]:
    return [f.value.strip().lower() for f in sheet.records[0][1]] if sheet.records else []


def _choices_file(path: str) -> Path | None:
    p = Path(path)
    for name in (f"{p.stem}-choices.csv", f"{p.stem}_choices.csv", "choices.csv"):
        candidate = p.parent / name
        if candidate.name != p.name and candidate.is_file():
            return candidate
    return None


def _xlsform(sheet: _Sheet, path: str) -> list[Question]:
    choices = None
    choice_path: str | None = None
    found = _choices_file(path)
    if found is not None:
        try:
            data = found.read_bytes() if found.stat().st_size <= MAX_CHOICES_BYTES else None
        except OSError:
            data = None
        if data is not None:
            try:
                text = decode(data, found.as_posix())
            except InputError as exc:
                raise InputError(path, f"choices file {found.name}: {exc.detail}") from None
            try:
                csheet = _Sheet(text, path, f"choices file {found.name}: ")
            except InputError as exc:
                where = f" line {exc.line}" if exc.line is not None else ""
                raise InputError(path, f"{exc.detail} ({found.name}{where})") from None
            # The choices live in another file: their positions carry that file's path.
            choices = csheet.table(f"choices file {found.name}")
            choice_path = (PurePosixPath(path).parent / found.name).as_posix()
    return xlsform_rows.questions(path, sheet.table("the survey sheet"), choices, choice_path=choice_path)


def _generic(sheet: _Sheet, path: str, header: list[str]) -> list[Question]:
    qcol = next((header.index(n) for n in ("question", "text", "label") if n in header), None)
    if qcol is None:
        shown = ", ".join(h for h in header if h) or "none"
        line = sheet.lines.position(sheet.records[0][0])[0] if sheet.records else None
        raise InputError(path, f"no 'question', 'text' or 'label' column; found: {shown}", line)
    id_col = header.index("id") if "id" in header else None
    type_col = header.index("type") if "type" in header else None
    choices_col = header.index("choices") if "choices" in header else None
    out: list[Question] = []
    for _, fields in sheet.records[1:]:
        if qcol >= len(fields) or not fields[qcol].value.strip():
            continue
        text, line, column, offsets = sheet.locate(fields[qcol])
        qtype = "unknown"
        if type_col is not None and type_col < len(fields) and fields[type_col].value.strip():
            raw = fields[type_col].value.strip()
            qtype = _TYPE_ALIASES.get(raw.lower(), raw.lower())
            if qtype not in QUESTION_TYPES:
                match = difflib.get_close_matches(raw.lower(), QUESTION_TYPES, n=1, cutoff=0.6)
                hint = f" (did you mean {match[0]!r}?)" if match else ""
                tline, tcol = sheet.lines.position(fields[type_col].start)
                raise InputError(path, f"type {raw!r} is not one of {', '.join(QUESTION_TYPES)}{hint}",
                                 tline, tcol)
        choices: list[Choice] = []
        if choices_col is not None and choices_col < len(fields) and fields[choices_col].value.strip():
            f = fields[choices_col]
            sep = "|" if "|" in f.value else ";"
            begin = 0
            for part in f.value.split(sep):
                if part.strip():
                    ctext, cline, ccol, _ = sheet.locate(f, begin, begin + len(part))
                    choices.append(Choice(ctext, cline, ccol))
                begin += len(part) + 1
        qid = fields[id_col].value.strip() if id_col is not None and id_col < len(fields) else ""
        out.append(Question(text=text, path=path, line=line, column=column, offsets=offsets,
                            id=qid or None, type=qtype, choices=tuple(choices)))
    return out


def extract(text: str, path: str) -> list[Question]:
    """Questions of an XLSForm survey CSV or of a CSV with a question column."""
    try:
        sheet = _Sheet(text, path, "")
        header = _header(sheet)
        if not sheet.records:
            return []
        if "list_name" in header or "list name" in header:
            raise NotASurvey("an XLSForm choices sheet (list_name column); it is read with its survey sheet")
        if "form_title" in header or "form_id" in header:
            raise NotASurvey("an XLSForm settings sheet, not questions")
        has_label = any(h == "label" or h.startswith("label:") for h in header)
        if "type" in header and "name" in header and (has_label or not {"question", "text"} & set(header)):
            return _xlsform(sheet, path)
        return _generic(sheet, path, header)
    except RecursionError:
        raise InputError(path, "CSV too complex to read") from None
