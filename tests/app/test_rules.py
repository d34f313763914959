"""The rule engine: periods of the campaign, as-of dates, summaries, and the 抓作风 rules."""

from __future__ import annotations

import pytest
from rules_town import D
from rules_town import build_town

from app.campaign_time import as_of_day
from app.campaign_time import campaign_periods
from app.rules import BEHIND
from app.rules import MET
from app.rules import OVERDUE
from app.rules import evaluate
from app.rules import findings_by_village
from app.rules import rule_states
from app.rules import upcoming
from models import Attendance
from models import Meeting
from models import Review
from models import StudySession
from models import settings


def meeting(org, kind, day, group=None):
    return Meeting.create(org=org, group=group, kind=kind, date=day, topic=f"{kind}{day}")


def of(findings, rule, org=None):
    return [f for f in findings if f.rule == rule and (org is None or f.org_id == org.id)]


def test_partial_first_month_and_quarter_count(db):
    town = build_town()
    months = campaign_periods(town.campaign, "月")
    assert [p.start.month for p in months] == [4, 5, 6, 7, 8, 9, 10, 11]
    quarters = campaign_periods(town.campaign, "季度")
    assert [p.label for p in quarters] == ["2022年第2季度", "2022年第3季度", "2022年第4季度"]
    # The fourth quarter is due when the campaign ends, not on 31 December.
    assert quarters[-1].due == D(2022, 11, 30)


def test_a_campaign_starting_late_in_a_month_skips_that_month(db):
    town = build_town()
    town.campaign.start = D(2022, 4, 20)
    months = campaign_periods(town.campaign, "月")
    assert months[0].start == D(2022, 5, 1)


def test_as_of_is_clamped_to_the_campaign_end(db):
    town = build_town()
    assert as_of_day(town.campaign, D(2026, 1, 5)) == D(2022, 11, 30)
    assert as_of_day(town.campaign, D(2022, 6, 1)) == D(2022, 6, 1)


def test_nothing_is_due_at_the_start_of_the_campaign(db):
    build_town()
    findings = evaluate(D(2022, 4, 12))
    # Only the study plan, due at the end of 组织动员 (20 April), is near: behind, not overdue.
    assert {(f.rule, f.state) for f in findings} == {("study_plan", BEHIND)}
    assert evaluate(D(2022, 4, 5)) == []


def test_monthly_meetings_met_behind_and_overdue(db):
    town = build_town()
    meeting(town.east, "支委会", D(2022, 4, 25))
    meeting(town.east, "支委会", D(2022, 5, 10))
    found = of(evaluate(D(2022, 5, 25)), "meetings", town.east)
    committee = [f for f in found if f.subject == "支委会"]
    assert committee == []  # April and May both held
    found = of(evaluate(D(2022, 6, 25)), "meetings", town.east)
    committee = [f for f in found if f.subject == "支委会"]
    assert [(f.state, f.due) for f in committee] == [(BEHIND, D(2022, 6, 30))]
    found = of(evaluate(D(2022, 7, 2)), "meetings", town.east)
    committee = [f for f in found if f.subject == "支委会"]
    assert [(f.state, f.due) for f in committee] == [(OVERDUE, D(2022, 6, 30))]
    assert "2022年6月支委会应开 1 次，已开 0 次" in committee[0].missing


def test_quarterly_meeting_not_due_mid_quarter(db):
    town = build_town()
    found = of(evaluate(D(2022, 6, 10)), "meetings", town.west)
    assert not [f for f in found if f.subject in ("支部党员大会", "党课")]
    found = of(evaluate(D(2022, 7, 1)), "meetings", town.west)
    assert {f.subject for f in found if f.state == OVERDUE} >= {"支部党员大会", "党课"}


def test_group_meetings_are_counted_per_group(db):
    town = build_town()
    meeting(town.east, "党小组会", D(2022, 4, 28), group=town.group)
    found = of(evaluate(D(2022, 5, 3)), "meetings")
    group_findings = [f for f in found if f.subject == "党小组会"]
    assert group_findings == []  # 西村 has no 党小组, 东村's group met in April
    found = of(evaluate(D(2022, 6, 3)), "meetings")
    group_findings = [f for f in found if f.subject == "党小组会"]
    assert [f.org_id for f in group_findings] == [town.east.id]
    assert "东村第一党小组" in group_findings[0].missing


def test_theme_day_as_study_session_counts(db):
    town = build_town()
    StudySession.create(org=town.west, date=D(2022, 4, 22), kind="主题党日", topic="主题党日学习")
    found = of(evaluate(D(2022, 5, 3)), "meetings", town.west)
    assert "主题党日" not in {f.subject for f in found}
    assert "支委会" in {f.subject for f in found}


def test_frequency_is_a_setting(db):
    town = build_town()
    frequency = settings.get("rules.meeting_frequency")
    frequency["支委会"] = ["月", 2]
    settings.put("rules.meeting_frequency", frequency)
    meeting(town.east, "支委会", D(2022, 4, 25))
    found = [f for f in of(evaluate(D(2022, 5, 2)), "meetings", town.east) if f.subject == "支委会"]
    assert found[0].missing.endswith("应开 2 次，已开 1 次")
    assert found[0].count == 1


