"""抓落实 rules: key tasks and milestones, problems past their deadline, 回头看 re-checks."""

from __future__ import annotations

from rules_town import D
from rules_town import build_town
from rules_town import key_task
from rules_town import problem

from app.rules import BEHIND
from app.rules import OVERDUE
from app.rules import evaluate
from models import Milestone
from models import ProblemCheck


def of(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_key_tasks_open_finished_late_and_paused(db):
    town = build_town()
    open_ = key_task(town, town.east, D(2022, 6, 30), state="推进中")
    done = key_task(town, town.east, D(2022, 6, 30), state="已完成", finished=D(2022, 6, 20))
    late = key_task(town, town.west, D(2022, 6, 30), state="已完成", finished=D(2022, 7, 10))
    paused = key_task(town, town.west, D(2022, 6, 30), state="已暂停")
    own = key_task(town, None, D(2022, 6, 30), office="党建办", title="镇级任务")
    assert of(evaluate(D(2022, 6, 1)), "key_tasks") == []
    found = of(evaluate(D(2022, 6, 25)), "key_tasks")
    # 西村's task was finished only on 10 July: on 25 June it is still open and due soon.
    assert {(f.record_id, f.state) for f in found} == {
        (open_.id, BEHIND),
        (own.id, BEHIND),
        (late.id, BEHIND),
    }
    found = of(evaluate(D(2022, 7, 20)), "key_tasks")
    assert {f.record_id for f in found} == {open_.id, late.id, own.id}
    assert {f.state for f in found} == {OVERDUE}
    assert done.id not in {f.record_id for f in found} and paused.id not in {f.record_id for f in found}
    # The town's own task belongs to the town, not to a village selection.
    village = of(evaluate(D(2022, 7, 20), org_ids=[town.east.id]), "key_tasks")
    assert {f.record_id for f in village} == {open_.id}


def test_overdue_milestone_of_running_task(db):
    town = build_town()
    running = key_task(town, town.east, D(2022, 9, 30), state="推进中")
    step = Milestone.create(task=running, order=1, title="制定方案", start=D(2022, 5, 1), due=D(2022, 5, 20))
    Milestone.create(
        task=running, order=2, title="实施", start=D(2022, 5, 21), due=D(2022, 6, 20), finished=D(2022, 6, 1)
    )
    found = of(evaluate(D(2022, 6, 25)), "key_tasks")
    assert [(f.model, f.record_id) for f in found] == [(Milestone, step.id)]


def test_problems_past_their_deadline(db):
    town = build_town()
    open_ = problem(town.east, D(2022, 7, 1))
    fixed = problem(town.west, D(2022, 7, 1), state="已整改", rectified=D(2022, 6, 20))
    assert of(evaluate(D(2022, 6, 10)), "problems") == []
    found = of(evaluate(D(2022, 6, 25)), "problems")
    assert [(f.record_id, f.state) for f in found] == [(open_.id, BEHIND)]
    found = of(evaluate(D(2022, 7, 2)), "problems")
    assert [(f.record_id, f.state) for f in found] == [(open_.id, OVERDUE)]
    assert fixed.id not in {f.record_id for f in found}


def test_rectified_problems_need_a_recheck(db):
    town = build_town()
    checked = problem(town.east, D(2022, 7, 1), state="已整改", rectified=D(2022, 6, 20))
    ProblemCheck.create(problem=checked, kind="回头看", date=D(2022, 7, 10), result="通过")
    unchecked = problem(town.west, D(2022, 7, 1), state="已整改", rectified=D(2022, 6, 20))
    follow_only = problem(town.west, D(2022, 7, 1), state="已销号", rectified=D(2022, 6, 25))
    ProblemCheck.create(problem=follow_only, kind="跟进督办", date=D(2022, 7, 1), result="通过")
    assert of(evaluate(D(2022, 7, 5)), "rechecks") == []
    found = of(evaluate(D(2022, 7, 15)), "rechecks")
    assert [(f.record_id, f.state) for f in found] == [(unchecked.id, BEHIND), (follow_only.id, BEHIND)]
    assert checked.id not in {f.record_id for f in found}
    found = of(evaluate(D(2022, 8, 1)), "rechecks")
    assert {(f.record_id, f.state) for f in found} == {(unchecked.id, OVERDUE), (follow_only.id, OVERDUE)}
