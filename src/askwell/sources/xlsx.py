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
cached value of a formula. Dates are numbers in the file and stay serial numbers here
(XLSForm labels are text). Parts that declare a DTD are refused, so no entity can expand.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from xml.etree import ElementTree

_REF = re.compile(r"([A-Za-z]{1,3})(\d+)$")


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
        return _number(raw) if raw else ""

    def rows(self, name: str, max_rows: int, max_columns: int) -> dict[int, dict[int, str]]:
        """Row number → {column number: text} for the non-empty cells of sheet ``name``."""
        out: dict[int, dict[int, str]] = {}
        sheet = _parse(self.zf, self.sheets[name])
        row_number = 0
        for row in sheet.iter():
            if _local(row.tag) != "row":
                continue
            row_number = int(row.get("r", row_number + 1))
            if row_number > max_rows:
                break
            column = 0
            for cell in row:
                if _local(cell.tag) != "c":
                    continue
                match = _REF.match(cell.get("r", ""))
                column = column_index(match.group(1)) if match else column + 1
                if column > max_columns:
                    continue
                text = self._value(cell)
                if text:
                    out.setdefault(row_number, {})[column] = text
        return out
