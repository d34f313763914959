"""Everything that is scored can be reported by hand: a village filling the template gets the
points a village with the program gets for the same records (帮扶走访, attendance, 政治生日)."""

from __future__ import annotations

import datetime as dt

import openpyxl

from app.exchange import apply_plan, plan_import, write_template
from app.inspection.computed_items import RULES, count_items
from models import (
    Attendance,
    BirthdayCeremony,
    BirthdayHonoree,
    HelpVisit,
    KeyPerson,
    Meeting,
    Member,
    Organisation,
)

D = dt.date
NAMES = ("王建国", "李秀英", "张伟")
MEETINGS = (("支部党员大会", D(2022, 5, 3)), ("主题党日", D(2022, 4, 10)), ("主题党日", D(2022, 5, 10)))
ATTENDED = ("出席", "出席", "请假")


def _put(ws, row: int, values: dict[str, object]) -> None:
    headers = {str(c.value).rstrip("*"): c.column for c in ws[1] if c.value}
    for label, value in values.items():
        ws.cell(row=row, column=headers[label], value=value)


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

    path = tmp_path / "红星村模板.xlsx"
    write_template(v1, path)
    book = openpyxl.load_workbook(path)
    assert {"帮扶走访", "出勤记录", "政治生日活动", "过政治生日的党员"} <= set(book.sheetnames)
    _put(
        book["重点人群"],
        3,
        {"姓名": "某老人", "人群类别": "独居老人", "帮扶党员": "王建国", "结对日期": "2022-4-15"},
    )
    _put(
        book["帮扶走访"],
        3,
        {"帮扶对象": "某老人", "帮扶党员": "王建国", "帮扶日期": "2022-5-20", "帮扶内容": "走访"},
    )
    for row, (kind, day) in enumerate(MEETINGS, start=3):
        _put(book["三会一课"], row, {"会议类型": kind, "日期": day.isoformat(), "主题": kind})
    for row, (name, state) in enumerate(zip(NAMES, ATTENDED, strict=True), start=3):
        _put(book["出勤记录"], row, {"党员": name, "会议": "2022-05-03 支部党员大会", "出勤": state})
    _put(
        book["政治生日活动"], 3, {"活动日期": "2022-6-28", "过政治生日的月份": 3, "活动形式": "重温入党誓词"}
    )
    _put(book["过政治生日的党员"], 3, {"政治生日活动": "2022-06-28", "党员": "王建国"})
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
    path = tmp_path / "模板.xlsx"
    write_template(town["v1"], path)
    book = openpyxl.load_workbook(path)
    _put(book["出勤记录"], 3, {"党员": "王建国", "会议": "2022-05-04 支部党员大会", "出勤": "出席"})
    book.save(path)
    problems = [str(p) for p in plan_import(path).problems()]
    assert any(
        "工作表“出勤记录”第3行" in p and "会议" in p and "2022-05-04 支部党员大会" in p for p in problems
    )
