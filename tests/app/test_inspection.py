"""Inspections: computed items, overrides with a reason, N/A, problems found into the ledger."""

from __future__ import annotations

import datetime as dt

import pytest
from inspection_town import build

from app.campaign_time import QuarterRefused
from app.campaign_time import quarter_label
from app.campaign_time import quarter_range
from app.inspection.computed_items import RULES
from app.inspection.computed_items import count_items
from app.inspection.scoring import InspectionRefused
from app.inspection.scoring import fill_scores
from app.inspection.scoring import record_problem
from app.inspection.scoring import set_score
from app.inspection.scoring import totals
from models import Attendance
from models import Deed
from models import HelpVisit
from models import Inspection
from models import KeyPerson
from models import Meeting
from models import Member
from models import Problem
from models import ScoreItem
from models import ServiceRequest
from models import StudyPlan
from models import StudySession
from models import settings

D = dt.date


def test_quarters():
    assert quarter_range("2022Q2") == (D(2022, 4, 1), D(2022, 6, 30))
    assert quarter_range("2022q4") == (D(2022, 10, 1), D(2022, 12, 31))
    assert quarter_label("2022Q3") == "2022年第三季度"
    with pytest.raises(QuarterRefused, match="2022Q2"):
        quarter_range("2022-2")


def make_inspection(town, org, quarter="2022Q2", day=D(2022, 6, 25)):
    return Inspection.create(
        campaign=town["campaign"],
        org=org,
        kind="季督查",
        quarter=quarter,
        date=day,
        template=town["template"],
    )


def test_computed_item_filled_and_override_needs_a_reason(db):
    town = build(2)
    first, second = town["orgs"]
    StudyPlan.create(org=first, year=2022, title="学习计划", made_on=D(2022, 4, 15))
    inspection = make_inspection(town, first)
    hand, plan = fill_scores(inspection)
    assert hand.points is None and hand.computed is None
    assert plan.computed == 40.0 and plan.points == 40.0
    second_inspection = make_inspection(town, second)
    assert fill_scores(second_inspection)[1].computed == 0.0
    # a plan entered later counts only when the inspectors ask to recompute
    StudyPlan.create(org=second, year=2022, title="补报的计划", made_on=D(2022, 6, 1))
    assert fill_scores(second_inspection)[1].points == 0.0
    assert fill_scores(second_inspection, refresh=True)[1].points == 40.0

    with pytest.raises(InspectionRefused, match="理由"):
        set_score(plan, points=30.0)
    with pytest.raises(InspectionRefused, match="0 到 60"):
        set_score(hand, points=61.0)
    set_score(hand, points=45.0, remark="记录不全")
    plan = set_score(plan, points=30.0, override_reason="计划内容空泛")
    assert plan.override_reason == "计划内容空泛"
    # recomputing keeps the inspectors' override
    assert fill_scores(inspection, refresh=True)[1].points == 30.0
    total = totals([inspection.id])[inspection.id]
    assert (total.points, total.max_points, total.score) == (75.0, 100.0, 75.0)
    # 不适用 leaves the denominator
    set_score(plan, points=None, not_applicable=True, override_reason="新建支部，无需计划")
    assert totals([inspection.id])[inspection.id].score == 75.0


def _fractions(quarter, org_ids, key):
    return {o: c.fraction for o, c in count_items(quarter, org_ids, [key])[key].items()}


