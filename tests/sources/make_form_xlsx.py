"""Build examples/xlsform/form.xlsx from examples/xlsform/survey.csv and choices.csv.

Run ``python tests/sources/make_form_xlsx.py`` after editing the CSVs and commit
the workbook.  The output is byte-for-byte reproducible (fixed document dates
and zip timestamps), and tests/sources/test_xlsform.py checks that the workbook
and the CSVs give the same questions.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "xlsform"
FIXED = datetime(2024, 1, 1)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.reader(fh)]


def build(directory: Path = EXAMPLES) -> bytes:
    wb = openpyxl.Workbook()
    survey = wb.active
    survey.title = "survey"
    for row in _rows(directory / "survey.csv"):
        survey.append([cell or None for cell in row])
    choices = wb.create_sheet("choices")
    for row in _rows(directory / "choices.csv"):
        choices.append([cell or None for cell in row])
    settings = wb.create_sheet("settings")
    settings.append(["form_title", "form_id", "default_language"])
    settings.append(["Post-workshop feedback", "post_workshop_feedback", "English (en)"])
    wb.properties.creator = "askwell"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    raw = io.BytesIO()
    wb.save(raw)
    # rewrite the archive with fixed timestamps so the bytes do not change between runs
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)
    return out.getvalue()


if __name__ == "__main__":
    target = EXAMPLES / "form.xlsx"
    target.write_bytes(build())
    print(f"wrote {target}")
