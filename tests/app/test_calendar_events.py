"""Events per day for the 日历 tab: every track, deadlines, 政治生日, a village's own only."""

from __future__ import annotations

from rules_town import D
from rules_town import build_town
from rules_town import key_task
from rules_town import problem

from app.calendar_events import event_counts
from app.calendar_events import events_between
from models import Meeting
from models import Member
from models import Milestone
from models import ServiceRequest
from models import Training


def test_events_of_every_kind_on_their_days(db):
    town = build_town()
    meeting = Meeting.create(org=town.east, kind="支委会", date=D(2022, 5, 10), topic="研究五抓五提升")
    Training.create(org=town.west, date=D(2022, 5, 10), form="专题讲座", title="乡村振兴讲座")
    task = key_task(town, town.west, D(2022, 5, 31), title="阵地建设")
    Milestone.create(task=task, title="制定方案", start=D(2022, 5, 1), due=D(2022, 5, 15))
    problem(town.east, D(2022, 5, 20), found=D(2022, 5, 2), description="记录不全", state="已整改")
    ServiceRequest.create(
        org=town.east,
        received=D(2022, 5, 1),
        content="低保复核",
        first_responder=town.members[0],
        deadline=D(2022, 5, 8),
    )
    days = events_between(D(2022, 5, 1), D(2022, 5, 31))
    on_tenth = days[D(2022, 5, 10)]
    assert {(e.kind, e.title, e.org_name) for e in on_tenth} == {
        ("支委会", "研究五抓五提升", "东村"),
        ("专题讲座", "乡村振兴讲座", "西村"),
    }
    assert next(e for e in on_tenth if e.kind == "支委会").record_id == meeting.id
    assert [(e.kind, e.deadline) for e in days[D(2022, 5, 31)]] == [("重点任务完成时限", True)]
    assert days[D(2022, 5, 15)][0].org_name == "西村"
    assert [(e.kind, e.done) for e in days[D(2022, 5, 20)]] == [("政治生日", False), ("问题整改时限", True)]
    assert days[D(2022, 5, 8)][0].done is False and days[D(2022, 5, 8)][0].track == "抓制度"
    birthday = days[D(2022, 5, 3)]
    assert [(e.kind, e.title, e.model) for e in birthday] == [("政治生日", "张一", Member)]


def test_one_village_sees_only_its_events(db):
    town = build_town()
    Meeting.create(org=town.east, kind="支委会", date=D(2022, 5, 10), topic="东村会议")
    Meeting.create(org=town.west, kind="支委会", date=D(2022, 5, 10), topic="西村会议")
    days = events_between(D(2022, 5, 1), D(2022, 5, 31), org_ids=[town.west.id])
    assert [e.title for e in days[D(2022, 5, 10)]] == ["西村会议"]
    assert D(2022, 5, 3) not in days  # 张一 belongs to 东村
    counts = event_counts(D(2022, 4, 1), D(2022, 11, 30))
    assert counts[D(2022, 5, 10)] == 2 and counts[D(2022, 10, 9)] == 1
