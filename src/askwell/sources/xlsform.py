"""XLSForm workbooks (``.xlsx``): ``survey``, ``choices`` and ``settings`` sheets.

Read with ``askwell.sources.xlsx`` (cell values only; formulas give their cached
value).  A question's line is its row in the ``survey`` sheet and its column
the 1-based index of its label column; every character of a cell maps to that
cell.  Choices carry their row and column in the ``choices`` sheet.  A
workbook without a ``survey`` sheet is not a survey.  See ``xlsform_rows`` for
the type mapping.
"""

from __future__ import annotations

import io
import zipfile

from askwell.errors import InputError, NotASurvey
from askwell.model import Question
from askwell.sources import xlsform_rows
from askwell.sources.xlsx import Workbook, WorkbookError

BINARY = True

# Guards against zip bombs and absurd sheets: no survey comes near these.
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 500


def _table(book: Workbook, sheet: str, name: str) -> xlsform_rows.Table:
    """A sheet as a header row and numbered rows of non-empty cells (1-based columns)."""
    header: list[str] | None = None
    rows: list[tuple[int, dict[int, xlsform_rows.Cell]]] = []
    for number, values in sorted(book.rows(sheet, MAX_ROWS, MAX_COLUMNS).items()):
        if header is None:
            if any(t.strip() for t in values.values()):
                header = [values.get(col, "") for col in range(1, max(values) + 1)]
            continue
        cells = {col - 1: xlsform_rows.Cell(t, number, col) for col, t in values.items() if t.strip()}
        if cells:
            rows.append((number, cells))
    return xlsform_rows.Table(name, header or [], rows)


def _read(data: bytes, path: str) -> tuple[xlsform_rows.Table, xlsform_rows.Table | None, str | None]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(path, "not an .xlsx workbook (not a zip archive)") from None
    with zf:
        if sum(info.file_size for info in zf.infolist()) > MAX_UNZIPPED:
            raise InputError(path, "workbook expands to more than 200 MB; not read")
        book = Workbook(zf)
        sheets = {name.strip().lower(): name for name in book.sheetnames}
        if "survey" not in sheets:
            shown = ", ".join(book.sheetnames) or "none"
            raise NotASurvey(f"not an XLSForm (no 'survey' sheet; sheets: {shown})")
        survey = _table(book, sheets["survey"], f"sheet {sheets['survey']!r}")
        choices = _table(book, sheets["choices"], f"sheet {sheets['choices']!r}") if "choices" in sheets else None
        title = None
        if "settings" in sheets:
            settings = _table(book, sheets["settings"], "sheet 'settings'")
            col = settings.column("form_title")
            if col is not None and settings.rows and col in settings.rows[0][1]:
                title = settings.rows[0][1][col].text.strip() or None
    return survey, choices, title


def extract(data: bytes, path: str) -> list[Question]:
    """Questions of an XLSForm workbook; InputError for anything unreadable."""
    try:
        survey, choices, title = _read(data, path)
    except (InputError, NotASurvey):
        raise
    except RecursionError:
        raise InputError(path, "workbook too deeply nested to read") from None
    except WorkbookError as exc:
        raise InputError(path, f"cannot read workbook: {exc}") from None
    except Exception as exc:  # zipfile and the XML parser raise many kinds on damaged files
        detail = " ".join(str(exc).split()) or "damaged workbook"
        raise InputError(path, f"cannot read workbook: {exc.__class__.__name__}: {detail[:200]}") from None
    return xlsform_rows.questions(path, survey, choices, title=title)
