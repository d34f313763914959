"""问题台账: only valid state moves, reopening on a failed 回头看, overdue, 问责."""

import pytest
from delivery_town import D
from delivery_town import build_town
from hand_built import june_problem

from app.delivery.problems import StateRefused
from app.delivery.problems import close_problem
from app.delivery.problems import days_overdue
from app.delivery.problems import hold_accountable
from app.delivery.problems import is_overdue
from app.delivery.problems import ledger_problems
from app.delivery.problems import mark_rectified
from app.delivery.problems import overdue_problems
from app.delivery.problems import record_check
from app.delivery.problems import record_check_from_form
from app.delivery.problems import start_rectification
from app.records import InvalidRecord
from models import AuditEntry
from models import Problem
from models import ProblemCheck


def test_the_full_way_to_closing(db):
    villages = build_town()
    p = june_problem(villages["东沟村"])
    start_rectification(p, "补齐会议记录，支委会专题研究")
    assert p.state == "整改中"
    mark_rectified(p, D(2022, 7, 10), "会议记录已补齐")
    assert p.state == "已整改" and p.rectified == D(2022, 7, 10)
    with pytest.raises(StateRefused, match="回头看"):
        close_problem(p, D(2022, 7, 15))
    record_check(p, "回头看", D(2022, 8, 1), "通过", checker="督查组")
    close_problem(p, D(2022, 8, 2))
    fresh = Problem.get_by_id(p.id)
    assert fresh.state == "已销号" and fresh.closed == D(2022, 8, 2)
    assert AuditEntry.select().where(AuditEntry.record_uuid == p.uuid).count() == 3


@pytest.mark.parametrize(
    "state,target_call",
    [
        ("待整改", lambda p: mark_rectified(p, D(2022, 7, 1), "x")),
        ("待整改", lambda p: close_problem(p, D(2022, 7, 1))),
        ("整改中", lambda p: start_rectification(p, "方案")),
        ("整改中", lambda p: close_problem(p, D(2022, 7, 1))),
        ("已销号", lambda p: start_rectification(p, "方案")),
        ("已整改", lambda p: mark_rectified(p, D(2022, 7, 1), "x")),
    ],
)
def test_invalid_moves_are_refused(db, state, target_call):
    villages = build_town()
    p = june_problem(villages["东沟村"], state=state, plan="方案", rectified=D(2022, 7, 1))
    with pytest.raises(StateRefused, match="待整改 → 整改中 → 已整改 → 已销号"):
        target_call(p)
    assert Problem.get_by_id(p.id).state == state


def test_plan_and_evidence_are_required(db):
    villages = build_town()
    p = june_problem(villages["东沟村"])
    with pytest.raises(StateRefused, match="整改方案"):
        start_rectification(p)
    start_rectification(p, "方案")
    with pytest.raises(StateRefused, match="整改佐证"):
        mark_rectified(p, D(2022, 7, 1))
    assert Problem.get_by_id(p.id).state == "整改中"


def test_failed_recheck_reopens(db):
    villages = build_town()
    p = june_problem(
        villages["西坪村"], state="已销号", plan="方案", rectified=D(2022, 7, 1), closed=D(2022, 7, 5)
    )
    record_check(p, "回头看", D(2022, 9, 1), "未通过", note="问题反弹")
    fresh = Problem.get_by_id(p.id)
    assert fresh.state == "整改中" and fresh.reopened == 1
    assert fresh.rectified is None and fresh.closed is None
    assert ProblemCheck.select().count() == 1
    # a failed 跟进督办 of an open problem changes nothing
    record_check(fresh, "跟进督办", D(2022, 9, 5), "未通过")
    assert Problem.get_by_id(p.id).reopened == 1
    # once rectified again, another failed 回头看 counts again
    mark_rectified(fresh, D(2022, 9, 10), "已重新整改")
    record_check(fresh, "回头看", D(2022, 9, 20), "未通过")
    assert Problem.get_by_id(p.id).reopened == 2


@pytest.mark.parametrize("state", ["待整改", "整改中"])
def test_a_look_back_waits_for_the_rectification_a_follow_up_does_not(db, state):
    villages = build_town()
    p = june_problem(villages["东沟村"], state=state, plan="方案")
    with pytest.raises(StateRefused, match=f"当前为“{state}”，还没有整改完成.*跟进督办"):
        record_check(p, "回头看", D(2022, 7, 20), "通过")
    with pytest.raises(InvalidRecord, match="整改完成后才能回头看"):
        record_check_from_form({"problem": p.id, "kind": "回头看", "date": D(2022, 7, 20), "result": "通过"})
    assert ProblemCheck.select().count() == 0 and Problem.get_by_id(p.id).state == state
    record_check(p, "跟进督办", D(2022, 7, 20), "未通过", note="整改进度慢")
    assert ProblemCheck.select().count() == 1


def test_overdue_detection_and_accountability(db):
    villages = build_town()
    late = june_problem(villages["东沟村"], deadline=D(2022, 7, 1))
    on_time = june_problem(villages["西坪村"], deadline=D(2022, 8, 1))
    done_late = june_problem(
        villages["南川社区"], deadline=D(2022, 7, 1), state="已整改", rectified=D(2022, 7, 9)
    )
    today = D(2022, 7, 15)
    assert is_overdue(late, today) and not is_overdue(on_time, today) and not is_overdue(done_late, today)
    assert days_overdue(late, today) == 14 and days_overdue(done_late, today) == 8
    assert [p.id for p in overdue_problems(today)] == [late.id]
    assert overdue_problems(today, org_ids=[villages["西坪村"].id]) == []
    with pytest.raises(StateRefused, match="不能问责"):
        hold_accountable(on_time, "约谈", today)
    hold_accountable(late, "约谈", today, "支部书记约谈")
    hold_accountable(done_late, "提醒谈话", today)
    assert Problem.get_by_id(late.id).accountability == "约谈"
    assert [p.org.short_name for p in ledger_problems()] == ["东沟村", "西坪村", "南川社区"]
