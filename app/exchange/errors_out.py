"""The refused workbook handed back: the same file, bad cells filled red with a comment each.

The village corrects the marked cells and brings the file back; rows that were fine are
recognised on the next import and not duplicated.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from app.storage.safe_write import writing

from .problems import Problem
from .problems import reason

BAD_FILL = PatternFill("solid", fgColor="FFC7CE")
ROW_FILL = PatternFill("solid", fgColor="FFEB9C")


def _first_of_merge(ws, coordinate: str):
    """The cell that shows ``coordinate``: a comment can only sit on a merge's first cell."""
    cell = ws[coordinate]
    if isinstance(cell, MergedCell):
        for merged in ws.merged_cells.ranges:
            if coordinate in merged:
                return ws.cell(row=merged.min_row, column=merged.min_col)
    return cell


def write_errors(source: str | Path, problems: list[Problem], out: str | Path) -> Path:
    """Copy ``source`` to ``out`` with every problem marked on its cell (or its row's first cell)."""
    out = Path(out)
    with Path(source).open("rb") as stream:  # a stream: a real .xlsx named .xls is read too
        book = openpyxl.load_workbook(stream)  # normal mode: cells are changed in place
    by_cell: dict[tuple[str, str], list[str]] = defaultdict(list)
    for problem in problems:
        if problem.sheet not in book.sheetnames:
            continue
        coordinate = f"{problem.column or 'A'}{problem.row}"
        text = f"{problem.header}：{reason(problem.expected)}" if problem.column else problem.expected
        by_cell[(problem.sheet, coordinate)].append(text)
        if not problem.column:
            ws = book[problem.sheet]
            for cell in ws[problem.row]:
                if not isinstance(cell, MergedCell):
                    cell.fill = ROW_FILL
    for (sheet, coordinate), texts in by_cell.items():
        cell = _first_of_merge(book[sheet], coordinate)
        cell.fill = BAD_FILL
        comment = Comment("\n".join(texts), "五抓五提升工作台")
        comment.width, comment.height = 300, 60 + 20 * len(texts)
        cell.comment = comment
    with writing(out) as partial:
        book.save(partial)
    return out