def test_yearly_meetings_due_at_campaign_end(db):
    town = build_town()
    before = of(evaluate(D(2022, 10, 1)), "meetings", town.east)
    assert not [f for f in before if f.subject in ("组织生活会", "民主评议党员")]
    meeting(town.east, "组织生活会", D(2022, 11, 10))
    Review.create(member=town.members[0], year=2022, rating="合格")
    after = of(evaluate(D(2022, 11, 30), today=D(2023, 1, 1)), "meetings", town.east)
    assert not [f for f in after if f.subject in ("组织生活会", "民主评议党员")]
    west = of(evaluate(D(2022, 11, 30), today=D(2023, 1, 1)), "meetings", town.west)
    assert {f.subject for f in west if f.state == OVERDUE} >= {"组织生活会", "民主评议党员"}


def test_excellent_share_at_most_one_third(db):
    town = build_town()
    east = town.members[:3]
    Review.create(member=east[0], year=2022, rating="优秀")
    Review.create(member=east[1], year=2022, rating="合格")
    Review.create(member=east[2], year=2022, rating="合格")
    assert of(evaluate(D(2022, 11, 20)), "excellent_share") == []
    Review.update(rating="优秀").where(Review.member == east[1].id).execute()
    found = of(evaluate(D(2022, 11, 20)), "excellent_share")
    assert [(f.org_id, f.count) for f in found] == [(town.east.id, 1)]


def _held_three_times(town, kind, states):
    """``kind`` held at 东村 on 25 April, May and June, 张一, 李二 and 王三 there as ``states`` say."""
    for day in (D(2022, 4, 25), D(2022, 5, 25), D(2022, 6, 25)):
        held = meeting(town.east, kind, day)
        for member, state in zip(town.members[:3], states, strict=True):
            Attendance.create(meeting=held, member=member, state=state)


def test_attendance_share_lists_members_below_threshold(db):
    town = build_town()
    wang = town.members[2]
    _held_three_times(town, "主题党日", ("出席", "出席", "缺席"))
    found = of(evaluate(D(2022, 5, 28)), "attendance")
    assert found == []  # only two meetings kept so far: too few to judge
    found = of(evaluate(D(2022, 7, 5)), "attendance")
    assert [f.record_id for f in found] == [wang.id]
    assert "0/3" in found[0].missing
    assert found[0].state == BEHIND


def test_branch_attendance_share_below_threshold(db):
    town = build_town()
    _held_three_times(town, "党课", ("出席", "请假", "缺席"))
    found = of(evaluate(D(2022, 7, 5)), "attendance")
    assert {f.subject for f in found} == {"李二", "王三", ""}
    branch = [f for f in found if f.record_id is None]
    assert "33%" in branch[0].missing


def test_rule_states_and_grouping(db):
    town = build_town()
    meeting(town.east, "支委会", D(2022, 4, 25))
    findings = evaluate(D(2022, 5, 3))
    states = {s.rule: s for s in rule_states(findings)}
    assert states["meetings"].state == OVERDUE
    assert states["meetings"].count == len(of(findings, "meetings"))
    assert states["brand"].state == MET and states["brand"].count == 0
    groups = findings_by_village(findings)
    assert list(groups) == ["ZD01", "ZD02"]


def test_one_village_only(db):
    town = build_town()
    findings = evaluate(D(2022, 5, 3), org_ids=[town.west.id])
    assert findings and {f.org_id for f in findings} == {town.west.id}


def test_upcoming_lists_deadlines_in_the_next_30_days(db):
    town = build_town()
    soon = upcoming(D(2022, 6, 5), org_ids=[town.west.id])
    assert soon and all(D(2022, 6, 5) <= f.due <= D(2022, 7, 5) for f in soon)
    assert {f.subject for f in soon} >= {"支委会", "支部党员大会"}
    assert all(f.state != OVERDUE for f in soon)


@pytest.mark.parametrize("day", [D(2022, 8, 1), D(2022, 11, 30)])
def test_findings_serialise(db, day):
    build_town()
    for finding in evaluate(day):
        data = finding.as_dict()
        assert data["state"] in (BEHIND, OVERDUE)
        assert data["org_code"] in ("ZD01", "ZD02", "ZD")


def test_meetings_due_in_a_quarter_for_the_inspection(db):
    from app.rules import findings_in_period
    from app.rules import meetings_due

    town = build_town()
    for month in (4, 5, 6):
        meeting(town.east, "支委会", D(2022, month, 20))
    meeting(town.east, "党课", D(2022, 5, 5))
    missed = meetings_due(town.east.id, D(2022, 4, 1), D(2022, 6, 30))
    assert {f.subject for f in missed} == {"主题党日", "党小组会", "支部党员大会"}
    assert all(f.state == OVERDUE and D(2022, 4, 1) <= f.due <= D(2022, 6, 30) for f in missed)
    plans = findings_in_period(town.west.id, D(2022, 4, 1), D(2022, 6, 30), ["study_plan"])
    assert [f.rule for f in plans] == ["study_plan"]
