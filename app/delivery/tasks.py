"""重点任务清单: issuing a key task to many villages at once, and how far each one has got.

A task issued to ten villages is ten :class:`KeyTask` records sharing one ``batch`` (so the
town can see the task as a whole), each with its own milestones (倒排工期) and monthly
progress reports (月调度).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from dataclasses import field

from app.delivery.schedule import Step
from app.records import save_record
from models import Campaign
from models import KeyTask
from models import Milestone
from models import Organisation
from models import Progress
from models import database
from models.campaign import TRACKS


@dataclass
class TaskDefinition:
    """What the town writes once for a task it issues to several villages."""

    title: str
    track: str
    start: dt.date
    deadline: dt.date
    owner: str = ""  # empty: each village's secretary
    office: str = ""
    output: str = ""


def issue_task(definition: TaskDefinition, orgs: list[Organisation], steps: list[Step]) -> list[KeyTask]:
    """Create one task per village (one shared batch), each with the planned milestones.

    All or nothing: a refused value (e.g. a village without a secretary and no owner given)
    raises :class:`app.records.InvalidRecord` and nothing is written. Every record is audited.
    """
    campaign = Campaign.current()
    batch = str(uuid.uuid4())
    created = []
    with database.atomic():
        for org in orgs:
            task = save_record(
                KeyTask,
                {
                    "campaign": campaign.id,
                    "batch": batch,
                    "title": definition.title,
                    "track": definition.track,
                    "org": org.id,
                    "office": definition.office,
                    "owner": definition.owner or (org.secretary or ""),
                    "start": definition.start,
                    "deadline": definition.deadline,
                    "output": definition.output,
                    "state": "未开始",
                },
            )
            for step in steps:
                save_record(
                    Milestone,
                    {
                        "task": task.id,
                        "order": step.order,
                        "title": step.title,
                        "days": step.days,
                        "start": step.start,
                        "due": step.due,
                    },
                )
            created.append(task)
    return created


def milestones_of(task: KeyTask) -> list[Milestone]:
    return list(Milestone.live().where(Milestone.task == task).order_by(Milestone.order, Milestone.due))


def latest_progress(task: KeyTask, as_of: dt.date | None = None) -> Progress | None:
    """The newest monthly report of a task (up to the month of ``as_of``)."""
    query = Progress.live().where(Progress.task == task)
    if as_of is not None:
        query = query.where(Progress.month <= month_end(as_of))
    return query.order_by(Progress.month.desc(), Progress.updated_at.desc()).first()


def _done_by(finished: dt.date | None, day: dt.date | None) -> bool:
    """Finished on or before ``day`` (a finish later than the day looked from does not count yet)."""
    return finished is not None and (day is None or finished <= day)


def task_percent(task: KeyTask, as_of: dt.date | None = None, reported: int | None = -1) -> int:
    """How far a task had got by ``as_of``: 100 once finished, else its latest reported percentage.

    ``reported`` is the latest percentage when the caller already read it (None: no report).
    """
    if _done_by(task.finished, as_of) or (task.state == "已完成" and task.finished is None):
        return 100
    if reported == -1:
        report = latest_progress(task, as_of)
        reported = report.percent if report else None
    return int(reported or 0)


def latest_percents(task_ids: list[int], as_of: dt.date) -> dict[int, int]:
    """The latest reported percentage of each task up to the month of ``as_of`` (one query)."""
    latest: dict[int, int] = {}
    query = (
        Progress.live()
        .select(Progress.task, Progress.percent)
        .where(Progress.task.in_(task_ids) & (Progress.month <= month_end(as_of)))
        .order_by(Progress.month, Progress.updated_at)
        .tuples()
    )
    for task_id, percent in query:
        latest[task_id] = percent  # later months overwrite earlier ones
    return latest


def is_task_overdue(task: KeyTask, today: dt.date) -> bool:
    """Past its deadline and not finished by ``today``, or finished after the deadline."""
    if _done_by(task.finished, today):
        return task.finished > task.deadline
    if task.state == "已完成" and task.finished is None:
        return False
    return task.deadline < today


def is_milestone_overdue(milestone: Milestone, today: dt.date) -> bool:
    if _done_by(milestone.finished, today):
        return milestone.finished > milestone.due
    return milestone.due < today


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


@dataclass
class BatchSummary:
    """A task issued to several villages, seen as a whole."""

    batch: str
    title: str
    deadline: dt.date
    villages: int
    finished: int
    average_percent: float
    overdue: list[str] = field(default_factory=list)  # village names


def batch_summaries(today: dt.date, org_ids: list[int] | None = None) -> list[BatchSummary]:
    """Progress aggregated per issued task (batch): villages, finished, average, overdue."""
    query = KeyTask.live().order_by(KeyTask.deadline, KeyTask.id)
    if org_ids is not None:
        query = query.where(KeyTask.org.in_(org_ids))
    groups: dict[str, list[KeyTask]] = {}
    for task in query:
        groups.setdefault(task.batch or task.uuid, []).append(task)
    reported = latest_percents([t.id for tasks in groups.values() for t in tasks], today)
    result = []
    for batch, tasks in groups.items():
        percents = [task_percent(t, today, reported.get(t.id)) for t in tasks]
        result.append(
            BatchSummary(
                batch=batch,
                title=tasks[0].title,
                deadline=max(t.deadline for t in tasks),
                villages=len(tasks),
                finished=sum(1 for p in percents if p >= 100),
                average_percent=round(sum(percents) / len(percents), 1),
                overdue=[_owner_label(t) for t in tasks if is_task_overdue(t, today)],
            )
        )
    return result


def _owner_label(task: KeyTask) -> str:
    if task.org_id is None:
        return task.office or "镇直"
    return task.org.label


TRACK_ORDER = {name: i for i, name in enumerate(TRACKS)}


def sort_key_for(task: KeyTask, group_by: str) -> tuple:
    if group_by == "village":
        org = task.org if task.org_id else None
        return (org.sort_order if org else -1, org.code if org else "", task.start, task.id)
    return (TRACK_ORDER.get(task.track, 99), task.start, task.id)
