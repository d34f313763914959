"""Everything that is scored can be reported by hand: a village filling the template gets the
points a village with the program gets for the same records (帮扶走访, attendance, 政治生日)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest
from exchange_helpers import put
from exchange_helpers import template

from app.exchange import apply_plan
from app.exchange import plan_import
from app.inspection.computed_items import RULES
from app.inspection.computed_items import count_items
from models import Attendance
from models import BirthdayCeremony
from models import BirthdayHonoree
from models import HelpVisit
from models import KeyPerson
from models import Meeting
from models import Member
from models import Organisation

D = dt.date
NAMES = ("王建国", "李秀英", "张伟")
MEETINGS = (("支部党员大会", D(2022, 5, 3)), ("主题党日", D(2022, 4, 10)), ("主题党日", D(2022, 5, 10)))
ATTENDED = ("出席", "出席", "请假")


def _program_village(town) -> Organisation:
    """The second village keeps the same records with the program."""
    v2 = town["v2"]
    Organisation.create(code="ZD0201", name="东风村第一党小组", kind="党小组", parent=v2)
    Member.delete().where(Member.org == v2).execute()
    members = [Member.create(org=v2, name=n, join_date=D(1990 + i, 3, 1)) for i, n in enumerate(NAMES)]
    person = KeyPerson.create(org=v2, name="某老人", kind="独居老人", helper=members[0], since=D(2022, 4, 15))
    HelpVisit.create(key_person=person, member=members[0], date=D(2022, 5, 20), content="走访")
    for kind, day in MEETINGS:
        meeting = Meeting.create(org=v2, kind=kind, date=day, topic=kind)
        if kind == "支部党员大会":
            for member, state in zip(members, ATTENDED, strict=True):
                Attendance.create(member=member, meeting=meeting, state=state)
    ceremony = BirthdayCeremony.create(org=v2, date=D(2022, 6, 28), month=3, form="重温入党誓词")
    BirthdayHonoree.create(ceremony=ceremony, member=members[0])
    return v2


def test_a_hand_filling_village_scores_as_a_program_village(town, tmp_path):
    v1, v2 = town["v1"], _program_village(town)
    before = count_items("2022Q2", [v1.id])
    assert before["key_people_helped"][v1.id].status == "不适用"  # none registered yet
    assert before["attendance_rate"][v1.id].status == "未报送"

    path = template(town, tmp_path, "红星村模板.xlsx")
    book = openpyxl.load_workbook(path)
    assert {"帮扶走访", "出勤记录", "政治生日活动", "过政治生日的党员"} <= set(book.sheetnames)
    put(
        book["重点人群"],
        3,
        {"姓名": "某老人", "人群类别": "独居老人", "帮扶党员": "王建国", "结对日期": "2022-4-15"},
    )
    put(
        book["帮扶走访"],
        3,
        {"帮扶对象": "某老人", "帮扶党员": "王建国", "帮扶日期": "2022-5-20", "帮扶内容": "走访"},
    )
    for row, (kind, day) in enumerate(MEETINGS, start=3):
        put(book["三会一课"], row, {"会议类型": kind, "日期": day.isoformat(), "主题": kind})
    for row, (name, state) in enumerate(zip(NAMES, ATTENDED, strict=True), start=3):
        put(book["出勤记录"], row, {"党员": name, "会议": "2022-05-03 支部党员大会", "出勤": state})
    put(book["政治生日活动"], 3, {"活动日期": "2022-6-28", "过政治生日的月份": 3, "活动形式": "重温入党誓词"})
    put(book["过政治生日的党员"], 3, {"政治生日活动": "2022-06-28", "党员": "王建国"})
    book.save(path)

    plan = plan_import(path)
    assert plan.problems() == []
    apply_plan(plan)
    assert Attendance.select().join(Meeting).where(Meeting.org == v1).count() == 3
    assert HelpVisit.select().join(KeyPerson).where(KeyPerson.org == v1).count() == 1
    assert BirthdayHonoree.select().join(BirthdayCeremony).where(BirthdayCeremony.org == v1).count() == 1

    after = count_items("2022Q2", [v1.id, v2.id])
    hand = {key: after[key][v1.id].fraction for key in RULES}
    program = {key: after[key][v2.id].fraction for key in RULES}
    assert hand == program
    assert hand["key_people_helped"] == 1.0 and hand["attendance_rate"] == 2 / 3
    assert after["attendance_rate"][v1.id].status == ""


def test_attendance_naming_a_meeting_that_is_not_there_is_refused_where_it_is(town, tmp_path):
    path = template(town, tmp_path)
    book = openpyxl.load_workbook(path)
    put(book["出勤记录"], 3, {"党员": "王建国", "会议": "2022-05-04 支部党员大会", "出勤": "出席"})
    book.save(path)
    problems = [str(p) for p in plan_import(path).problems()]
    assert any(
        "工作表“出勤记录”第3行" in p and "会议" in p and "2022-05-04 支部党员大会" in p for p in problems
    )


def _dropdown_values(book, ws, header: str) -> list:
    """The values a dropdown of ``ws``'s column ``header`` offers, as the spreadsheet computed them."""
    letter = next(c.column_letter for c in ws[1] if str(c.value).rstrip("*") == header)
    source = next(
        str(v.formula1) for v in ws.data_validations.dataValidation if str(v.sqref).startswith(letter)
    )
    sheet, cells = source.lstrip("=").split("!")
    first, last = cells.replace("$", "").split(":")
    return [c.value for (c,) in book[sheet.strip("'")][f"{first}:{last}"]]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice to compute the formulas")
