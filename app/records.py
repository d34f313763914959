"""The one way records are created, changed, deleted and restored.

Every write goes through here so that it is validated against the declarations and
recorded in the audit log (who, when, what changed) in the same transaction.
"""

from __future__ import annotations

import getpass
import json
import re
from collections.abc import Sequence
from typing import Any
from typing import TypeVar

import peewee as pw

from app.exchange.idcard import birth_date_of
from app.exchange.idcard import gender_of
from app.exchange.idcard import id_number_problem
from app.setup.identity import installation
from models import AuditEntry
from models import Record
from models import database
from models import settings
from models.authority import may_create
from models.authority import may_write
from models.authority import partly_village
from models.authority import refusal
from models.db import local_origin
from models.db import new_uuid
from models.db import now
from models.fields import flag
from models.schema import FieldError
from models.schema import format_value
from models.schema import label_of
from models.schema import user_fields
from models.schema import validate_values

_R = TypeVar("_R", bound=Record)  # the record type saved is the one given back


class InvalidRecord(ValueError):
    """Values that the declarations refuse; ``errors`` names each bad field."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("；".join(str(e) for e in errors))


class RecordClash(InvalidRecord):
    """Refused by the database itself (a number another record already holds)."""


class RecordChanged(InvalidRecord):
    """Someone else saved the record after this form read it (another clerk, another PC).

    No lost update: nothing was written. ``who`` and ``when`` say who changed it last,
    ``differences`` lists (field label, their value, my value) for every field both changed or
    this save would overwrite; ``their_stamp`` is the record's stamp now. To keep one's own
    values after all, set ``record.updated_at`` to ``their_stamp`` and save again.
    """

    def __init__(self, label: str, who: str, when: Any, differences: list[tuple[str, Any, Any]], their_stamp):
        self.who, self.when, self.differences, self.their_stamp = who, when, differences, their_stamp
        when_text = when.strftime("%Y-%m-%d %H:%M:%S") if hasattr(when, "strftime") else str(when or "")
        fields = "；".join(
            f"{name}：对方改为“{theirs}”，您改为“{mine}”" for name, theirs, mine in differences
        )
        text = f"这条{label}在您打开之后已被 {who or '另一位操作人员'} 于 {when_text} 修改并保存。{fields}"
        super().__init__([FieldError("", "", text)])


class TownOwned(InvalidRecord):
    """A village's computer tried to write what only the town writes (models.authority)."""

    def __init__(self, message: str, errors: list[FieldError] | None = None):
        super().__init__(errors or [])
        self.args = (message,)

    def __str__(self) -> str:
        return str(self.args[0])


def check_authority(model: type[Record], values: dict[str, Any], record: Record | None) -> None:
    """On a village's computer, refuse a write of the town's records or fields (TownOwned).

    ``record`` None: a new record, a deletion or a restoration (a village may do these only
    to its own kinds of record); else the fields of ``values`` that differ from ``record``.
    """
    if installation().is_town:
        return
    if record is None:
        if not may_create(model, False):
            raise TownOwned(refusal(model, creating=True) + "（在镇党委的电脑上录入，随交换包下发）")
        return
    theirs = [
        name
        for name, value in values.items()
        if name in model._meta.fields
        and not may_write(model, False, name)
        and (value.get_id() if isinstance(value, pw.Model) else value) != record.__data__.get(name)
    ]
    if theirs:
        fields = [model._meta.fields[n] for n in theirs]
        message = refusal(model, creating=False, fields=theirs if partly_village(model) else None)
        raise TownOwned(message, [FieldError(f.name, f.verbose_name, "由镇党委填写") for f in fields])


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
    check_authority(model, values, record)
    values = dict(values)  # the ID number may fill 出生日期 and 性别: the caller's dict stays as given
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
    errors = _id_number_errors(model, merged, values) + validate_values(model, merged)
    if errors:
        raise InvalidRecord(errors)
    try:
        return _write(model, values, merged, current, record)
    except pw.IntegrityError as clash:
        if record is not None:
            record.__data__.update(current)  # the refused values were never written
        raise RecordClash(_constraint_errors(model, clash)) from clash


