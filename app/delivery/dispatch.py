"""月调度: one month's progress reports of every village, who has not reported, what stands still.

Each month every village reports, per key task, its percentage, what was done and its
difficulties. The town's table for the monthly meeting lists every task that ran that
month; a task without a report is 未报送, one whose percentage did not rise since the
previous report is 停滞.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field

from app.delivery.tasks import is_task_overdue
from app.delivery.tasks import month_end
from app.delivery.tasks import month_start
from app.delivery.tasks import sort_key_for
from models import KeyTask
from models import Organisation
from models import Progress

MISSING, STILL, DONE, MOVING = "未报送", "停滞", "已完成", "推进中"


@dataclass
class DispatchRow:
    task_id: int
    village: str
    title: str
    owner: str
    deadline: dt.date
    percent: int | None  # this month's report, None when missing
    previous: int | None  # the report before this month
    done: str
    difficulties: str
    reported: dt.date | None
    status: str
    overdue: bool

    @property
    def change(self) -> int | None:
        if self.percent is None:
            return None
        return self.percent - (self.previous or 0)


@dataclass
class DispatchTable:
    month: dt.date
    rows: list[DispatchRow] = field(default_factory=list)

    @property
    def missing(self) -> list[DispatchRow]:
        return [r for r in self.rows if r.status == MISSING]

    @property
    def standing_still(self) -> list[DispatchRow]:
        return [r for r in self.rows if r.status == STILL]

    def missing_by_village(self) -> dict[str, int]:
        """How many reports each village still owes this month (villages in table order)."""
        counts: dict[str, int] = {}
        for row in self.missing:
            counts[row.village] = counts.get(row.village, 0) + 1
        return counts

    def reported_share(self) -> float:
        return 0.0 if not self.rows else round(100 * (1 - len(self.missing) / len(self.rows)), 1)


def tasks_running_in(month: dt.date, org_ids: list[int] | None = None) -> list[KeyTask]:
    """Tasks that need a report for ``month``: started by its end, not finished before it."""
    first, last = month_start(month), month_end(month)
    query = KeyTask.live().where(
        (KeyTask.start <= last)
        & (KeyTask.state != "已暂停")
        & (KeyTask.finished.is_null() | (KeyTask.finished >= first))
    )
    if org_ids is not None:
        query = query.where(KeyTask.org.in_(org_ids))
    return sorted(query, key=lambda t: sort_key_for(t, "village"))


def month_table(month: dt.date, org_ids: list[int] | None = None) -> DispatchTable:
    """The dispatch table of ``month`` (any day of it), for all villages or the given ones."""
    first, last = month_start(month), month_end(month)
    tasks = tasks_running_in(month, org_ids)
    reports: dict[int, list[Progress]] = {}
    if tasks:
        query = (
            Progress.live()
            .where(Progress.task.in_([t.id for t in tasks]) & (Progress.month <= last))
            .order_by(Progress.month, Progress.updated_at)
        )
        for report in query:
            reports.setdefault(report.task_id, []).append(report)
    table = DispatchTable(first)
    for task in tasks:
        history = reports.get(task.id, [])
        this = [r for r in history if r.month >= first]
        before = [r for r in history if r.month < first]
        current = this[-1] if this else None
        previous = before[-1].percent if before else None
        table.rows.append(
            DispatchRow(
                task_id=task.id,
                village=task.org.label if task.org_id else (task.office or "镇直"),
                title=task.title,
                owner=task.owner,
                deadline=task.deadline,
                percent=current.percent if current else None,
                previous=previous,
                done=current.done if current else "",
                difficulties=current.difficulties if current else "",
                reported=current.reported if current else None,
                status=_status(task, current, previous, last),
                overdue=is_task_overdue(task, last),
            )
        )
    return table


def _status(task: KeyTask, current: Progress | None, previous: int | None, last: dt.date) -> str:
    finished = task.finished is not None and task.finished <= last
    unfinished_date = task.state == "已完成" and task.finished is None
    if finished or unfinished_date or (current is not None and current.percent >= 100):
        return DONE
    if current is None:
        return MISSING
    if previous is not None and current.percent <= previous:
        return STILL
    return MOVING


def villages_without_any_report(table: DispatchTable) -> list[str]:
    """Villages that owe a report for every one of their tasks this month."""
    owing = table.missing_by_village()
    totals: dict[str, int] = {}
    for row in table.rows:
        totals[row.village] = totals.get(row.village, 0) + 1
    return [v for v, n in owing.items() if n == totals[v]]


def silent_villages(month: dt.date) -> list[Organisation]:
    """Branches with running tasks that sent nothing at all for ``month``."""
    names = set(villages_without_any_report(month_table(month)))
    return [org for org in Organisation.branches() if org.label in names]
