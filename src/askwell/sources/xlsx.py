"""A small reader for the cell values of ``.xlsx`` workbooks (Office Open XML spreadsheets).

askwell needs only the text of each cell and where it is: sheet names, rows and
columns. openpyxl (and numpy, which it imports) took a quarter of a second to import,
most of a cached run over a folder with one workbook; the format itself is a zip of
XML parts, read here with ``zipfile`` and ``xml.etree``:

- ``xl/workbook.xml`` lists the sheets; its relationships part names each sheet's XML;
- ``xl/sharedStrings.xml`` holds the strings cells refer to by index (``t="s"``);
- each sheet's ``<sheetData>`` holds ``<row r="n">`` elements of ``<c r="B3" t="...">`` cells.

Values are shown as a spreadsheet shows them without formatting: shared and inline
strings as written, booleans as TRUE/FALSE, numbers without a trailing ``.0``, the
cached value of a formula. Dates are serial numbers in the file; a number whose cell
style has a date or time format (``xl/styles.xml``) comes back as an ISO date, time or
date-time (``2024-05-01``, ``13:30:00``), in the workbook's 1900 or 1904 date system.
Parts that declare a DTD are refused, so no entity can expand.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from xml.etree import ElementTree

_REF = re.compile(r"([A-Za-z]{1,3})(\d+)$")
# Built-in number formats that show a date or time (ECMA-376 part 1, 18.8.30).
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
# What a custom format code shows literally (quoted text, escaped characters, colours and
# conditions in brackets) is no sign of a date; elapsed-time brackets ([h], [mm]) are.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]', re.IGNORECASE)


def _is_date_format(code: str) -> bool:
    """True when a number format code shows a date or a time (``yyyy-mm-dd``, ``h:mm``)."""
    shown = _FORMAT_LITERALS.sub("", code).lower().replace("general", "")
    return bool(re.search(r"[ydmhs]", shown))


def _as_date(serial: float, date1904: bool) -> str:
    """A date serial number as ISO text: a date, a time of day, or both."""
    if date1904:
        moment = datetime(1904, 1, 1) + timedelta(days=serial)
    elif serial < 60:
        # Excel counts a 29 February 1900 that never was: serials before it are one day later.
        moment = datetime(1899, 12, 31) + timedelta(days=serial)
    else:
        moment = datetime(1899, 12, 30) + timedelta(days=serial)
    moment = (moment + timedelta(microseconds=500_000)).replace(microsecond=0)
    if serial == int(serial):
        return moment.date().isoformat()
    if 0 <= serial < 1:
        return moment.time().isoformat()
    return moment.isoformat(sep=" ")


@dataclass
class Sheet:
    """The non-empty cells of a sheet (row → {column: text}) and whether a limit cut it short."""

    cells: dict[int, dict[int, str]] = field(default_factory=dict)
    rows_cut: bool = False
    columns_cut: bool = False


class WorkbookError(ValueError):
    """The archive is a zip file but not a workbook this reader understands."""


def _local(tag: str) -> str:
    """An element's name without its namespace (transitional and strict OOXML differ there)."""
    return tag.rsplit("}", 1)[-1]


def _parse(zf: zipfile.ZipFile, name: str) -> ElementTree.Element:
    try:
        data = zf.read(name)
    except KeyError:
        raise WorkbookError(f"missing part {name}") from None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise WorkbookError(f"{name} declares a DTD; not read")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise WorkbookError(f"{name} is not well-formed XML ({exc})") from None


def _relationships(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target part name) for ``part``."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in zf.namelist():
        return {}
    found = {}
    for rel in _parse(zf, rels_name):
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
    return found


def _text_of(element: ElementTree.Element) -> str:
    """The text of a string item: its ``<t>``, or its rich-text runs, without phonetic hints."""
    parts = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def column_index(letters: str) -> int:
    """1-based column number of a column name: A → 1, Z → 26, AA → 27."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def column_letters(number: int) -> str:
    """Column name of a 1-based column number: 1 → A, 27 → AA, 500 → SF."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _number(raw: str) -> str:
    try:
        value = float(raw)
    except ValueError:
        return raw
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