def test_a_meeting_typed_on_the_same_file_is_in_the_attendance_dropdown(town, tmp_path):
    Member.create(org=town["v1"], name="赵敏", join_date=D(1995, 3, 1))
    Meeting.create(org=town["v1"], kind="党小组会", date=D(2022, 4, 20), topic="已报送")
    path = template(town, tmp_path)
    book = openpyxl.load_workbook(path)
    put(book["三会一课"], 3, {"会议类型": "支部党员大会", "日期": D(2022, 5, 3), "主题": "学习"})
    put(book["三会一课"], 4, {"会议类型": "党课", "日期": "2022.6.7", "主题": "党课"})  # typed as text
    put(
        book["政治生日活动"],
        3,
        {"活动日期": D(2022, 6, 28), "过政治生日的月份": 3, "活动形式": "重温入党誓词"},
    )
    book.save(path)
    # What Excel, WPS and LibreOffice show: the formulas computed by LibreOffice itself.
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--calc", "--convert-to", "xlsx",
         "--outdir", str(tmp_path / "lo"), str(path)],
        check=False, capture_output=True, timeout=120,
    )  # fmt: skip
    if not (tmp_path / "lo" / path.name).exists():
        pytest.skip("LibreOffice Calc is not installed (only Writer): the formulas cannot be computed here")
    computed = openpyxl.load_workbook(tmp_path / "lo" / path.name, data_only=True)
    offered = [v for v in _dropdown_values(computed, computed["出勤记录"], "会议") if v]
    assert offered == ["2022-04-20 党小组会", "2022-05-03 支部党员大会", "2022.6.7 党课"]
    assert [v for v in _dropdown_values(computed, computed["过政治生日的党员"], "政治生日活动") if v] == [
        "2022-06-28"
    ]

    # the clerk picks them from the dropdown; the file's own meetings are recognised
    for row, meeting in enumerate(offered, start=3):
        put(book["出勤记录"], row, {"党员": "赵敏", "会议": meeting, "出勤": "出席"})
    put(book["过政治生日的党员"], 3, {"政治生日活动": "2022-06-28", "党员": "赵敏"})
    book.save(path)
    plan = plan_import(path)
    assert plan.problems() == []
    apply_plan(plan)
    attended = {
        (a.meeting.date, a.meeting.kind)
        for a in Attendance.select().join(Member).where(Member.name == "赵敏")
    }
    assert attended == {
        (D(2022, 4, 20), "党小组会"),
        (D(2022, 5, 3), "支部党员大会"),
        (D(2022, 6, 7), "党课"),
    }
    assert BirthdayHonoree.select().join(Member).where(Member.name == "赵敏").count() == 1


def test_a_meeting_written_with_another_date_style_is_the_files_own_meeting(town, tmp_path):
    path = template(town, tmp_path)
    book = openpyxl.load_workbook(path)
    put(book["三会一课"], 3, {"会议类型": "党课", "日期": "2022-06-07", "主题": "党课"})
    put(book["出勤记录"], 3, {"党员": "王建国", "会议": "2022.6.7 党课", "出勤": "出席"})
    put(book["出勤记录"], 4, {"党员": "王建国", "会议": "2022年6月8日 党课", "出勤": "出席"})
    book.save(path)
    problems = [str(p) for p in plan_import(path).problems()]
    assert len(problems) == 1 and "第4行" in problems[0] and "2022年6月8日 党课" in problems[0]
