"""askwell.sources.xlsx reads cell values as openpyxl does, and refuses what it should."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from askwell.sources.xlsx import Workbook, WorkbookError, column_index

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
    assert _hand_made(sheet).rows("Survey ", 5, 3) == {1: {1: "a"}}


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
