"""抓制度, 抓学习 and 抓品牌 rules on a hand-built town: met, behind and not-yet-due cases."""

from __future__ import annotations

from rules_town import D
from rules_town import build_town

from app.rules import BEHIND
from app.rules import OVERDUE
from app.rules import evaluate
from models import Brand
from models import Deed
from models import HelpVisit
from models import KeyPerson
from models import Member
from models import Service
from models import ServiceRequest
from models import SolvedProblem
from models import StudyPlan

OVER = D(2023, 1, 10)  # a "today" after the campaign: everything due by its end is due


def of(findings, rule, org=None):
    return [f for f in findings if f.rule == rule and (org is None or f.org_id == org.id)]


def deed(member, day):
    return Deed.create(member=member, date=day, kind="帮办代办", title="代办医保认证")


def service(member, day):
    return Service.create(member=member, date=day, kind="志愿服务", content="清扫村道")


def test_deeds_not_due_early_behind_at_half_way_overdue_after_end(db):
    town = build_town()
    zhang = town.members[0]
    assert of(evaluate(D(2022, 6, 1)), "deeds") == []  # less than half the campaign has passed
    deed(zhang, D(2022, 5, 10))
    half = of(evaluate(D(2022, 8, 20)), "deeds")
    assert {f.subject for f in half} == {"李二", "王三", "赵四"}
    assert {f.state for f in half} == {BEHIND}
    end = of(evaluate(D(2022, 11, 30), today=OVER), "deeds")
    assert {f.subject for f in end} == {"李二", "王三", "赵四"}
    assert {f.state for f in end} == {OVERDUE}
    assert all(f.model is Member for f in end)


def test_deeds_still_in_progress_do_not_count(db):
    town = build_town()
    Deed.create(member=town.members[3], date=D(2022, 6, 1), kind="帮办代办", title="代办", state="办理中")
    end = of(evaluate(D(2022, 11, 30), today=OVER), "deeds", town.west)
    assert [f.subject for f in end] == ["赵四"]


def test_deeds_of_inactive_or_new_members_are_not_asked(db):
    town = build_town()
    Member.update(is_active=False).where(Member.name == "赵四").execute()
    Member.create(org=town.west, name="新五", join_date=D(2022, 12, 1))
    end = of(evaluate(D(2022, 11, 30), today=OVER), "deeds", town.west)
    assert end == []


def test_services_pace_two_a_year(db):
    town = build_town()
    zhang, li = town.members[:2]
    service(zhang, D(2022, 5, 1))
    service(li, D(2022, 5, 1))
    service(li, D(2022, 6, 1))
    found = of(evaluate(D(2022, 7, 1)), "services")
    # 2 × 40 % of the campaign rounds to 1: 张一 with one service keeps pace.
    assert {f.subject for f in found} == {"王三", "赵四"}
    found = of(evaluate(D(2022, 11, 30), today=OVER), "services")
    assert {(f.subject, f.count) for f in found} == {("张一", 1), ("王三", 2), ("赵四", 2)}


def test_services_before_the_campaign_year_do_not_count(db):
    town = build_town()
    service(town.members[3], D(2021, 12, 20))
    service(town.members[3], D(2021, 12, 21))
    found = of(evaluate(D(2022, 11, 30), today=OVER), "services", town.west)
    assert [f.subject for f in found] == ["赵四"]


def test_solved_problems_per_branch(db):
    town = build_town()
    SolvedProblem.create(org=town.east, year=2022, kind="基础设施建设", title="道路硬化", state="已解决")
    SolvedProblem.create(org=town.west, year=2022, kind="乡村治理", title="路灯", state="推进中")
    assert of(evaluate(D(2022, 6, 1)), "solved") == []
    found = of(evaluate(D(2022, 11, 30), today=OVER), "solved")
    assert [(f.org_id, f.state) for f in found] == [(town.west.id, OVERDUE)]
    assert "争取 2 件" in found[0].missing


def test_key_person_needs_a_helper_and_visits(db):
    town = build_town()
    zhang = town.members[0]
    lonely = KeyPerson.create(org=town.east, name="孙老汉", kind="独居老人")
    helped = KeyPerson.create(org=town.west, name="周大娘", kind="残疾人", helper=town.members[3])
    assert of(evaluate(D(2022, 4, 12)), "key_helpers", town.west) == []
    found = of(evaluate(D(2022, 5, 1)), "key_helpers")
    assert [(f.record_id, f.state) for f in found] == [(lonely.id, OVERDUE)]
    assert "孙老汉" not in found[0].missing and found[0].subject_private is False
    KeyPerson.update(helper=zhang).where(KeyPerson.id == lonely.id).execute()
    HelpVisit.create(key_person=lonely, member=zhang, date=D(2022, 6, 1), content="送米面油")
    # 周大娘 was never visited: 90 days after the campaign's start (11 April) is 10 July.
    found = of(evaluate(D(2022, 7, 5)), "key_helpers")
    assert [(f.record_id, f.state) for f in found] == [(helped.id, BEHIND)]
    found = of(evaluate(D(2022, 9, 5)), "key_helpers")
    assert {(f.record_id, f.state) for f in found} == {(helped.id, OVERDUE), (lonely.id, OVERDUE)}
    assert "周大娘" not in "".join(f.missing for f in found)


def request(org, responder, received, deadline, state="已受理", finished=None):
    return ServiceRequest.create(
        org=org,
        received=received,
        content="低保复核",
        first_responder=responder,
        deadline=deadline,
        state=state,
        finished=finished,
    )


def test_service_requests_open_late_and_closed_late(db):
    town = build_town()
    zhang = town.members[0]
    on_time = request(town.east, zhang, D(2022, 5, 1), D(2022, 5, 8), "已办结", D(2022, 5, 7))
    late = request(town.east, zhang, D(2022, 5, 1), D(2022, 5, 8), "已办结", D(2022, 5, 12))
    open_ = request(town.east, zhang, D(2022, 5, 1), D(2022, 5, 20))
    refused = request(town.east, zhang, D(2022, 5, 1), D(2022, 5, 3), "不予受理")
    found = of(evaluate(D(2022, 5, 10)), "requests")
    assert {(f.record_id, f.state) for f in found} == {(open_.id, BEHIND)}
    found = of(evaluate(D(2022, 5, 25)), "requests")
    assert {(f.record_id, f.state) for f in found} == {(late.id, OVERDUE), (open_.id, OVERDUE)}
    assert on_time.id not in {f.record_id for f in found} and refused.id not in {f.record_id for f in found}
    assert "超时办结" in next(f.missing for f in found if f.record_id == late.id)


def test_study_plan_due_at_end_of_mobilisation(db):
    town = build_town()
    StudyPlan.create(org=town.east, year=2022, title="学习计划", made_on=D(2022, 4, 15))
    assert of(evaluate(D(2022, 4, 5)), "study_plan") == []
    found = of(evaluate(D(2022, 4, 25)), "study_plan")
    assert [(f.org_id, f.state) for f in found] == [(town.west.id, OVERDUE)]


def test_brand_due_before_summary_phase(db):
    town = build_town()
    Brand.create(org=town.west, name="红色引擎", field="产业发展", founded=D(2022, 6, 1))
    assert of(evaluate(D(2022, 9, 1)), "brand") == []
    found = of(evaluate(D(2022, 10, 25)), "brand")
    assert [(f.org_id, f.state, f.due) for f in found] == [(town.east.id, BEHIND, D(2022, 10, 31))]
    found = of(evaluate(D(2022, 11, 2)), "brand")
    assert [(f.org_id, f.state) for f in found] == [(town.east.id, OVERDUE)]
