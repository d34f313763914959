"""Any list of the window saved as an Excel workbook (导出当前列表到 Excel).

The rows are the ones the clerk sees, with the filters applied, as text: a workbook for
reading, sorting and printing in WPS, not for importing back (that is the exchange package).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from app.storage.safe_write import writing

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_SHEET_NAME_BAD = "[]:*?/\\"


def sheet_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if c in _SHEET_NAME_BAD else c for c in title).strip() or "列表"
    return cleaned[:31]


def write_list_workbook(
    path: str | Path, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> int:
    """Write ``rows`` under ``headers`` to ``path`` (heading row frozen, 筛选 on it); the row count.

    Cells are written as text, so that a value starting with “=” stays text and an ID
    number keeps all its digits. The file is whole or absent (:func:`writing`).
    """
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(title)
    bold = Font(bold=True)
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column, value=str(header))
        cell.font = bold
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
    widths = [max(4, len(str(h)) * 2 + 2) for h in headers]
    for r, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            text = "" if value is None else str(value)
            cell = sheet.cell(row=r, column=column)
            cell.value = text
            cell.data_type = "s"  # text as shown, never a formula or a rounded number
            if column <= len(widths):
                # Chinese characters are about two Latin ones wide
                width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) + 2
                widths[column - 1] = max(widths[column - 1], min(width, 60))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    if headers:
        last = get_column_letter(len(headers))
        sheet.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    with writing(path) as partial:
        book.save(partial)
    return len(rows)