class Workbook:
    """The sheets of one workbook, read on demand."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        root_rels = _relationships(zf, "")
        book = next((target for kind, target in root_rels.values() if kind.endswith("/officeDocument")),
                    "xl/workbook.xml")
        rels = _relationships(zf, book)
        self.sheets: dict[str, str] = {}
        for element in _parse(zf, book).iter():
            if _local(element.tag) != "sheet":
                continue
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
            if rid in rels:
                self.sheets[element.get("name", "")] = rels[rid][1]
        shared = next((target for kind, target in rels.values() if kind.endswith("/sharedStrings")), None)
        self.strings: list[str] = []
        if shared and shared in zf.namelist():
            self.strings = [_text_of(si) for si in _parse(zf, shared) if _local(si.tag) == "si"]
        self.date1904 = any(_local(e.tag) == "workbookPr" and e.get("date1904", "").lower() in ("1", "true")
                            for e in _parse(zf, book).iter())
        styles = next((target for kind, target in rels.values() if kind.endswith("/styles")), None)
        self.date_styles = self._date_styles(styles) if styles and styles in zf.namelist() else frozenset()

    def _date_styles(self, part: str) -> frozenset[str]:
        """The cell style indices (``s`` attributes) whose number format shows a date or time."""
        root = _parse(self.zf, part)
        custom = {e.get("numFmtId", ""): e.get("formatCode", "") for e in root.iter() if _local(e.tag) == "numFmt"}
        xfs = next((e for e in root if _local(e.tag) == "cellXfs"), None)
        found = set()
        for index, xf in enumerate(x for x in (xfs if xfs is not None else ()) if _local(x.tag) == "xf"):
            fmt = xf.get("numFmtId", "0")
            if (fmt.isdigit() and int(fmt) in _DATE_FORMAT_IDS) or (fmt in custom and _is_date_format(custom[fmt])):
                found.add(str(index))
        return frozenset(found)

    @property
    def sheetnames(self) -> list[str]:
        """Sheet names in workbook order."""
        return list(self.sheets)

    def _value(self, cell: ElementTree.Element) -> str:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = next((c for c in cell if _local(c.tag) == "is"), None)
            return _text_of(inline) if inline is not None else ""
        raw = next((c.text or "" for c in cell if _local(c.tag) == "v"), "")
        if kind == "s":
            try:
                return self.strings[int(raw)]
            except (ValueError, IndexError):
                raise WorkbookError(f"cell {cell.get('r', '?')} refers to a missing shared string") from None
        if kind == "b":
            return "TRUE" if raw.strip() == "1" else "FALSE"
        if kind in ("str", "e", "d"):
            return raw
        if raw and cell.get("s") in self.date_styles:
            try:
                return _as_date(float(raw), self.date1904)
            except (ValueError, OverflowError):
                pass  # not a date after all (out of range): shown as the number it is
        return _number(raw) if raw else ""

    def rows(self, name: str, max_rows: int, max_columns: int) -> dict[int, dict[int, str]]:
        """Row number → {column number: text} for the non-empty cells of sheet ``name``."""
        return self.read(name, max_rows, max_columns).cells

    def read(self, name: str, max_rows: int, max_columns: int) -> Sheet:
        """The non-empty cells of sheet ``name`` within the limits, and whether any lay beyond them."""
        out = Sheet()
        sheet = _parse(self.zf, self.sheets[name])
        row_number = 0
        for row in sheet.iter():
            if _local(row.tag) != "row":
                continue
            row_number = int(row.get("r", row_number + 1))
            column = 0
            for cell in row:
                if _local(cell.tag) != "c":
                    continue
                match = _REF.match(cell.get("r", ""))
                column = column_index(match.group(1)) if match else column + 1
                if row_number > max_rows or column > max_columns:
                    if self._value(cell):  # formatted but empty cells beyond a limit lose nothing
                        out.rows_cut |= row_number > max_rows
                        out.columns_cut |= column > max_columns
                    continue
                text = self._value(cell)
                if text:
                    out.cells.setdefault(row_number, {})[column] = text
            if out.rows_cut:
                break
        return out
