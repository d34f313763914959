"""Who came to a meeting, a study session or a training (出席 / 请假 / 缺席 per member).

The record types that keep attendance say so with ``Meta.attendance = True``. Their
attendance is stored as :class:`models.Attendance` rows, one per member, linked through the
field that matches the record type. A record and its attendance are saved together, in one
transaction, so that a refused value leaves neither half written.
"""

from __future__ import annotations

from typing import Any

from app.records import delete_record
from app.records import save_record
from app.text import pinyin_key
from models import Attendance
from models import Meeting
from models import Member
from models import Organisation
from models import Record
from models import StudySession
from models import Training
from models import database

# member id -> (出勤, 原因)
AttendanceSheet = dict[int, tuple[str, str]]

# Which field of Attendance points at each kind of record.
_LINK = {Meeting: "meeting", StudySession: "session", Training: "training"}


def keeps_attendance(model: type[Record]) -> bool:
    """Whether records of ``model`` have a per-member attendance list."""
    return bool(getattr(model._meta, "attendance", False)) and model in _LINK


def link_field(model: type[Record]) -> str:
    """The name of the Attendance field that refers to records of ``model``."""
    return _LINK[model]


def members_of(org_id: int | None) -> list[Member]:
    """The active members expected to attend an event of organisation ``org_id``, by pinyin.

    A 党小组 expects its own members; a branch expects its members; the town committee
    (or no organisation) expects nobody in particular, so the list is empty.
    """
    if not org_id:
        return []
    org = Organisation.get_or_none(Organisation.id == org_id)
    if org is None:
        return []
    query = Member.active()
    if org.kind == "党小组":
        query = query.where(Member.group == org_id)
    elif org.kind == "镇党委":
        return []
    else:
        query = query.where(Member.org == org_id)
    return sorted(query, key=lambda m: pinyin_key(m.name))


def attendance_of(record: Record | None) -> AttendanceSheet:
    """The attendance recorded for one meeting, session or training (empty for a new one)."""
    if record is None or record.id is None:
        return {}
    link = getattr(Attendance, link_field(type(record)))
    rows = Attendance.live().where(link == record.id)
    return {row.member_id: (row.state, row.reason or "") for row in rows}


def save_attendance(record: Record, sheet: AttendanceSheet) -> int:
    """Make the stored attendance of ``record`` equal to ``sheet``; returns rows changed.

    Members in the sheet get a row (created or updated, audited); stored rows of members not
    in the sheet are soft-deleted. Runs in one transaction.
    """
    name = link_field(type(record))
    link = getattr(Attendance, name)
    changed = 0
    with database.atomic():
        existing = {row.member_id: row for row in Attendance.live().where(link == record.id)}
        for member_id, (state, reason) in sheet.items():
            row = existing.pop(member_id, None)
            values = {"member": member_id, name: record.id, "state": state, "reason": reason or ""}
            if row is None:
                save_record(Attendance, values)
                changed += 1
            elif (row.state, row.reason or "") != (state, reason or ""):
                save_record(Attendance, {"state": state, "reason": reason or ""}, row)
                changed += 1
        for row in existing.values():
            delete_record(row)
            changed += 1
    return changed


def save_with_attendance(
    model: type[Record], values: dict[str, Any], record: Record | None, sheet: AttendanceSheet | None
) -> Record:
    """Save a record and (when ``sheet`` is given) its attendance, all or nothing.

    Raises :class:`app.records.InvalidRecord` without writing anything when a value is
    refused.
    """
    with database.atomic():
        saved = save_record(model, values, record)
        if sheet is not None and keeps_attendance(model):
            save_attendance(saved, sheet)
    return saved
