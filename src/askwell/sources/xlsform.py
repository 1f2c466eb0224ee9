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

from askwell.errors import InputError, InputErrors, NotASurvey
from askwell.model import Question
from askwell.sources import xlsform_rows
from askwell.sources.xlsx import Workbook, WorkbookError, column_letters

BINARY = True

# Guards against zip bombs and absurd sheets: no survey comes near these.
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 500


def _table(book: Workbook, sheet: str, name: str, path: str, cut: list[InputError]) -> xlsform_rows.Table:
    """A sheet as a header row and numbered rows of non-empty cells (1-based columns).

    Cells beyond the row and column limits are not read; each limit that cut the sheet
    short is added to ``cut`` as a problem naming it.
    """
    header: list[str] | None = None
    rows: list[tuple[int, dict[int, xlsform_rows.Cell]]] = []
    read = book.read(sheet, MAX_ROWS, MAX_COLUMNS)
    if read.rows_cut:
        cut.append(InputError(path, f"{name} has cells past row {MAX_ROWS:,}, askwell's limit; "
                              "the rows after it were not read", MAX_ROWS + 1))
    if read.columns_cut:
        cut.append(InputError(path, f"{name} has cells past column {MAX_COLUMNS} ({column_letters(MAX_COLUMNS)}), askwell's limit; "
                              "the columns after it were not read"))
    for number, values in sorted(read.cells.items()):
        if header is None:
            if any(t.strip() for t in values.values()):
                header = [values.get(col, "") for col in range(1, max(values) + 1)]
            continue
        cells = {col - 1: xlsform_rows.Cell(t, number, col) for col, t in values.items() if t.strip()}
        if cells:
            rows.append((number, cells))
    return xlsform_rows.Table(name, header or [], rows)


def _read(data: bytes, path: str,
          cut: list[InputError]) -> tuple[xlsform_rows.Table, xlsform_rows.Table | None, dict[str, str | None]]:
    """The survey and choices sheets, and the settings askwell uses (form_title, default_language)."""
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
        survey = _table(book, sheets["survey"], f"sheet {sheets['survey']!r}", path, cut)
        choices = (_table(book, sheets["choices"], f"sheet {sheets['choices']!r}", path, cut)
                   if "choices" in sheets else None)
        found: dict[str, str | None] = {"form_title": None, "default_language": None}
        if "settings" in sheets:
            settings = _table(book, sheets["settings"], "sheet 'settings'", path, cut)
            for key in found:
                col = settings.column(key)
                if col is not None and settings.rows and col in settings.rows[0][1]:
                    found[key] = settings.rows[0][1][col].text.strip() or None
    return survey, choices, found


def extract(data: bytes, path: str) -> list[Question]:
    """Questions of an XLSForm workbook; InputError for anything unreadable."""
    cut: list[InputError] = []
    try:
        survey, choices, settings = _read(data, path, cut)
    except (InputError, NotASurvey):
        raise
    except RecursionError:
        raise InputError(path, "workbook too deeply nested to read") from None
    except WorkbookError as exc:
        raise InputError(path, f"cannot read workbook: {exc}") from None
    except Exception as exc:  # zipfile and the XML parser raise many kinds on damaged files
        detail = " ".join(str(exc).split()) or "damaged workbook"
        raise InputError(path, f"cannot read workbook: {exc.__class__.__name__}: {detail[:200]}") from None
    questions = xlsform_rows.questions(path, survey, choices, title=settings["form_title"],
                                       default_language=settings["default_language"])
    if cut:
        raise InputErrors(cut, questions)  # what was read is linted; the limit is an error (exit 2)
    return questions
