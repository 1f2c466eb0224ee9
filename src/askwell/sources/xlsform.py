"""XLSForm workbooks (``.xlsx``): ``survey``, ``choices`` and ``settings`` sheets.

Read with openpyxl in read-only, values-only mode (formulas give their cached
value).  A question's line is its row in the ``survey`` sheet and its column
the 1-based index of its label column; every character of a cell maps to that
cell.  Choices carry their row and column in the ``choices`` sheet.  A
workbook without a ``survey`` sheet is not a survey.  See ``xlsform_rows`` for
the type mapping.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

from askwell.errors import InputError, NotASurvey
from askwell.model import Question
from askwell.sources import xlsform_rows

BINARY = True

# Guards against zip bombs and absurd sheets: no survey comes near these.
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 500


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def _table(ws, name: str) -> xlsform_rows.Table:  # noqa: ANN001 - openpyxl worksheet
    ws.reset_dimensions()  # trust the cells, not the (often wrong) stored dimension
    header: list[str] | None = None
    rows: list[tuple[int, dict[int, xlsform_rows.Cell]]] = []
    for number, values in enumerate(ws.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True), start=1):
        if number > MAX_ROWS:
            break
        texts = [_text(v) for v in values]
        if header is None:
            if any(t.strip() for t in texts):
                header = texts
            continue
        cells = {i: xlsform_rows.Cell(t, number, i + 1) for i, t in enumerate(texts) if t.strip()}
        if cells:
            rows.append((number, cells))
    return xlsform_rows.Table(name, header or [], rows)


def _read(data: bytes, path: str) -> tuple[xlsform_rows.Table, xlsform_rows.Table | None, str | None]:
    import openpyxl  # imported only when a workbook is read

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if sum(info.file_size for info in zf.infolist()) > MAX_UNZIPPED:
                raise InputError(path, "workbook expands to more than 200 MB; not read")
    except zipfile.BadZipFile:
        raise InputError(path, "not an .xlsx workbook (not a zip archive)") from None

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = {name.strip().lower(): name for name in wb.sheetnames}
        if "survey" not in sheets:
            shown = ", ".join(wb.sheetnames) or "none"
            raise NotASurvey(f"not an XLSForm (no 'survey' sheet; sheets: {shown})")
        survey = _table(wb[sheets["survey"]], f"sheet {sheets['survey']!r}")
        choices = _table(wb[sheets["choices"]], f"sheet {sheets['choices']!r}") if "choices" in sheets else None
        title = None
        if "settings" in sheets:
            settings = _table(wb[sheets["settings"]], "sheet 'settings'")
            col = settings.column("form_title")
            if col is not None and settings.rows and col in settings.rows[0][1]:
                title = settings.rows[0][1][col].text.strip() or None
    finally:
        wb.close()
    return survey, choices, title


def extract(data: bytes, path: str) -> list[Question]:
    """Questions of an XLSForm workbook; InputError for anything unreadable."""
    try:
        survey, choices, title = _read(data, path)
    except (InputError, NotASurvey):
        raise
    except RecursionError:
        raise InputError(path, "workbook too deeply nested to read") from None
    except Exception as exc:  # openpyxl and its XML parsers raise many kinds on damaged files
        detail = " ".join(str(exc).split()) or "damaged workbook"
        raise InputError(path, f"cannot read workbook: {exc.__class__.__name__}: {detail[:200]}") from None
    return xlsform_rows.questions(path, survey, choices, title=title)
