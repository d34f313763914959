"""What happens on each day of the campaign, for the 日历 tab.

Events of every track: meetings, study sessions, training, activities, 政治生日 ceremonies,
观摩交流, inspections; and deadlines: key tasks, milestones, problems and service
requests. Members' 政治生日 (their join day) are one event per day listing their names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.conduct.birthdays import birthday_members
from models import Activity
from models import BirthdayCeremony
from models import Inspection
from models import KeyTask
from models import Meeting
from models import Member
from models import Milestone
from models import Observation
from models import Organisation
from models import Problem
from models import ServiceRequest
from models import StudySession
from models import Training
from models.schema import filter_by_org


@dataclass(frozen=True)
class Event:
    """One thing on one day; ``model``/``record_id`` open it (a 政治生日 list has no single record)."""

    day: dt.date
    track: str
    kind: str
    title: str
    org_name: str = ""
    model: type | None = None
    record_id: int | None = None
    deadline: bool = False
    done: bool = False


# (record type, date field, track, kind of event or the field naming it, title field, is a deadline)
_SOURCES = (
    (Meeting, "date", "抓作风", "kind", "topic", False),
    (StudySession, "date", "抓学习", "kind", "topic", False),
    (Training, "date", "抓学习", "form", "title", False),
    (Activity, "date", "抓作风", "kind", "title", False),
    (BirthdayCeremony, "date", "抓作风", "政治生日活动", "form", False),
    (Observation, "date", "抓品牌", "观摩交流", "title", False),
    (Inspection, "date", "抓落实", "kind", "quarter", False),
    (KeyTask, "deadline", "抓落实", "重点任务完成时限", "title", True),
    (Milestone, "due", "抓落实", "任务节点完成时限", "title", True),
    (Problem, "deadline", "抓落实", "问题整改时限", "description", True),
    (ServiceRequest, "deadline", "抓制度", "限时办结", "content", True),
)


def _is_done(record) -> bool:
    if isinstance(record, Problem):
        return record.state in ("已整改", "已销号")
    if isinstance(record, ServiceRequest):
        return record.state in ("已办结", "不予受理")
    return getattr(record, "finished", None) is not None or getattr(record, "state", "") == "已完成"


def events_between(
    start: dt.date, end: dt.date, org_ids: list[int] | None = None, birthdays: bool = True
) -> dict[dt.date, list[Event]]:
    """Every event from ``start`` to ``end`` (both included), by day, for the town or some organisations."""
    orgs = {o.id: o.label for o in Organisation.live()}
    days: dict[dt.date, list[Event]] = {}
    for model, date_name, track, kind, title_name, deadline in _SOURCES:
        date_field = model._meta.fields[date_name]
        query = model.live().where(date_field.between(start, end))
        if org_ids is not None:
            query = filter_by_org(query, model, org_ids)
        for record in query:
            org_id = record.__data__.get("org") or record.__data__.get("host")
            if model is Milestone:
                org_id = record.task.org_id
            name = str(getattr(record, kind)) if kind in model._meta.fields else kind
            title = str(getattr(record, title_name) or "")
            day = getattr(record, date_name)
            days.setdefault(day, []).append(
                Event(
                    day=day,
                    track=track,
                    kind=name,
                    title=title[:60],
                    org_name=orgs.get(org_id, "镇党委" if org_id is None else ""),
                    model=model,
                    record_id=record.id,
                    deadline=deadline,
                    done=deadline and _is_done(record),
                )
            )
    if birthdays:
        month = dt.date(start.year, start.month, 1)
        while month <= end:
            for day, people in _birthdays(month, org_ids).items():
                if start <= day <= end:
                    days.setdefault(day, []).extend(people)
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    for events in days.values():
        events.sort(key=lambda e: (e.deadline, e.track, e.kind, e.title))
    return days


def _birthdays(month: dt.date, org_ids: list[int] | None) -> dict[dt.date, list[Event]]:
    """One 政治生日 event per branch and day, naming its members; one member's opens their record."""
    groups: dict[tuple[dt.date, str], list] = {}
    for person in birthday_members(month.month, month.year, org_ids):
        last = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        day = month.replace(day=min(person.join_date.day, last.day))  # 29 February on the 28th
        groups.setdefault((day, person.org_name), []).append(person)
    days: dict[dt.date, list[Event]] = {}
    for (day, org_name), people in groups.items():
        names = [p.name for p in people]
        text = "、".join(names[:8]) + (f"等 {len(names)} 人" if len(names) > 8 else "")
        record_id = people[0].member_id if len(people) == 1 else None
        days.setdefault(day, []).append(Event(day, "抓作风", "政治生日", text, org_name, Member, record_id))
    return days


def event_counts(start: dt.date, end: dt.date, org_ids: list[int] | None = None) -> dict[dt.date, int]:
    """How many events each day has (for marking days on a calendar)."""
    return {day: len(events) for day, events in events_between(start, end, org_ids).items()}
