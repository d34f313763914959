"""倒排工期: a key task's milestones worked back from its deadline.

The clerk names the deadline and the steps with their durations (in days); the program
proposes each step's start and finish so that the last step ends on the deadline and each
step ends the working day before the next one starts. Whether Saturdays and Sundays count
as working days is a setting (township offices often work through weekends in a campaign).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.campaign_time import ONE_DAY
from app.campaign_time import WEEKENDS_KEY
from app.campaign_time import first_workday_on_or_after
from app.campaign_time import is_workday
from app.campaign_time import last_workday_on_or_before
from app.campaign_time import weekends_are_workdays
from app.campaign_time import workdays_between

__all__ = ["WEEKENDS_KEY", "Step", "is_workday", "weekends_are_workdays", "workdays_between"]


@dataclass
class Step:
    """One step of a task's plan: its title, its duration and its proposed dates."""

    order: int
    title: str
    days: int
    start: dt.date | None = None
    due: dt.date | None = None


def plan_backwards(
    deadline: dt.date, steps: list[tuple[str, int]], *, weekends: bool | None = None
) -> list[Step]:
    """Propose dates for ``steps`` (title, days) so that the last one ends on ``deadline``.

    A step of ``days`` working days ends on its due date and starts ``days - 1`` working
    days before; a step of 0 days is a checkpoint on one day. When weekends are not
    working days, a deadline on a weekend is moved to the Friday before.
    """
    if weekends is None:
        weekends = weekends_are_workdays()
    planned: list[Step] = []
    due = last_workday_on_or_before(deadline, weekends)
    for order in range(len(steps), 0, -1):
        title, days = steps[order - 1]
        days = max(0, int(days))
        start = due
        for _ in range(max(days, 1) - 1):
            start = last_workday_on_or_before(start - ONE_DAY, weekends)
        planned.append(Step(order, title, days, start, due))
        # The step before ends on the last working day before this one starts.
        due = last_workday_on_or_before(start - ONE_DAY, weekends) if days > 0 else start
    planned.reverse()
    return planned


def plan_forwards(start: dt.date, steps: list[Step], *, weekends: bool | None = None) -> list[Step]:
    """Re-plan ``steps`` from a start date onward (after the clerk moved one step's start).

    Each step keeps its duration; used to push the steps after an adjusted one.
    """
    if weekends is None:
        weekends = weekends_are_workdays()
    day = first_workday_on_or_after(start, weekends)
    result = []
    for step in steps:
        due = day
        for _ in range(max(step.days, 1) - 1):
            due = first_workday_on_or_after(due + ONE_DAY, weekends)
        result.append(Step(step.order, step.title, step.days, day, due))
        if step.days > 0:
            day = first_workday_on_or_after(due + ONE_DAY, weekends)
        else:
            day = due
    return result


def check_plan(
    task_start: dt.date | None, deadline: dt.date, steps: list[Step], campaign_end: dt.date | None = None
) -> list[str]:
    """What is wrong with a (possibly hand-adjusted) plan, in Chinese; empty when it holds.

    With ``campaign_end`` a deadline after the campaign's last day is refused too.
    """
    problems = []
    if campaign_end is not None and deadline > campaign_end:
        problems.append(
            f"完成时限 {deadline.isoformat()} 晚于本次活动的结束日期 {campaign_end.isoformat()}，请改在此前"
        )
    for step in steps:
        name = f"第{step.order}步“{step.title or '（未命名）'}”"
        if not step.title.strip():
            problems.append(f"{name}没有填写节点名称")
        if step.start is None or step.due is None:
            problems.append(f"{name}缺少开始或完成日期")
            continue
        if step.due < step.start:
            problems.append(f"{name}的完成日期早于开始日期")
        if step.due > deadline:
            problems.append(
                f"{name}的完成日期 {step.due.isoformat()} 晚于任务完成时限 {deadline.isoformat()}"
            )
        if task_start is not None and step.start < task_start:
            problems.append(
                f"{name}的开始日期 {step.start.isoformat()} 早于任务开始日期 {task_start.isoformat()}，工期不够"
            )
    for before, after in zip(steps, steps[1:], strict=False):
        if before.start and after.start and after.start < before.start:
            problems.append(f"第{after.order}步开始得比第{before.order}步还早")
    return problems
