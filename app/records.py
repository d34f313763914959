"""The one way records are created, changed, deleted and restored.

Every write goes through here so that it is validated against the declarations and
recorded in the audit log (who, when, what changed) in the same transaction.
"""

from __future__ import annotations

import json
from typing import Any

import peewee as pw

from models import AuditEntry, Record, database, settings
from models.schema import FieldError, format_value, user_fields, validate_values


class InvalidRecord(ValueError):
    """Values that the declarations refuse; ``errors`` names each bad field."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("；".join(str(e) for e in errors))


def operator() -> str:
    return settings.get("operator") or ""


def _plain(field: pw.Field, value: Any) -> Any:
    if isinstance(value, pw.Model):
        return str(value)
    return format_value(field, value)


def _audit(action: str, record: Record, changes: dict[str, Any]) -> None:
    AuditEntry.create(
        operator=operator(),
        action=action,
        table=record._meta.table_name,
        record_uuid=record.uuid,
        summary=str(record)[:200],
        changes=json.dumps(changes, ensure_ascii=False, default=str),
    )


def save_record(model: type[Record], values: dict[str, Any], record: Record | None = None) -> Record:
    """Create a record of ``model`` (``record`` is None) or change ``record``; audited.

    ``values`` holds Python values (dates as ``date``, references as ids or instances).
    Raises :class:`InvalidRecord` without writing anything when a value is refused.
    """
    current: dict[str, Any] = {}
    if record is not None:
        for field in user_fields(model):
            current[field.name] = record.__data__.get(field.name)
    merged = {**current, **{k: (v.id if isinstance(v, pw.Model) else v) for k, v in values.items()}}
    errors = validate_values(model, merged)
    if errors:
        raise InvalidRecord(errors)
    with database.atomic():
        if record is None:
            record = model(**merged)
            record.save(force_insert=True)
            changes = {
                f.verbose_name: _plain(f, getattr(record, f.name))
                for f in user_fields(model)
                if merged.get(f.name) not in (None, "")
            }
            _audit("新增", record, changes)
        else:
            changes = {}
            for field in user_fields(model):
                if field.name in values and merged[field.name] != current.get(field.name):
                    before = _plain(field, getattr(record, field.name))
                    setattr(record, field.name, merged[field.name])
                    changes[field.verbose_name] = [before, _plain(field, getattr(record, field.name))]
            if changes:
                record.save()
                _audit("修改", record, changes)
    return record


def delete_record(record: Record) -> None:
    """Soft-delete a record (it can be restored from the audit log)."""
    with database.atomic():
        record.deleted = True
        record.save()
        _audit("删除", record, {})


def restore_record(record: Record) -> None:
    """Undo a soft delete."""
    with database.atomic():
        record.deleted = False
        record.save()
        _audit("恢复", record, {})
