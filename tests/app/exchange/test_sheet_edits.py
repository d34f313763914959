"""Edits made in the spreadsheet: a corrected cell of an exported package is a change, never 无变化."""

from __future__ import annotations

import datetime as dt

import openpyxl

from app.exchange import CHANGED
from app.exchange import CONFLICT
from app.exchange import UNCHANGED
from app.exchange import apply_plan
from app.exchange import export_package
from app.exchange import plan_import
from models import Deed
from models import Member


def _package_with_a_deed(town, tmp_path):
    member = Member.get(name="王建国")
    deed = Deed.create(member=member, date=dt.date(2022, 6, 1), kind="其他", title="修水渠", result="已修好")
    path = tmp_path / "包.xlsx"
    export_package(town["v1"], path)
    return deed, path


def _edit(path, sheet: str, header: str, value) -> None:
    """Change one cell of the first data row the way Excel would: open, type, save."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    column = next(c.column for c in ws[1] if c.value == header)
    ws.cell(row=2, column=column, value=value)
    book.save(path)


def test_a_cell_corrected_in_excel_is_a_change(town, tmp_path):
    deed, path = _package_with_a_deed(town, tmp_path)
    before = Deed.get_by_id(deed.id).updated_at
    _edit(path, "办实事", "实事内容", "修水渠和便桥")
    plan = plan_import(path)
    (row,) = [r for r in plan.rows if r.uuid == deed.uuid]
    assert row.status == CHANGED and row.changed_fields == ["title"] and "表格中改过" in row.note
    # every row nobody touched is still seen as unchanged after Excel saved the file
    others = [r.status for r in plan.rows if r.uuid != deed.uuid]
    assert others and set(others) == {UNCHANGED}
    apply_plan(plan)
    after = Deed.get_by_id(deed.id)
    assert after.title == "修水渠和便桥" and after.updated_at > before  # travels on as a new edit
    assert [r.status for r in plan_import(path).rows if r.uuid == deed.uuid] == [UNCHANGED]


def test_an_edit_in_excel_and_one_here_are_a_conflict(town, tmp_path):
    deed, path = _package_with_a_deed(town, tmp_path)
    _edit(path, "办实事", "实事内容", "修水渠和便桥")
    Deed.update(result="验收合格", updated_at=dt.datetime.now()).where(Deed.id == deed.id).execute()
    plan = plan_import(path)
    (row,) = [r for r in plan.rows if r.uuid == deed.uuid]
    assert row.status == CONFLICT and "本机的记录也改过" in row.note
    apply_plan(plan)  # keep this computer's by default
    assert Deed.get_by_id(deed.id).title == "修水渠"
