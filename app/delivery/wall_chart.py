"""挂图作战: what the wall chart shows, independent of how it is drawn.

The window draws it with Qt, the printout with ReportLab; both read the same groups of
rows from here, so the screen and the wall show the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field

from peewee import JOIN

from app.delivery.tasks import is_milestone_overdue
from app.delivery.tasks import is_task_overdue
from app.delivery.tasks import latest_percents
from app.delivery.tasks import sort_key_for
from app.delivery.tasks import task_percent
from models import Campaign
from models import KeyTask
from models import Milestone
from models import Organisation
from models.campaign import TRACK_TITLES

GROUPINGS = {"track": "按行动分组", "village": "按村（社区）分组"}


@dataclass
class ChartMilestone:
    id: int
    title: str
    start: dt.date
    due: dt.date
    finished: dt.date | None
    overdue: bool


@dataclass
class ChartRow:
    """One task as a bar: its dates, how far it has got, whether it is late."""

    task_id: int
    title: str
    owner: str  # the village (or office) and the person responsible
    start: dt.date
    deadline: dt.date
    percent: int
    overdue: bool
    state: str
    milestones: list[ChartMilestone] = field(default_factory=list)


@dataclass
class ChartGroup:
    name: str
    rows: list[ChartRow]


@dataclass
class Chart:
    groups: list[ChartGroup]
    first: dt.date
    last: dt.date
    today: dt.date
    title: str

    @property
    def row_count(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    def overdue_count(self) -> int:
        return sum(r.overdue + sum(m.overdue for m in r.milestones) for g in self.groups for r in g.rows)


def build_chart(today: dt.date, group_by: str = "track", org_ids: list[int] | None = None) -> Chart:
    """The chart of all live key tasks (of the given villages), grouped by track or village."""
    query = KeyTask.live()
    if org_ids is not None:
        query = query.where(KeyTask.org.in_(org_ids))
    query = query.select(KeyTask, Organisation).join(Organisation, JOIN.LEFT_OUTER, on=KeyTask.org)
    tasks = sorted(query, key=lambda t: sort_key_for(t, group_by))
    ids = [t.id for t in tasks]
    percents = latest_percents(ids, today)
    milestones: dict[int, list[Milestone]] = {}
    for m in Milestone.live().where(Milestone.task.in_(ids)).order_by(Milestone.order, Milestone.due):
        milestones.setdefault(m.task_id, []).append(m)
    groups: dict[str, list[ChartRow]] = {}
    for task in tasks:
        if group_by == "village":
            name = task.org.name if task.org_id else (task.office or "镇直部门")
        else:
            name = TRACK_TITLES.get(task.track, task.track)
        row = _row(task, today, milestones.get(task.id, []), percents.get(task.id))
        groups.setdefault(name, []).append(row)
    first, last = _span(tasks, today)
    try:
        title = f"{Campaign.current().name}重点任务挂图作战图"
    except LookupError:
        title = "重点任务挂图作战图"
    return Chart([ChartGroup(n, rows) for n, rows in groups.items()], first, last, today, title)


def _row(task: KeyTask, today: dt.date, milestones: list[Milestone], reported: int | None) -> ChartRow:
    owner = task.org.label if task.org_id else (task.office or "镇直")
    shown = [
        ChartMilestone(
            m.id,
            m.title,
            m.start,
            m.due,
            m.finished if m.finished and m.finished <= today else None,
            is_milestone_overdue(m, today),
        )
        for m in milestones
    ]
    return ChartRow(
        task_id=task.id,
        title=task.title,
        owner=f"{owner}·{task.owner}" if task.owner else owner,
        start=task.start,
        deadline=task.deadline,
        percent=task_percent(task, today, reported),
        overdue=is_task_overdue(task, today),
        state=task.state,
        milestones=shown,
    )


def _span(tasks: list[KeyTask], today: dt.date) -> tuple[dt.date, dt.date]:
    """The campaign's calendar, widened to every task; whole months from first to last."""
    days = [today]
    try:
        campaign = Campaign.current()
        days += [campaign.start, campaign.end]
    except LookupError:
        pass
    for task in tasks:
        days += [task.start, task.deadline]
    first = min(days).replace(day=1)
    last = max(days)
    last = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of each month from ``first`` to ``last`` (for the chart's calendar)."""
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months