def create_records(model: type[Record], rows: Sequence[dict[str, Any]], action: str = "新增") -> int:
    """Create many records of ``model`` at once (a roster of 800): validated, audited, all or none.

    Each row is checked as :func:`save_record` checks one; references are given as ids.
    Raises :class:`InvalidRecord` (naming the row's place, 1-based) without writing anything.
    """
    check_authority(model, {}, None)
    stamp, origin, who = now(), local_origin(), operator()
    records, audits = [], []
    fields = user_fields(model)
    names: dict[tuple[type, int], str] = {}
    for place, given in enumerate(rows, start=1):
        values = {k: (v.get_id() if isinstance(v, pw.Model) else v) for k, v in given.items()}
        merged = dict(values)
        for field in fields:
            if field.name not in merged and field.default is not None:
                merged[field.name] = field.default() if callable(field.default) else field.default
        errors = _id_number_errors(model, merged, values) + validate_values(model, merged)
        if errors:
            raise InvalidRecord([FieldError(e.field, f"第{place}条的{e.label}", e.message) for e in errors])
        record = {f.name: merged.get(f.name) for f in fields}
        record.update(uuid=new_uuid(), origin=origin, created_at=stamp, updated_at=stamp, deleted=False)
        records.append(record)
        changes = {
            f.verbose_name: _named(f, merged[f.name], names)
            if isinstance(f, pw.ForeignKeyField)
            else _plain(f, merged[f.name])
            for f in fields
            if merged.get(f.name) not in (None, "")
        }
        audits.append(
            {
                "time": stamp,
                "operator": who,
                "action": action,
                "table": model._meta.table_name,
                "record_uuid": record["uuid"],
                "summary": str(merged.get("name") or merged.get("title") or label_of(model))[:200],
                "changes": json.dumps(changes, ensure_ascii=False, default=str),
            }
        )
    with database.atomic():
        for start in range(0, len(records), 100):  # SQLite's limit on values per statement
            model.insert_many(records[start : start + 100]).execute()
            AuditEntry.insert_many(audits[start : start + 100]).execute()
    return len(records)


def _named(field: pw.ForeignKeyField, record_id: int, names: dict[tuple[type, int], str]) -> str:
    """The referred record as the audit log shows it (looked up once per record)."""
    key = (field.rel_model, record_id)
    if key not in names:
        target = field.rel_model.get_or_none(field.rel_model.id == record_id)
        names[key] = str(target) if target is not None else f"#{record_id}"
    return names[key]


def _id_number_errors(
    model: type[Record], merged: dict[str, Any], values: dict[str, Any]
) -> list[FieldError]:
    """Refuse a wrong ID number in the import's own words; fill 出生日期 and 性别 left empty from it."""
    errors = []
    for field in user_fields(model):
        text = values.get(field.name)
        if not flag(field, "id_number") or not isinstance(text, str) or not text.strip():
            continue
        text = "".join(text.split()).upper()  # what a clerk pastes: spaces, a lower-case x
        problem = id_number_problem(text)
        if problem:
            errors.append(FieldError(field.name, field.verbose_name, problem))
            continue
        merged[field.name] = values[field.name] = text
        derived = {"birth_date": birth_date_of(text), "gender": gender_of(text)}
        for name, value in derived.items():
            if name in model._meta.fields and merged.get(name) in (None, ""):
                merged[name] = values[name] = value
    return errors


def _constraint_errors(model: type[Record], clash: pw.IntegrityError) -> list[FieldError]:
    """The database's refusal (a number already taken…) in the clerk's words, the same on both engines."""
    text = str(clash)
    code = getattr(getattr(clash, "orig", None), "sqlstate", None)  # PostgreSQL's SQLSTATE
    if code == "23505" or "UNIQUE constraint failed" in text:
        fields = _clashing_fields(model, clash, text)
        if fields:
            labels = "、".join(f"“{f.verbose_name}”" for f in fields[1:])
            message = f"{'、' + labels if labels else ''}与已有的记录重复，请换一个"
            return [FieldError(fields[0].name, fields[0].verbose_name, message)]
    if code == "23503" or "FOREIGN KEY" in text:
        return [FieldError("", "引用的记录", "已不存在（可能已被删除），请重新选择")]
    return [FieldError("", "这条记录", f"不符合数据库的要求，未保存（{text}）")]


_PG_KEY = re.compile(r"\(([^()]*)\)=\(")  # DETAIL:  Key (year, number)=(2022, 3) already exists.


