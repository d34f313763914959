"""The one way records are created, changed, deleted and restored.

Every write goes through here so that it is validated against the declarations and
recorded in the audit log (who, when, what changed) in the same transaction.
"""

from __future__ import annotations

import getpass
import json
from typing import Any, TypeVar

import peewee as pw

from models import AuditEntry, Record, database, settings
from models.schema import FieldError, format_value, user_fields, validate_values

_R = TypeVar("_R", bound=Record)  # the record type saved is the one given back


class InvalidRecord(ValueError):
    """Values that the declarations refuse; ``errors`` names each bad field."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("；".join(str(e) for e in errors))


class RecordClash(InvalidRecord):
    """Refused by the database itself (a number another record already holds)."""


# Who works this session when the caller names them (``--operator``, WUZHUA_OPERATOR); else
# the name stored in the settings; else the computer's user name, never an empty entry.
_session_operator: list[str] = [""]


def set_operator(name: str) -> None:
    """Name the operator for this session's audit entries ("" falls back to the stored name)."""
    _session_operator[0] = name.strip()[:40]


def operator() -> str:
    """The name written into the audit and import logs: never empty."""
    return _session_operator[0] or settings.get("operator") or _unnamed()


def _unnamed() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 (no user name on this system: say so instead)
        user = ""
    return f"{user}（未填姓名）" if user else "未填姓名"


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


def save_record(model: type[_R], values: dict[str, Any], record: _R | None = None) -> _R:
    """Create a record of ``model`` (``record`` is None) or change ``record``; audited.

    ``values`` holds Python values (dates as ``date``, references as ids or instances).
    Raises :class:`InvalidRecord` without writing anything when a value is refused.
    """
    current: dict[str, Any] = {}
    if record is not None:
        for field in user_fields(model):
            current[field.name] = record.__data__.get(field.name)
    merged = {**current, **{k: (v.get_id() if isinstance(v, pw.Model) else v) for k, v in values.items()}}
    if record is None:
        # A field left out (one set only by its workflow) starts from its declared default.
        for field in user_fields(model):
            if field.name not in merged and field.default is not None:
                merged[field.name] = field.default() if callable(field.default) else field.default
    errors = validate_values(model, merged)
    if errors:
        raise InvalidRecord(errors)
    try:
        return _write(model, values, merged, current, record)
    except pw.IntegrityError as clash:
        if record is not None:
            record.__data__.update(current)  # the refused values were never written
        raise RecordClash(_constraint_errors(model, clash)) from clash


def _constraint_errors(model: type[Record], clash: pw.IntegrityError) -> list[FieldError]:
    """The database's refusal (a number already taken…) in the clerk's words."""
    text = str(clash)
    if "UNIQUE" in text:
        # "UNIQUE constraint failed: notice.year, notice.number"
        names = [part.strip().split(".")[-1] for part in text.split(":", 1)[-1].split(",")]
        fields = [model._meta.fields[n] for n in names if n in model._meta.fields]
        if fields:
            labels = "、".join(f"“{f.verbose_name}”" for f in fields[1:])
            message = f"{'、' + labels if labels else ''}与已有的记录重复，请换一个"
            return [FieldError(fields[0].name, fields[0].verbose_name, message)]
    if "FOREIGN KEY" in text:
        return [FieldError("", "引用的记录", "已不存在（可能已被删除），请重新选择")]
    return [FieldError("", "这条记录", f"不符合数据库的要求，未保存（{text}）")]


def _write(model: type[_R], values: dict, merged: dict, current: dict, record: _R | None) -> _R:
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
            changed = []
            for field in user_fields(model):
                if field.name in values and merged[field.name] != current.get(field.name):
                    before = _plain(field, getattr(record, field.name))
                    setattr(record, field.name, merged[field.name])
                    changes[field.verbose_name] = [before, _plain(field, getattr(record, field.name))]
                    changed.append(field)
            if changes:
                # Only what changed: a form opened before a workflow step must not undo it.
                record.save(only=[*changed, model.updated_at])
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
