"""Bounded work on junk: a cap on errors and on rows, and a check that can be cancelled."""

from __future__ import annotations

import time
import zipfile

import openpyxl
import pytest

from app.exchange import CheckCancelled
from app.exchange import FileRefused
from app.exchange import plan_import
from app.exchange import reader
from app.exchange import write_template
from app.exchange.plan import MAX_PROBLEMS


def _junk(town, tmp_path, rows: int):
    path = tmp_path / "模板.xlsx"
    write_template(town["v1"], path)
    book = openpyxl.load_workbook(path)
    ws = book["办实事"]
    for r in range(3, 3 + rows):
        ws.cell(row=r, column=1, value=f"不存在的人{r}")
        ws.cell(row=r, column=2, value="不是日期")
    out = tmp_path / "垃圾.xlsx"
    book.save(out)
    return out


def test_checking_stops_after_a_thousand_errors(town, tmp_path):
    path = _junk(town, tmp_path, 1500)
    start = time.monotonic()
    plan = plan_import(path)
    problems = plan.problems()
    assert len(problems) <= MAX_PROBLEMS + 1
    assert str(problems[0]).endswith("已发现 1000 处错误，其余未检查，请先改正这些")
    assert time.monotonic() - start < 30


def test_a_sheet_of_too_many_rows_is_refused(town, tmp_path, monkeypatch):
    path = _junk(town, tmp_path, 4100)
    monkeypatch.setattr(reader, "MAX_ROWS", 4000)
    with pytest.raises(FileRefused, match="超过 4000 行"):
        plan_import(path)


def test_the_check_can_be_cancelled(town, tmp_path):
    path = _junk(town, tmp_path, 2500)
    with pytest.raises(CheckCancelled):
        plan_import(path, cancelled=lambda: True)


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_rows_are_counted_in_the_raw_sheet_across_chunk_boundaries(tmp_path, prefix):
    """The row count before parsing: every <row> once, also one cut by a 1 MiB boundary."""
    rows = [
        f'<{prefix}row r="{n}"><{prefix}c r="A{n}"><{prefix}v>{n}</{prefix}v></{prefix}c></{prefix}row>'
        for n in range(1, 3001)
    ]
    body = "".join(rows)
    # pad so that row tags fall on both sides of, and across, the first chunk boundary
    head = "<worksheet><sheetData>"
    cut = (1 << 20) - 2 - len(head) - body.index(f"<{prefix}row", 5000)
    xml = f"{head}{' ' * cut}{body}<{prefix}rowBreaks/></sheetData></worksheet>"
    assert xml.index(f"<{prefix}row", (1 << 20) - 10) == (1 << 20) - 2  # a tag across the boundary
    path = tmp_path / "rows.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", xml)
    with zipfile.ZipFile(path) as archive:
        declares, counted = reader._scan_part(archive, archive.getinfo("xl/worksheets/sheet1.xml"))
    assert (declares, counted) == (False, 3000)  # <rowBreaks> is not a row