def test_rules_compute_shares_of_the_quarter(db):
    town = build(2)
    org, empty = town["orgs"]
    members = [
        Member.create(org=org, name=f"党员{i}", join_date=D(2000, 1, 1), post_status="无职") for i in range(4)
    ]
    for month in (4, 5):
        Meeting.create(org=org, kind="主题党日", date=D(2022, month, 10), topic="主题党日")
    # a 主题党日 held as a study session counts for the scorecard as it does for the overview
    StudySession.create(org=org, kind="主题党日", date=D(2022, 6, 10), topic="主题党日学习")
    meeting = Meeting.create(org=org, kind="支部党员大会", date=D(2022, 5, 3), topic="大会")
    Meeting.create(org=org, kind="支委会", date=D(2022, 3, 3), topic="上季度的不算")
    for member, state in zip(members, ("出席", "出席", "出席", "缺席"), strict=True):
        Attendance.create(member=member, meeting=meeting, state=state)
    Deed.create(member=members[0], date=D(2022, 5, 1), kind="其他", title="修路")
    Deed.create(member=members[1], date=D(2022, 7, 1), kind="其他", title="还在办", state="办理中")
    requests = (  # received, content, deadline, finished: one in time, one late
        (D(2022, 5, 1), "办证", D(2022, 5, 8), D(2022, 5, 7)),
        (D(2022, 6, 1), "迟办", D(2022, 6, 8), D(2022, 6, 20)),
    )
    for received, content, deadline, finished in requests:
        ServiceRequest.create(
            org=org,
            received=received,
            content=content,
            first_responder=members[0],
            deadline=deadline,
            finished=finished,
        )
    KeyPerson.create(org=org, name="某老人", kind="独居老人")
    ids = [org.id, empty.id]
    assert _fractions("2022Q2", ids, "theme_days_held") == {org.id: 1.0, empty.id: None}
    # 支部党员大会 1, 党课 1, 支委会 3 a quarter (the frequency setting); no 党小组, so no 党小组会
    assert _fractions("2022Q2", ids, "meetings_held")[org.id] == pytest.approx(1 / 5)
    assert _fractions("2022Q2", ids, "attendance_rate") == {org.id: 0.75, empty.id: None}
    assert _fractions("2022Q2", ids, "requests_on_time") == {org.id: 0.5, empty.id: None}
    assert _fractions("2022Q2", ids, "key_people_helped") == {org.id: 0.0, empty.id: None}
    # one 实事 a year is not yet due by the pace in Q2; by Q3 only the finished deed counts
    assert _fractions("2022Q2", ids, "deeds_coverage")[org.id] == 1.0
    assert _fractions("2022Q3", ids, "deeds_coverage")[org.id] == 0.25
    counts = count_items("2022Q2", ids)
    assert counts["theme_days_held"][empty.id].status == "未报送"
    assert counts["attendance_rate"][empty.id].status == "未报送"
    assert counts["requests_on_time"][empty.id].status == "不适用"
    assert set(RULES) >= {"services_coverage", "problems_on_time", "brand", "study_plan"}


def test_scorecard_follows_the_frequency_setting(db):
    town = build(1)
    (org,) = town["orgs"]
    Meeting.create(org=org, kind="主题党日", date=D(2022, 5, 10), topic="主题党日")
    assert _fractions("2022Q2", [org.id], "theme_days_held")[org.id] == pytest.approx(1 / 3)
    frequency = settings.get("rules.meeting_frequency")
    settings.put("rules.meeting_frequency", {**frequency, "主题党日": ["季度", 1]})
    assert _fractions("2022Q2", [org.id], "theme_days_held")[org.id] == 1.0


def test_unreported_help_visits_are_not_zero(db):
    town = build(1)
    (org,) = town["orgs"]
    helper = Member.create(org=org, name="帮扶人", join_date=D(2000, 1, 1), post_status="无职")
    person = KeyPerson.create(org=org, name="某老人", kind="独居老人", helper=helper, since=D(2022, 1, 5))
    inspection = make_inspection(town, org)
    section = town["plan"].section
    ScoreItem.create(section=section, order=3, name="帮扶", max_points=5.0, rule="key_people_helped")
    score = fill_scores(inspection)[2]
    assert score.unreported and score.points is None and not score.not_applicable
    assert score.remark.startswith("未报送")
    total = totals([inspection.id])[inspection.id]
    assert total.unreported == 1
    # 未报送 earns nothing and still counts in the whole: silence never ranks above a 0
    assert total.max_points == sum(s.item.max_points for s in fill_scores(inspection) if not s.not_applicable)
    with pytest.raises(InspectionRefused, match="未报送"):
        set_score(score, points=5.0)
    HelpVisit.create(key_person=person, member=helper, date=D(2022, 5, 20), content="走访")
    score = fill_scores(inspection, refresh=True)[2]
    assert not score.unreported and score.points == 5.0


def test_nothing_due_makes_a_computed_item_not_applicable(db):
    town = build(1)
    section = town["plan"].section
    ScoreItem.create(section=section, order=3, name="限时办结", max_points=10.0, rule="requests_on_time")
    scores = fill_scores(make_inspection(town, town["orgs"][0]))
    assert scores[2].not_applicable and scores[2].points is None


def test_problem_found_goes_into_the_ledger(db):
    town = build(1)
    inspection = make_inspection(town, town["orgs"][0])
    with pytest.raises(InspectionRefused, match="早于督查日期"):
        record_problem(inspection, description="台账不全", deadline=D(2022, 6, 1), responsible="书记1")
    problem = record_problem(inspection, description="台账不全", deadline=D(2022, 7, 31), responsible="书记1")
    stored = Problem.get_by_id(problem.id)
    assert (stored.state, stored.source, stored.found, stored.inspection_id) == (
        "待整改",
        "季督查",
        D(2022, 6, 25),
        inspection.id,
    )
