"""一表同享: a village's template pre-filled with what the town holds comes back without a duplicate."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from app.cli import main
from app.delivery.problems import is_pending
from app.exchange import apply_plan
from app.exchange import plan_import
from app.exchange import write_template
from app.exchange.review import accept_resubmission
from app.exchange.review import send_back_record
from app.exchange.sheets import RETURNED_SHEET
from models import RESUBMITTED
from models import Deed
from models import Meeting
from models import Member
from models import Problem
from models import SendBack
from models import close_database


@pytest.fixture
def held(town):
    """What the town already holds of 红星村: two deeds, a meeting, an open and a closed problem."""
    v1, zhang = town["v1"], Member.get(name="张伟")
    Deed.create(member=zhang, date=dt.date(2022, 5, 1), kind="其他", title="修路")
    Deed.create(member=zhang, date=dt.date(2022, 5, 9), kind="帮办代办", title="代办医保")
    Meeting.create(org=v1, kind="支部党员大会", date=dt.date(2022, 5, 3), topic="学习党章")
    for description, state in (("三会一课记录不全", "整改中"), ("已解决的问题", "已销号")):
        Problem.create(
            org=v1,
            found=dt.date(2022, 6, 30),
            description=description,
            responsible="王建国",
            deadline=dt.date(2022, 8, 31),
            state=state,
        )
    send_back_record(Deed.get(title="修路"), "佐证不足", dt.date(2022, 7, 1))
    return town


def _rows(sheet) -> list[tuple]:
    return [r for r in sheet.iter_rows(min_row=3, values_only=True) if any(v not in (None, "") for v in r)]


def _column(sheet, header: str) -> int:
    for cell in sheet[1]:
        if str(cell.value or "").rstrip("*") == header:
            return cell.column
    raise AssertionError(header)


def test_prefilled_template_carries_records_problems_and_send_backs(held, tmp_path):
    out = write_template(held["v1"], tmp_path / "预填.xlsx", prefilled=True)
    book = openpyxl.load_workbook(out)
    deeds = book["办实事"]
    assert sorted(r[_column(deeds, "实事内容") - 1] for r in _rows(deeds)) == ["代办医保", "修路"]
    assert all(r[_column(deeds, "记录标识") - 1] for r in _rows(deeds))  # identities as packages carry
    # the blank rows after the pre-filled ones keep their dropdowns
    kinds = next(v for v in deeds.data_validations.dataValidation if "C2" in str(v.sqref))
    assert str(kinds.sqref).endswith(str(500 + 2 + 1))
    (problem,) = _rows(book["问题台账"])  # the open one only
    assert problem[_column(book["问题台账"], "问题描述") - 1] == "三会一课记录不全"
    returned = list(book[RETURNED_SHEET].iter_rows(min_row=2, values_only=True))
    assert [r[:4] for r in returned] == [("办实事", "2022-05-01 其他", dt.datetime(2022, 7, 1), "佐证不足")]
    assert [c.value for c in book[RETURNED_SHEET][2]][:4] == [
        "办实事",
        "2022-05-01 其他",
        dt.datetime(2022, 7, 1),
        "佐证不足",
    ]

    # sent back unchanged: nothing new, nothing changed, nothing doubled
    plan = plan_import(out)
    assert not plan.problems() and plan.totals()["新增"] == 0 and plan.totals()["修改"] == 0
    apply_plan(plan)
    assert Deed.select().count() == 2 and Problem.select().count() == 2


def test_corrections_come_back_as_modifications_and_a_resubmission(held, tmp_path):
    out = write_template(held["v1"], tmp_path / "预填.xlsx", prefilled=True)
    book = openpyxl.load_workbook(out)
    deeds = book["办实事"]
    title = _column(deeds, "实事内容")
    row = next(r for r in range(3, deeds.max_row + 1) if deeds.cell(row=r, column=title).value == "修路")
    deeds.cell(row=row, column=_column(deeds, "办理结果")).value = "修路300米，附验收单"
    new_row = deeds.max_row + 1
    for header, value in (
        ("党员", "王建国"),
        ("办理日期", dt.date(2022, 7, 5)),
        ("实事类别", "其他"),
        ("实事内容", "清理河道"),
    ):
        deeds.cell(row=new_row, column=_column(deeds, header)).value = value
    problems = book["问题台账"]
    problems.cell(row=3, column=_column(problems, "整改佐证")).value = "已补齐2022年三会一课记录"
    problems.cell(row=3, column=_column(problems, "村报整改完成日期")).value = dt.date(2022, 7, 20)
    book.save(tmp_path / "交回.xlsx")

    plan = plan_import(tmp_path / "交回.xlsx")
    assert not plan.problems()
    assert plan.counts()["办实事"]["新增"] == 1 and plan.counts()["办实事"]["修改"] == 1
    assert plan.counts()["问题台账"]["修改"] == 1
    (again,) = plan.resubmissions()
    assert again.note.startswith("再次报送")
    result = apply_plan(plan)
    assert result.resubmitted == 1 and SendBack.get().state == RESUBMITTED
    assert Deed.select().count() == 3 and Deed.get(title="修路").result == "修路300米，附验收单"
    problem = Problem.get(description="三会一课记录不全")
    assert problem.evidence == "已补齐2022年三会一课记录" and is_pending(problem)

    # the same file again, and a template exported anew and sent back: still no duplicate
    apply_plan(plan_import(tmp_path / "交回.xlsx"))
    again_out = write_template(held["v1"], tmp_path / "再次预填.xlsx", prefilled=True)
    apply_plan(plan_import(again_out))
    assert Deed.select().count() == 3 and Problem.select().count() == 2


def test_a_town_column_changed_in_the_problem_sheet_is_refused(held, tmp_path):
    out = write_template(held["v1"], tmp_path / "预填.xlsx", prefilled=True)
    book = openpyxl.load_workbook(out)
    problems = book["问题台账"]
    problems.cell(row=3, column=_column(problems, "整改状态")).value = "已销号"
    book.save(tmp_path / "改状态.xlsx")
    (refused,) = plan_import(tmp_path / "改状态.xlsx").problems()
    assert refused.sheet == "问题台账" and refused.row == 3 and "由镇党委填写" in refused.expected


def test_export_template_prefilled_on_the_command_line(held, db_location, tmp_path, capsys):
    close_database()
    out = tmp_path / "预填.xlsx"
    db = str(db_location)
    assert main(["export-template", "--db", db, "--org", "ZD01", "--out", str(out), "--prefilled"]) == 0
    assert "预填的填报模板" in capsys.readouterr().out
    assert "问题台账" in openpyxl.load_workbook(out, read_only=True).sheetnames


def test_a_blank_template_also_lists_what_was_sent_back(held, tmp_path):
    book = openpyxl.load_workbook(write_template(held["v1"], tmp_path / "空白.xlsx"))
    assert [r[3] for r in book[RETURNED_SHEET].iter_rows(min_row=2, values_only=True)] == ["佐证不足"]
    assert not _rows(book["办实事"]) and "问题台账" not in book.sheetnames
    accept_resubmission(SendBack.get())  # once accepted, nothing is listed any more
    book = openpyxl.load_workbook(write_template(held["v1"], tmp_path / "空白2.xlsx"))
    assert RETURNED_SHEET not in book.sheetnames


def test_two_meetings_named_alike_are_told_apart_by_the_rows_identity(held, tmp_path):
    """Two 党小组会 on one day: a pre-filled 出勤记录 row names "2022-04-12 党小组会" and its own
    记录标识, which says which of the two meetings it is (found on the demo town)."""
    from models import Attendance
    from models import Organisation

    v1 = held["v1"]
    second = Organisation.create(code="ZD0102", name="红星村第二党小组", kind="党小组", parent=v1)
    for group, name in ((Organisation.get(code="ZD0101"), "王建国"), (second, "李秀英")):
        meeting = Meeting.create(
            org=v1, group=group, kind="党小组会", date=dt.date(2022, 4, 12), topic="学习"
        )
        Attendance.create(member=Member.get(name=name), meeting=meeting)
    plan = plan_import(write_template(v1, tmp_path / "预填.xlsx", prefilled=True))
    assert not plan.problems()
    assert plan.counts()["出勤记录"]["无变化"] == 2 and plan.totals()["新增"] == 0


def test_a_correction_after_an_unchanged_return_is_a_modification_not_a_conflict(held, tmp_path):
    # the village sends its first prefilled template back untouched; later it corrects a record in
    # a new one. Nobody changed that record here: it is the village's 修改, not a conflict that
    # 导入 would settle by keeping the old text.
    apply_plan(plan_import(write_template(held["v1"], tmp_path / "第一次.xlsx", prefilled=True)))
    book = openpyxl.load_workbook(write_template(held["v1"], tmp_path / "第二次.xlsx", prefilled=True))
    meetings = book["三会一课"]
    topic = _column(meetings, "主题")
    meetings.cell(row=3, column=topic).value = "学习党章（村里改正）"
    book.save(tmp_path / "改正.xlsx")
    plan = plan_import(tmp_path / "改正.xlsx")
    assert plan.counts()["三会一课"]["修改"] == 1 and plan.totals()["冲突"] == 0
    apply_plan(plan)
    assert Meeting.get().topic == "学习党章（村里改正）"
    # and a record the town did change meanwhile still is a conflict, named as such
    Meeting.update(topic="学习新党章", updated_at=dt.datetime.now()).execute()
    plan = plan_import(tmp_path / "改正.xlsx")
    assert plan.counts()["三会一课"]["冲突"] == 1
