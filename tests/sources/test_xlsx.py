"""askwell.sources.xlsx reads cell values as openpyxl does, and refuses what it should."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from askwell.sources.xlsx import Workbook, WorkbookError, column_index, column_letters

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _openpyxl_book(rows: list[list[object]], title: str = "survey") -> Workbook:
    wb = openpyxl.Workbook()
    wb.active.title = title
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return Workbook(zipfile.ZipFile(io.BytesIO(out.getvalue())))


def _hand_made(sheet_xml: str, strings_xml: str | None = None, ns: str = MAIN) -> Workbook:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("_rels/.rels", f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                    f'Type="{R}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml", f'<workbook xmlns="{ns}" xmlns:r="{R}"><sheets>'
                    '<sheet name="Survey " sheetId="1" r:id="rId1"/></sheets></workbook>')
        shared = (f'<Relationship Id="rId2" Type="{R}/sharedStrings" Target="sharedStrings.xml"/>'
                  if strings_xml else "")
        zf.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                    f'Type="{R}/worksheet" Target="/xl/worksheets/sheet1.xml"/>{shared}</Relationships>')
        zf.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{ns}"><sheetData>{sheet_xml}</sheetData></worksheet>')
        if strings_xml:
            zf.writestr("xl/sharedStrings.xml", f'<sst xmlns="{ns}">{strings_xml}</sst>')
    return Workbook(zipfile.ZipFile(io.BytesIO(out.getvalue())))


def test_values_match_what_openpyxl_wrote() -> None:
    book = _openpyxl_book([["type", "name", "label"], ["integer", "n", 3], [True, 2.5, "Café ✓"], [None, None, "x"]])
    assert book.sheetnames == ["survey"]
    assert book.rows("survey", 100, 100) == {
        1: {1: "type", 2: "name", 3: "label"},
        2: {1: "integer", 2: "n", 3: "3"},
        3: {1: "TRUE", 2: "2.5", 3: "Café ✓"},
        4: {3: "x"},
    }


def test_shared_rich_and_inline_strings_in_strict_namespace() -> None:
    strings = '<si><t>plain</t></si><si><r><t>ri</t></r><r><t xml:space="preserve">ch </t></r><rPh><t>x</t></rPh></si>'
    sheet = ('<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c></row>'
             '<row r="5"><c r="AB5" t="inlineStr"><is><t>inline</t></is></c><c r="B5" t="str"><v>=cached</v></c></row>')
    book = _hand_made(sheet, strings, ns=STRICT)
    assert book.sheetnames == ["Survey "]
    assert book.rows("Survey ", 100, 100) == {2: {1: "plain", 3: "rich "}, 5: {28: "inline", 2: "=cached"}}


def test_limits_on_rows_and_columns() -> None:
    sheet = '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="E1" t="inlineStr"><is><t>e</t></is></c></row>'
    sheet += '<row r="9"><c r="A9" t="inlineStr"><is><t>late</t></is></c></row>'
    book = _hand_made(sheet)
    assert book.rows("Survey ", 5, 3) == {1: {1: "a"}}
    read = book.read("Survey ", 5, 3)
    assert (read.rows_cut, read.columns_cut) == (True, True)
    # empty (formatted) cells beyond a limit cut nothing
    empty = '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="E1" s="1"/></row><row r="9"><c r="A9"/></row>'
    read = _hand_made(empty).read("Survey ", 5, 3)
    assert (read.cells, read.rows_cut, read.columns_cut) == ({1: {1: "a"}}, False, False)


def test_dates_come_back_as_dates() -> None:
    import datetime as dt

    book = _openpyxl_book([["date", "time", "both", "number"],
                           [dt.date(2024, 5, 1), dt.time(13, 30), dt.datetime(2023, 12, 31, 23, 59, 59), 45413]])
    assert book.rows("survey", 10, 10)[2] == {1: "2024-05-01", 2: "13:30:00", 3: "2023-12-31 23:59:59", 4: "45413"}


@pytest.mark.parametrize(("code", "is_date"), [
    ("yyyy-mm-dd", True), ("d/m/yy h:mm", True), ("[h]:mm:ss", True), ("mmm d", True), ("General", False),
    ("0.00", False), ("#,##0", False), ('0 "days"', False), ("[Red]0.0", False), ("0.00E+00", False),
    ("[$€-2] #,##0.00", False),
])
def test_date_format_codes(code: str, is_date: bool) -> None:
    from askwell.sources.xlsx import _is_date_format

    assert _is_date_format(code) is is_date


@pytest.mark.parametrize(("serial", "date1904", "shown"), [
    (1, False, "1900-01-01"), (59, False, "1900-02-28"), (61, False, "1900-03-01"), (45413, False, "2024-05-01"),
    (0.5, False, "12:00:00"), (0, True, "1904-01-01"), (45413.75, False, "2024-05-01 18:00:00"),
])
def test_date_serials(serial: float, date1904: bool, shown: str) -> None:
    from askwell.sources.xlsx import _as_date

    assert _as_date(serial, date1904) == shown


def test_missing_shared_string_and_dtd_are_refused() -> None:
    with pytest.raises(WorkbookError, match="shared string"):
        _hand_made('<row r="1"><c r="A1" t="s"><v>7</v></c></row>', "<si><t>only</t></si>").rows("Survey ", 10, 10)
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("xl/workbook.xml", bomb)
    with pytest.raises(WorkbookError, match="DTD"):
        Workbook(zipfile.ZipFile(io.BytesIO(out.getvalue())))


@pytest.mark.parametrize(("letters", "number"), [("A", 1), ("Z", 26), ("AA", 27), ("AZ", 52), ("SF", 500)])
def test_column_index(letters: str, number: int) -> None:
    assert column_index(letters) == number
    assert column_letters(number) == letters
