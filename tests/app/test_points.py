"""党员量化积分: the ledger explains every point and adds up to the total; ranks; the scheme is a setting."""

from __future__ import annotations

from rules_town import D
from rules_town import build_town

from app.points import bottom_members
from app.points import member_ledger
from app.points import member_totals
from models import Attendance
from models import Deed
from models import Meeting
from models import Reflection
from models import Service
from models import StudySession
from models import settings


def _meeting(org, kind, day, states):
    meeting = Meeting.create(org=org, kind=kind, date=day, topic=f"{kind}学习")
    for member, state in states.items():
        Attendance.create(meeting=meeting, member=member, state=state)
    return meeting


def test_ledger_explains_each_point_and_sums_to_total(db):
    town = build_town()
    zhang, li, wang, zhao = town.members
    _meeting(town.east, "主题党日", D(2022, 5, 5), {zhang: "出席", li: "请假", wang: "缺席"})
    _meeting(town.east, "党课", D(2022, 6, 5), {zhang: "出席", li: "出席", wang: "缺席"})
    Deed.create(member=zhang, date=D(2022, 6, 1), kind="帮办代办", title="代办社保")
    Service.create(member=zhang, date=D(2022, 6, 2), kind="志愿服务", content="清扫")
    Reflection.create(member=zhang, date=D(2022, 6, 3), title="学习心得")
    entries, total = member_ledger(zhang.id, D(2022, 11, 30))
    # base 60 + 2 meetings + deed 3 + service 2 + reflection 3
    assert total == 70
    assert sum(e.points for e in entries) == total
    assert [e.label for e in entries][0] == "基础分"
    assert {e.model for e in entries if e.model} == {Meeting, Deed, Service, Reflection}
    entries, total = member_ledger(wang.id, D(2022, 11, 30))
    assert total == 56 and [e.points for e in entries[1:]] == [-2, -2]
    entries, total = member_ledger(li.id, D(2022, 11, 30))
    assert total == 61  # 请假 costs nothing


def test_totals_match_ledgers_and_rank(db):
    town = build_town()
    zhang, li, wang, zhao = town.members
    _meeting(town.east, "主题党日", D(2022, 5, 5), {zhang: "出席", li: "出席", wang: "缺席"})
    Deed.create(member=zhao, date=D(2022, 6, 1), kind="帮办代办", title="代办")
    totals = {p.name: p for p in member_totals(D(2022, 11, 30))}
    for point in totals.values():
        assert member_ledger(point.member_id, D(2022, 11, 30))[1] == point.total
    assert totals["赵四"].total == 63 and totals["赵四"].town_rank == 1 and totals["赵四"].branch_rank == 1
    assert totals["张一"].town_rank == totals["李二"].town_rank == 2
    assert totals["王三"].branch_rank == 3 and totals["王三"].town_rank == 4
    bottom = bottom_members(D(2022, 11, 30), org_ids=[town.east.id], count=1)
    assert [p.name for p in bottom] == ["王三"]


def test_caps_and_scheme_from_settings(db):
    town = build_town()
    zhang = town.members[0]
    for day in range(1, 8):
        Reflection.create(member=zhang, date=D(2022, 6, day), title=f"心得{day}")
    entries, total = member_ledger(zhang.id, D(2022, 11, 30))
    assert total == 60 + 15  # 7 × 3 = 21, capped at 15
    assert any(e.label == "单项封顶" and e.points == -6 for e in entries)
    scheme = settings.get("points.scheme")
    scheme["base"] = 100
    scheme["max_total"] = 110
    settings.put("points.scheme", scheme)
    entries, total = member_ledger(zhang.id, D(2022, 11, 30))
    assert total == 110 and sum(e.points for e in entries) == 110


def test_yearly_reset(db):
    town = build_town()
    zhang = town.members[0]
    Deed.create(member=zhang, date=D(2021, 12, 1), kind="帮办代办", title="去年的实事")
    assert member_ledger(zhang.id, D(2022, 11, 30))[1] == 60
    scheme = settings.get("points.scheme")
    scheme["yearly_reset"] = False
    settings.put("points.scheme", scheme)
    # Without a yearly reset, points count from the campaign year's start onward only.
    assert member_ledger(zhang.id, D(2022, 11, 30))[1] == 60
    Deed.create(member=zhang, date=D(2022, 2, 1), kind="帮办代办", title="年初的实事")
    assert member_ledger(zhang.id, D(2022, 11, 30))[1] == 63


def test_missed_study_session_of_counted_kind(db):
    town = build_town()
    zhang = town.members[0]
    session = StudySession.create(org=town.east, date=D(2022, 5, 1), kind="主题党日", topic="主题党日")
    other = StudySession.create(org=town.east, date=D(2022, 5, 2), kind="专题学习", topic="专题")
    Attendance.create(session=session, member=zhang, state="缺席")
    Attendance.create(session=other, member=zhang, state="缺席")
    assert member_ledger(zhang.id, D(2022, 11, 30))[1] == 58


def test_a_deed_earns_points_once_done(db):
    town = build_town()
    zhang = town.members[0]
    Deed.create(member=zhang, date=D(2022, 6, 1), kind="帮办代办", title="代办社保", state="办理中")
    done = Deed.create(member=zhang, date=D(2022, 7, 1), kind="帮办代办", title="代办医保", state="已办结")
    entries, total = member_ledger(zhang.id, D(2022, 11, 30))
    assert total == 63
    assert [e.record_id for e in entries if e.model is Deed] == [done.id]
    assert {p.name: p.total for p in member_totals(D(2022, 11, 30))}["张一"] == 63


def test_a_theme_day_kept_as_meeting_and_study_session_counts_once(db):
    town = build_town()
    zhang, li = town.members[:2]
    _meeting(town.east, "主题党日", D(2022, 5, 5), {zhang: "出席", li: "缺席"})
    session = StudySession.create(org=town.east, date=D(2022, 5, 5), kind="主题党日", topic="重温入党誓词")
    other = StudySession.create(org=town.east, date=D(2022, 6, 8), kind="主题党日", topic="学习交流")
    for row in (session, other):
        Attendance.create(session=row, member=zhang, state="出席")
        Attendance.create(session=row, member=li, state="缺席")
    # 张一: 60 + the meeting + the June session; 李二: 60 − 2 for May − 2 for June.
    assert member_ledger(zhang.id, D(2022, 11, 30))[1] == 62
    assert member_ledger(li.id, D(2022, 11, 30))[1] == 56
    totals = {p.name: p.total for p in member_totals(D(2022, 11, 30))}
    assert (totals["张一"], totals["李二"]) == (62, 56)
