"""Reading the audit log: who changed what and when, and undoing a deletion from there.

The log itself is written by :mod:`app.records` (and by imports) in the same transaction
as the change; this module only reads it for the 操作日志 view and restores deleted records.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import peewee as pw

from app.records import restore_record
from models import AuditEntry
from models import Record
from models import record_type
from models.schema import label_of

ACTIONS = ("新增", "修改", "删除", "恢复", "导入")


@dataclass(frozen=True)
class AuditFilter:
    """What the clerk narrowed the log to; None or empty means "any"."""

    since: dt.date | None = None
    until: dt.date | None = None
    operator: str = ""
    action: str = ""
    table: str = ""


def entries(flt: AuditFilter = AuditFilter()) -> pw.ModelSelect[AuditEntry]:
    """Audit entries matching ``flt``, newest first (a query: read it page by page)."""
    query = AuditEntry.select().order_by(AuditEntry.time.desc(), AuditEntry.id.desc())
    if flt.since:
        query = query.where(AuditEntry.time >= dt.datetime.combine(flt.since, dt.time.min))
    if flt.until:
        query = query.where(
            AuditEntry.time < dt.datetime.combine(flt.until + dt.timedelta(days=1), dt.time.min)
        )
    if flt.operator:
        query = query.where(AuditEntry.operator == flt.operator)
    if flt.action:
        query = query.where(AuditEntry.action == flt.action)
    if flt.table:
        query = query.where(AuditEntry.table == flt.table)
    return query


def operators() -> list[str]:
    """Every operator name found in the log, sorted."""
    rows = AuditEntry.select(AuditEntry.operator).distinct().order_by(AuditEntry.operator)
    return [r.operator for r in rows]


def tables() -> list[tuple[str, str]]:
    """(table name, Chinese label) of every record type found in the log, by label."""
    rows = AuditEntry.select(AuditEntry.table).distinct()
    return sorted(((r.table, table_label(r.table)) for r in rows), key=lambda pair: pair[1])


def table_label(table: str) -> str:
    """The Chinese name of a record type from its table name (the name itself if unknown)."""
    if table == "setting":  # changes made in 设置 (app.setup.catalogue)
        return "设置"
    try:
        return label_of(record_type(table))
    except KeyError:
        return table


def describe_changes(entry: AuditEntry) -> str:
    """The changes of one entry on one line: "标题：旧 → 新；地点：村委会"."""
    try:
        changes = json.loads(entry.changes or "{}")
    except ValueError:
        return entry.changes
    if not isinstance(changes, dict):
        return str(changes)
    parts = []
    for label, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            parts.append(f"{label}：{value[0] or '（空）'} → {value[1] or '（空）'}")
        else:
            parts.append(f"{label}：{value}")
    return "；".join(parts)


def record_of(entry: AuditEntry) -> Record | None:
    """The record an entry is about (also when deleted), or None when it no longer exists."""
    try:
        model = record_type(entry.table)
    except KeyError:
        return None
    return model.get_or_none(model.uuid == entry.record_uuid)


def can_undo(entry: AuditEntry) -> bool:
    """Whether this entry is a deletion whose record is still deleted."""
    if entry.action != "删除":
        return False
    record = record_of(entry)
    return record is not None and bool(record.deleted)


def undo_deletion(entry: AuditEntry) -> Record:
    """Bring back the record this deletion removed (audited as 恢复); returns the record.

    Raises ValueError (Chinese) when the entry is not an undoable deletion.
    """
    if entry.action != "删除":
        raise ValueError("只能撤销“删除”操作。")
    record = record_of(entry)
    if record is None:
        raise ValueError("这条记录已不存在，无法恢复。")
    if not record.deleted:
        raise ValueError(f"“{record}”已经恢复过了。")
    restore_record(record)
    return record