def _clashing_fields(model: type[Record], clash: pw.IntegrityError, text: str) -> list[pw.Field]:
    """The fields of the unique key a save collided with, read from either engine's message."""
    by_column = {f.column_name: f for f in model._meta.sorted_fields}
    if "UNIQUE constraint failed" in text:
        # SQLite: "UNIQUE constraint failed: notice.year, notice.number"
        columns = [part.strip().split(".")[-1] for part in text.split(":", 1)[-1].split(",")]
    else:
        # PostgreSQL: the detail names the columns (in any server language); else the constraint
        diag = getattr(getattr(clash, "orig", None), "diag", None)
        found = _PG_KEY.search(getattr(diag, "message_detail", None) or text)
        columns = [c.strip().strip('"') for c in found.group(1).split(",")] if found else []
        if not columns:
            columns = _index_columns(model, getattr(diag, "constraint_name", None) or "")
    return [
        by_column.get(c) or model._meta.fields[c]
        for c in columns
        if c in by_column or c in model._meta.fields
    ]


def _index_columns(model: type[Record], constraint: str) -> list[str]:
    """The columns of the model's unique index with that name (peewee names it table_col1_col2)."""
    table = model._meta.table_name
    for index in model._meta.indexes:
        if isinstance(index, tuple) and index[1] and "_".join([table, *index[0]]) == constraint:
            return list(index[0])
    for field in model._meta.sorted_fields:
        if field.unique and constraint in (
            f"{table}_{field.column_name}",
            f"{table}_{field.column_name}_key",
        ):
            return [field.column_name]
    return []


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
                # Only what changed: a form opened before a workflow step must not undo it; and
                # only if nobody saved it since it was read (the stamp still the one read).
                read_stamp = record.__data__.get("updated_at")
                # the row held until the end of the transaction (PostgreSQL: FOR UPDATE; SQLite
                # has one writer at a time anyway), then its stamp compared as a time
                stored_stamp = (
                    model.select(model.updated_at).where(model.id == record.id).for_update().scalar()
                    if database.for_update
                    else model.select(model.updated_at).where(model.id == record.id).scalar()
                )
                if read_stamp is not None and stored_stamp is not None and stored_stamp != read_stamp:
                    # saved by someone else since it was read: a clash only where they changed a
                    # field this save changes too (their other fields stay: only these are written)
                    stored = model.get_by_id(record.id).__data__
                    clashing = [f for f in changed if stored.get(f.name) != current.get(f.name)]
                    if clashing:
                        raise _changed_meanwhile(model, record, clashing, current, read_stamp)
                record.updated_at = now()
                columns = {f: record.__data__.get(f.name) for f in changed}
                columns[model.updated_at] = record.updated_at
                model.update(columns).where(model.id == record.id).execute()
                _audit("修改", record, changes)
    return record


def _changed_meanwhile(
    model, record: Record, changed: list[pw.Field], current: dict, read_stamp: Any
) -> RecordChanged:
    """Why the save found another version: who saved it, when, and both values of each field."""
    theirs = model.get_by_id(record.id)
    mine_values = {f.name: record.__data__.get(f.name) for f in changed}
    last = (
        AuditEntry.select()
        .where(AuditEntry.record_uuid == record.uuid)
        .order_by(AuditEntry.id.desc())
        .first()
    )
    differences = []
    for name, value in current.items():  # the refused values were never written
        if name in record.__data__ and record.__data__[name] != value:
            record.__data__[name] = value
    for field in changed:
        mine = mine_values[field.name]
        differences.append(
            (field.verbose_name, _plain(field, getattr(theirs, field.name)), _plain_value(field, mine))
        )
    record.__data__["updated_at"] = read_stamp
    return RecordChanged(
        label_of(model),
        last.operator if last is not None else "",
        theirs.updated_at,
        differences,
        theirs.updated_at,
    )


def _plain_value(field: pw.Field, value: Any) -> Any:
    if isinstance(field, pw.ForeignKeyField) and value is not None:
        target = field.rel_model.get_or_none(field.rel_model.id == value)
        return str(target) if target is not None else value
    return format_value(field, value)


def delete_record(record: Record) -> None:
    """Soft-delete a record (it can be restored from the audit log)."""
    check_authority(type(record), {}, None)
    with database.atomic():
        record.deleted = True
        record.save()
        _audit("删除", record, {})


def restore_record(record: Record) -> None:
    """Undo a soft delete."""
    check_authority(type(record), {}, None)
    with database.atomic():
        record.deleted = False
        record.save()
        _audit("恢复", record, {})
