"""Files that contradict themselves, names from another village's roster, text that does not fit."""

from __future__ import annotations

import json
import zipfile

import openpyxl
import pytest
from exchange_helpers import column_letters
from exchange_helpers import filled
from exchange_helpers import template
from exchange_helpers import valid_id

from app.cli import main
from app.exchange import FileRefused
from app.exchange import export_package
from app.exchange import plan_import
from app.storage.safe_write import WriteFailed
from models import Deed
from models import Member
from models import close_database
from models.fields import CELL_TEXT_LIMIT
from models.schema import validate_values


def _set_info(path, key: str, value: str) -> None:
    book = openpyxl.load_workbook(path)
    ws = book["文件信息"]
    for row in ws.iter_rows():
        if row[0].value == key:
            row[1].value = value
    book.save(path)


def test_a_code_of_one_village_with_the_name_of_another_is_refused(town, tmp_path):
    path = template(town, tmp_path)
    _set_info(path, "org_name", "东风村党支部")
    with pytest.raises(FileRefused) as caught:
        plan_import(path)
    message = str(caught.value)
    assert "自相矛盾" in message and "ZD01" in message and "红星村党支部" in message
    assert "东风村党支部" in message and "ZD02" in message


def test_a_file_for_an_unknown_village_names_the_code_in_the_file(town, tmp_path):
    path = template(town, tmp_path)
    _set_info(path, "org_code", "ZD77")
    with pytest.raises(FileRefused) as caught:
        plan_import(path)
    assert "ZD77" in str(caught.value) and "文件信息" in str(caught.value)


def test_a_name_from_another_villages_roster_is_shown_not_added(town, tmp_path):
    row = {"姓名": "赵强", "入党日期": "2001-07-01", "党员类别": "正式党员"}
    path = filled(town, tmp_path, "党员", [row])
    letters = column_letters(path, "党员")
    plan = plan_import(path)
    (problem,) = plan.problems()
    assert (problem.row, problem.column) == (3, letters["姓名"])
    assert "这个名字是东风村党支部的党员" in str(problem)
    assert any(note.startswith("这些名字是东风村党支部的党员：赵强") for note in plan.notes)
    assert Member.select().where(Member.name == "赵强").count() == 1


def test_the_same_name_with_another_id_number_is_another_person(town, tmp_path):
    row = {
        "姓名": "赵强",
        "入党日期": "2010-07-01",
        "党员类别": "正式党员",
        "身份证号": valid_id("62010219900101555"),
    }
    path = filled(town, tmp_path, "党员", [row])
    plan = plan_import(path)
    assert plan.problems() == [] and plan.totals()["新增"] == 1


def test_a_deed_naming_another_villages_member_says_whose_member_it_is(town, tmp_path):
    row = {"党员": "赵强", "办理日期": "2022-05-01", "实事类别": "帮办代办", "实事内容": "修路"}
    path = filled(town, tmp_path, "办实事", [row])
    letters = column_letters(path, "办实事")
    (problem,) = plan_import(path).problems()
    assert problem.column == letters["党员"] and "东风村党支部的党员" in str(problem)


def _lengthen(path, marker: str, text: str) -> None:
    """Put ``text`` where ``marker`` is, in the file's XML (openpyxl itself cuts at 32,767)."""
    with zipfile.ZipFile(path) as old:
        parts = {info: old.read(info.filename) for info in old.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in parts.items():
            new.writestr(info, data.replace(marker.encode(), text.encode()))


def test_text_longer_than_a_cell_holds_is_refused_with_the_limit(town, tmp_path):
    long = "LONGTEXTMARK"
    row = {
        "党员": "王建国",
        "办理日期": "2022-05-01",
        "实事类别": "帮办代办",
        "实事内容": "修路",
        "办理结果": long,
    }
    path = filled(town, tmp_path, "办实事", [row])
    letters = column_letters(path, "办实事")
    _lengthen(path, long, "修" * (CELL_TEXT_LIMIT + 1))
    (problem,) = plan_import(path).problems()
    assert problem.column == letters["办理结果"] and str(CELL_TEXT_LIMIT) in problem.expected
    short = {**row, "办理结果": "好", "实事内容": "路" * 201}
    path = filled(town, tmp_path, "办实事", [short], "已填2.xlsx")
    (problem,) = plan_import(path).problems()
    assert problem.column == letters["实事内容"] and "最多 200 个字" in problem.expected
    assert Deed.select().count() == 0


def test_an_export_never_cuts_a_text_in_silence(town, tmp_path):
    long = "修" * (CELL_TEXT_LIMIT + 5)
    assert validate_values(Deed, {"result": long})  # the form refuses it
    Deed.create(
        member=Member.get(name="王建国"), date="2022-05-01", kind="帮办代办", title="修路", result=long
    )
    out = tmp_path / "包.xlsx"
    with pytest.raises(WriteFailed) as caught:
        export_package(town["v1"], out)
    assert str(CELL_TEXT_LIMIT) in str(caught.value) and "办实事" in str(caught.value)
    assert not out.exists()


def test_a_dry_run_that_finds_errors_exits_1(db_location, town, tmp_path, capsys):
    db_file = db_location  # the town's database (the db fixture's file)
    row = {"党员": "王建国", "办理日期": "2022-02-30", "实事类别": "帮办代办", "实事内容": "修路"}
    path = filled(town, tmp_path, "办实事", [row])
    close_database()
    code = main(["import-package", "--db", str(db_file), str(path), "--dry-run", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["outcome"] == "仅检查" and report["problems"]
