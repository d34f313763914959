"""The import preview lists rows that may repeat a stored record and lets the clerk keep them apart."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt

from app import exchange
from models import Deed
from models import Member
from models import Organisation
from models import create_default_campaign
from models import settings
from ui.pages.import_dialog import ImportDialog


@pytest.fixture
def village(db):
    create_default_campaign()
    zd = Organisation.create(code="ZD", name="中共某镇委员会", kind="镇党委")
    settings.put("local_org_code", "ZD")
    village = Organisation.create(code="ZD01", name="红星村党支部", kind="村党支部", parent=zd)
    Member.create(org=village, name="王建国", join_date=dt.date(1990, 3, 1))
    return village


def _filled(village, tmp_path, title: str, name: str):
    path = tmp_path / "模板.xlsx"
    exchange.write_template(village, path)
    book = openpyxl.load_workbook(path)
    ws = book["办实事"]
    headers = {str(c.value).rstrip("*"): c.column for c in ws[1] if c.value}
    row = {"党员": "王建国", "办理日期": "2022-05-01", "实事类别": "帮办代办", "实事内容": title}
    for label, value in row.items():
        ws.cell(row=3, column=headers[label], value=value)
    book.save(tmp_path / name)
    return exchange.plan_import(tmp_path / name)


def test_a_likely_duplicate_can_be_kept_as_a_new_record(qtbot, village, tmp_path, qtmodeltester):
    exchange.apply_plan(_filled(village, tmp_path, "代办医保认证", "一.xlsx"))
    dialog = ImportDialog(_filled(village, tmp_path, "代办低保申请", "二.xlsx"))
    qtbot.addWidget(dialog)
    model = dialog.duplicates
    qtmodeltester.check(model)
    assert model.rowCount() == 1 and "可能与已有记录重复" in model.index(0, 4).data()
    model.setData(model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.merge() is not None
    assert sorted(d.title for d in Deed.select()) == ["代办低保申请", "代办医保认证"]
