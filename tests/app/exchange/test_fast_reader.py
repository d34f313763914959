"""The fast reader (python-calamine) reads what openpyxl reads; openpyxl keeps what needs it."""

from __future__ import annotations

import datetime as dt

import openpyxl

from app.exchange import export_package
from app.exchange import write_template
from app.exchange.checksum import canonical
from app.exchange.reader import ExchangeWorkbook
from app.exchange.reader import python_calamine


def _both(path):
    """Every sheet read by the fast reader and by openpyxl, as (row, column, canonical value)."""
    fast, slow = ExchangeWorkbook(path), ExchangeWorkbook(path)
    slow._with_formulas = {ws._worksheet_path for ws in slow.book.worksheets}  # openpyxl for all
    try:
        out = []
        for title in fast.sheet_titles:
            pair = []
            for book in (fast, slow):
                data = book.read_sheet(title)
                # only "e" and "nocache" are relied upon (see reader.Cell)
                cells = [
                    (r, c, canonical(v), t if t in ("e", "nocache") else "")
                    for r, row in data.rows
                    for c, v, t in row
                ]
                pair.append((cells, sorted(data.merged)))
            out.append((title, *pair))
        used_fast = fast._fast not in (None, False)
    finally:
        fast.close()
        slow.close()
    return out, used_fast


def test_a_package_reads_the_same_with_both_readers(town, tmp_path):
    path = tmp_path / "包.xlsx"
    export_package(town["v1"], path)
    sheets, used_fast = _both(path)
    assert used_fast is (python_calamine is not None)
    for title, fast, slow in sheets:
        assert fast == slow, title
    assert sum(len(fast[0]) for _t, fast, _s in sheets) > 20


def test_a_hand_filled_template_reads_the_same_with_both_readers(town, tmp_path):
    path = tmp_path / "模板.xlsx"
    write_template(town["v1"], path)
    book = openpyxl.load_workbook(path)
    ws = book["办实事"]
    for column, value in zip(
        "ABCDEFG", ("王建国 ", dt.date(2022, 5, 1), "帮办代办", "修路\n两段", 3, 2.5, "　"), strict=True
    ):
        ws[f"{column}3"] = value
    ws["B4"] = 44690
    ws["B4"].number_format = 'yyyy"年"m"月"d"日"'
    ws["A5"] = "李秀英"
    ws.merge_cells("A5:A6")
    book.save(path)
    sheets, _used_fast = _both(path)
    for title, fast, slow in sheets:
        assert fast == slow, title


def test_formulas_are_read_by_openpyxl(town, tmp_path):
    path = tmp_path / "模板.xlsx"
    write_template(town["v1"], path)
    book = openpyxl.load_workbook(path)
    book["办实事"]["A3"] = "=B1"
    book.save(path)
    workbook = ExchangeWorkbook(path)
    try:
        part = workbook.book["办实事"]._worksheet_path
        assert part in workbook._with_formulas
        row = dict((r, cells) for r, cells in workbook.read_sheet("办实事").rows)[3]
        assert (1, None, "nocache") in row  # a formula never calculated, told from an empty cell
    finally:
        workbook.close()
