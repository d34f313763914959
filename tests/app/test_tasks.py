"""Issuing a key task to several villages; progress aggregation; the chart's rows."""

import pytest
from delivery_town import D
from delivery_town import build_town

from app.delivery.schedule import plan_backwards
from app.delivery.tasks import TaskDefinition
from app.delivery.tasks import batch_summaries
from app.delivery.tasks import is_task_overdue
from app.delivery.tasks import issue_task
from app.delivery.tasks import latest_progress
from app.delivery.tasks import task_percent
from app.delivery.wall_chart import build_chart
from app.delivery.wall_chart import month_starts
from app.records import InvalidRecord
from models import AuditEntry
from models import KeyTask
from models import Milestone
from models import Progress


def _issue(villages, names=("东沟村", "西坪村"), owner=""):
    steps = plan_backwards(D(2022, 6, 30), [("摸底排查", 10), ("集中整治", 20), ("验收", 5)], weekends=True)
    definition = TaskDefinition("人居环境整治", "抓落实", D(2022, 5, 1), D(2022, 6, 30), owner=owner)
    return issue_task(definition, [villages[n] for n in names], steps)


def test_issue_to_many_villages_shares_a_batch(db):
    villages = build_town()
    tasks = _issue(villages)
    assert len(tasks) == 2
    assert len({t.batch for t in tasks}) == 1 and tasks[0].batch
    assert [t.owner for t in tasks] == ["王建国", "李秀兰"]  # each village's secretary
    for task in tasks:
        ms = list(Milestone.live().where(Milestone.task == task).order_by(Milestone.order))
        assert [m.title for m in ms] == ["摸底排查", "集中整治", "验收"]
        assert ms[-1].due == D(2022, 6, 30)
    # audited: two tasks and six milestones
    assert AuditEntry.select().where(AuditEntry.action == "新增").count() == 8


def test_issue_is_all_or_nothing(db):
    villages = build_town()
    # 南川社区 has no secretary and no owner was given: refused, nothing written.
    with pytest.raises(InvalidRecord) as refusal:
        _issue(villages, names=("东沟村", "南川社区"))
    assert "责任人" in str(refusal.value)
    assert KeyTask.select().count() == 0 and Milestone.select().count() == 0


def test_progress_aggregated_per_batch(db):
    villages = build_town()
    east, west = _issue(villages)
    Progress.create(task=east, month=D(2022, 5, 1), percent=40)
    Progress.create(task=east, month=D(2022, 6, 1), percent=80)
    Progress.create(task=west, month=D(2022, 5, 1), percent=20)
    assert latest_progress(east).percent == 80
    assert latest_progress(east, D(2022, 5, 20)).percent == 40  # as of May
    assert task_percent(west, D(2022, 6, 15)) == 20
    (summary,) = batch_summaries(D(2022, 6, 15))
    assert summary.villages == 2 and summary.finished == 0
    assert summary.average_percent == 50.0
    assert summary.overdue == []
    west.state, west.finished = "已完成", D(2022, 6, 20)
    west.save()
    (summary,) = batch_summaries(D(2022, 7, 5))
    assert summary.finished == 1 and summary.average_percent == 90.0
    assert summary.overdue == ["东沟村"]


def test_overdue_task(db):
    villages = build_town()
    (task,) = _issue(villages, names=("东沟村",))
    assert not is_task_overdue(task, D(2022, 6, 30))
    assert is_task_overdue(task, D(2022, 7, 1))
    task.finished = D(2022, 7, 3)
    assert is_task_overdue(task, D(2022, 7, 10))  # finished, but late


def test_chart_groups_and_marks_overdue(db):
    villages = build_town()
    _issue(villages)
    today = D(2022, 6, 5)  # the day 摸底排查 is due: not yet late
    chart = build_chart(today, "village")
    assert [g.name for g in chart.groups] == ["东沟村党支部", "西坪村党支部"]
    row = chart.groups[0].rows[0]
    assert row.owner == "东沟村·王建国"
    assert len(row.milestones) == 3
    first = row.milestones[0]
    assert first.due == today and not first.overdue
    late_day = D(2022, 6, 6)
    late = build_chart(late_day, "track")
    assert [g.name for g in late.groups] == ["抓落实 提升工作质效"]
    assert all(r.milestones[0].overdue for r in late.groups[0].rows)
    assert late.overdue_count() == 2
    assert chart.first == D(2022, 4, 1) and chart.last == D(2022, 11, 30)
    assert month_starts(chart.first, chart.last)[-1] == D(2022, 11, 1)
    assert build_chart(today, "village", org_ids=[villages["西坪村"].id]).row_count == 1


def test_a_finish_after_the_day_looked_from_does_not_count_yet(db):
    villages = build_town()
    (task,) = _issue(villages, names=("东沟村",))
    Progress.create(task=task, month=D(2022, 6, 1), percent=70)
    task.state, task.finished = "已完成", D(2022, 7, 5)
    task.save()
    assert task_percent(task, D(2022, 6, 20)) == 70
    assert not is_task_overdue(task, D(2022, 6, 20))
    assert task_percent(task, D(2022, 7, 10)) == 100
    assert is_task_overdue(task, D(2022, 7, 10))  # finished five days late
    milestone = Milestone.live().where(Milestone.task == task).order_by(Milestone.order).first()
    milestone.finished = milestone.due + (D(2022, 1, 3) - D(2022, 1, 1))
    milestone.save()
    chart = build_chart(milestone.due, "track")
    shown = chart.groups[0].rows[0].milestones[0]
    assert shown.finished is None and not shown.overdue
