"""Writing a checked file into the database: one transaction, bulk inserts, audited, logged.

The plan (see :mod:`plan`) already decided what each row does; here it is done. Either every
accepted row is written, with an audit entry each and the new exchange marks, or nothing is.
Every attempt, refused ones and dry runs included, leaves a line in the import log.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace

import peewee as pw

import models
from app import records
from app.storage.errors import kept_first_error
from models import AuditEntry
from models import ImportLog
from models import Receipt
from models.db import param
from models.db import stored
from models.db import write_transaction
from models.schema import format_value

from .marks import remember
from .meta import this_installation
from .plan import CHANGED
from .plan import CONFLICT
from .plan import NEW
from .plan import REFUSED
from .plan import UNCHANGED
from .plan import ImportPlan
from .plan import PlannedRow
from .plan import plan_again
from .preview import file_sha256
from .reader import FileRefused
from .record_state import note_town_holds
from .review import note_resubmitted
from .scope import uuid_to_id
from .sheets import package_models

KEEP_LOCAL, TAKE_FILE = "keep", "take"
# A row that only resembles a stored record (same natural key, other words): change that
# record (the default: a corrected row sent again), or keep both as two real events.
MERGE_DUPLICATE, KEEP_BOTH = "merge", "keep"
IMPORTED, PARTIAL, REFUSED_OUTCOME, CHECKED = "已导入", "部分导入", "已拒绝", "仅检查"


class ImportRefused(Exception):
    """The file has refused rows and the user did not choose to import the rest."""


@dataclass
class ImportResult:
    outcome: str
    counts: dict[str, dict[str, int]]
    written: int = 0
    conflicts_taken: int = 0
    resubmitted: int = 0  # records sent back (退回) that came again corrected (再次报送)
    messages: list[str] = field(default_factory=list)


def log_import(
    plan_or_path, outcome: str, message: str = "", org_code: str = "", file_hash: str = ""
) -> None:
    """One line in the import log (also for refused files and dry runs)."""
    package_no = None
    if isinstance(plan_or_path, ImportPlan):
        plan = plan_or_path
        name, file_hash, org_code, counts = plan.path.name, plan.file_hash, plan.info.org_code, plan.counts()
        package_no = plan.info.package_no or None
    else:
        name, counts = str(getattr(plan_or_path, "name", plan_or_path)), {}
    ImportLog.create(
        file_name=name[:260],
        file_hash=file_hash,
        org_code=org_code,
        operator=records.operator(),
        outcome=outcome,
        counts=json.dumps(counts, ensure_ascii=False),
        message=message[:4000],
        package_no=package_no,
    )


def apply_plan(
    plan: ImportPlan,
    *,
    conflicts: str | dict[str, str] = KEEP_LOCAL,
    skip_refused: bool = False,
    duplicates: str | dict[str, str] = MERGE_DUPLICATE,
) -> ImportResult:
    """Merge the accepted rows of ``plan`` in one transaction.

    ``conflicts`` is KEEP_LOCAL, TAKE_FILE, or {uuid: KEEP_LOCAL|TAKE_FILE} per conflicting row.
    ``duplicates`` is MERGE_DUPLICATE, KEEP_BOTH, or {uuid: …} per likely duplicate (keyed by the
    stored record's UUID, as in ``plan.likely_duplicates()``).
    Refused rows block the whole file unless ``skip_refused``.
    """
    _refuse_if_blocked(plan, skip_refused)
    try:
        # one writer at a time: the check against the database and the writes see the same
        # state; a second import (another window, another PC) waits for this one, then finds
        # these rows already there.
        with kept_first_error(), write_transaction():
            fresh = _plan_again(plan)
            return _write(fresh, conflicts, skip_refused, duplicates)
    except _Blocked as blocked:
        log_import(plan, REFUSED_OUTCOME, str(blocked))
        raise ImportRefused(str(blocked)) from None


class _Blocked(Exception):
    """Raised inside the transaction: the file, checked again, is refused after all."""


def _refuse_if_blocked(plan: ImportPlan, skip_refused: bool) -> None:
    problems = plan.problems()
    if plan.sheet_problems or (problems and not skip_refused):
        message = "；".join(str(p) for p in problems[:20])
        log_import(plan, REFUSED_OUTCOME, message)
        raise ImportRefused(message)


def _plan_again(plan: ImportPlan) -> ImportPlan:
    """The plan made anew inside the write transaction, from the same file.

    Between the preview and 导入 another import (a second window, the command line) may have
    written the same rows; what is written is decided on what the database holds now.
    """
    try:
        if file_sha256(plan.path) != plan.file_hash:
            raise _Blocked(f"文件“{plan.path.name}”在检查之后被修改过，未导入任何内容。请重新打开文件检查。")
        fresh = plan_again(plan)
    except (OSError, FileRefused) as error:
        raise _Blocked(f"文件“{plan.path.name}”在检查之后无法再读取（{error}），未导入任何内容。") from error
    fresh.notes = plan.notes
    return fresh


def _write(
    plan: ImportPlan,
    conflicts: str | dict[str, str],
    skip_refused: bool,
    duplicates: str | dict[str, str],
) -> ImportResult:
    problems = plan.problems()
    if plan.sheet_problems or (problems and not skip_refused):
        raise _Blocked("；".join(str(p) for p in problems[:20]))
    choice = (
        (lambda u: conflicts.get(u, KEEP_LOCAL)) if isinstance(conflicts, dict) else (lambda u: conflicts)
    )
    planned = _decide_duplicates(plan, duplicates)
    result = ImportResult(PARTIAL if problems else IMPORTED, plan.counts())
    now = models.now()
    origin = plan.info.org_code
    audits: list[dict] = []
    operator = records.operator()
    marks: dict[str, dt.datetime | str] = {}
    written: set[str] = set()
    for model in package_models():
        rows = [r for r in planned if r.incoming.model is model and r.status != REFUSED]
        if not rows:
            continue
        for row in rows:
            marks[row.uuid] = _agreed_version(row, now)
        take = [
            r for r in rows if r.status == CHANGED or (r.status == CONFLICT and choice(r.uuid) == TAKE_FILE)
        ]
        result.conflicts_taken += sum(1 for r in take if r.status == CONFLICT)
        new = [r for r in rows if r.status == NEW]
        self_ref = any(
            isinstance(f, pw.ForeignKeyField) and f.rel_model is model for f in model._meta.sorted_fields
        )
        # A 党小组 row needs its village's id, so such sheets are written row by row.
        batches = [[r] for r in new + take] if self_ref else [new + take]
        for batch in batches:
            ids = _reference_ids(model, batch)
            _insert(model, [_insert_values(model, r, ids, now, origin) for r in batch if r.status == NEW])
            for row in batch:
                if row.status != NEW:
                    _update(model, row, ids, now)
        result.written += len(new) + len(take)
        written.update(r.uuid for r in take)
        audits.extend(_audit(model, r, now, operator) for r in new + take)
    _insert(AuditEntry, audits)
    again = [r.uuid for r in plan.resubmissions() if r.uuid in written]
    if again:
        result.resubmitted = note_resubmitted(again, now.date())
    remember(plan.info.org_code, marks)
    if plan.info.sender_is_town and not this_installation()[1]:
        # the town's package carried these versions back: the town holds them (镇里已接收)
        note_town_holds(marks)
        result.messages.extend(_receipts_received(planned))
    log_import(plan, result.outcome, "；".join(str(p) for p in problems[:20]))
    return result


def _receipts_received(planned: list[PlannedRow]) -> list[str]:
    """The town's receipts (回执) new in its package, to show the village at once."""
    said = []
    for row in planned:
        if row.incoming.model is Receipt and row.status in (NEW, CHANGED):
            day = row.values.get("date")
            said.append(f"镇党委回执（{day}）：{row.values.get('text') or row.values.get('outcome') or ''}")
    return said


def _decide_duplicates(plan: ImportPlan, duplicates: str | dict[str, str]) -> list[PlannedRow]:
    """The plan's rows, those the clerk called a second real event turned into new records."""
    likely = {id(r) for r in plan.likely_duplicates()}
    rows = []
    for row in plan.rows:
        wanted = duplicates.get(row.uuid, MERGE_DUPLICATE) if isinstance(duplicates, dict) else duplicates
        if id(row) in likely and wanted == KEEP_BOTH and row.as_new is not None:
            row = replace(
                row, status=NEW, uuid=row.content_uuid, values=row.as_new, existing=None, changed_fields=[]
            )
        rows.append(row)
    return rows


def _reference_ids(model, rows: list[PlannedRow]) -> dict[str, dict[str, int]]:
    """For each reference field: target UUID → database id (parents are written first)."""
    ids = {}
    for f in model._meta.sorted_fields:
        if isinstance(f, pw.ForeignKeyField):
            wanted = {v for r in rows if (v := r.values.get(f.name)) not in (None, "")}
            ids[f.name] = uuid_to_id(f.rel_model, wanted) if wanted else {}
    return ids


def _db_values(model, row: PlannedRow, ids) -> dict:
    values = {}
    for name, value in row.values.items():
        f = model._meta.fields.get(name)
        if f is None or name == "id":
            continue
        if isinstance(f, pw.ForeignKeyField) and value is not None:
            value = ids[name][value]
        values[name] = value
    deleted = row.incoming.system.get("deleted")
    if deleted is not None:
        values["deleted"] = bool(deleted)
    return values


def _insert_values(model, row: PlannedRow, ids, now, origin) -> dict:
    values = {
        f.name: f.default() if callable(f.default) else f.default
        for f in model._meta.sorted_fields
        if f.name not in ("id",) and not isinstance(f, pw.ForeignKeyField)
    }
    values.update(_db_values(model, row, ids))
    system = row.incoming.system
    values.update(
        uuid=row.uuid,
        # a program-written row keeps its origin (even blank); a hand-filled one is the village's
        origin=system.get("origin") or ("" if system.get("updated_at") else origin),
        created_at=system.get("created_at") or now,
        updated_at=system.get("updated_at") or now,
        deleted=bool(system.get("deleted") or False),
    )
    return values


def _insert(model, rows: list[dict]) -> None:
    """Insert many rows with one prepared statement (peewee builds SQL per value: too slow here)."""
    if not rows:
        return
    names = list(rows[0])
    fields = [model._meta.fields[n] for n in names]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join(param() for _ in fields)
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    convert = [stored(f) for f in fields]
    data = [tuple(c(row[n]) for c, n in zip(convert, names, strict=True)) for row in rows]
    models.database.cursor().executemany(sql, data)


def _update(model, row: PlannedRow, ids, now) -> None:
    values = _db_values(model, row, ids)
    if row.existing is not None and row.incoming.system.get("updated_at") is None:
        # hand-filled row matched by name: a blank cell does not wipe what is known
        values = {k: v for k, v in values.items() if v not in (None, "")}
    values["updated_at"] = _version(row, now)
    model.update(**values).where(model.uuid == row.uuid).execute()


def _version(row: PlannedRow, now: dt.datetime) -> dt.datetime:
    """The 修改时间 a written row gets: the file's, unless it was edited in the spreadsheet (a new edit)."""
    if row.incoming.edited_in_sheet:
        return now
    return row.incoming.system.get("updated_at") or now


def _agreed_version(row: PlannedRow, now: dt.datetime) -> dt.datetime:
    """The version of a record this import agrees on with the village (see marks).

    A written row: the version it is written with. A hand-filled row (a template carries no
    修改时间) that says exactly what this PC holds: this PC's version, which it leaves as it
    is. Marking it ``now`` made this PC's untouched record look changed here, so the
    village's next correction of it came as a conflict that 导入 settled by keeping the old
    text. (A row kept for a reason, with a note, keeps ``now``: the same file again is asked
    about again rather than taken.)
    """
    hand_filled = row.incoming.system.get("updated_at") is None
    if row.status == UNCHANGED and hand_filled and not row.note and row.existing is not None:
        return row.existing["updated_at"]
    return _version(row, now)


def _audit(model, row: PlannedRow, now, operator: str) -> dict:
    fields = model._meta.fields
    changes: dict[str, str | list[str]]
    if row.status == NEW:
        changes = {
            fields[k].verbose_name: _plain(fields[k], v)
            for k, v in row.values.items()
            if v not in (None, "") and k in fields
        }
    else:
        before = row.existing or {}
        changes = {
            fields[k].verbose_name: [_plain(fields[k], before.get(k)), _plain(fields[k], row.values.get(k))]
            for k in row.changed_fields
            if k in fields and k != "deleted"
        }
        if "deleted" in row.changed_fields:
            changes["已删除"] = ["否", "是"] if row.incoming.system.get("deleted") else ["是", "否"]
    summary = next(
        (
            str(row.values[n])
            for n in ("name", "title", "topic", "description", "content")
            if row.values.get(n)
        ),
        "",
    )
    return {
        "time": now,
        "operator": operator,
        "action": "导入",
        "table": model._meta.table_name,
        "record_uuid": row.uuid,
        "summary": (summary or model._meta.verbose_name)[:200],
        "changes": json.dumps(changes, ensure_ascii=False, default=str),
    }


def _plain(f, value) -> str:
    if isinstance(f, pw.ForeignKeyField):
        return "" if value is None else str(value)
    return format_value(f, value)
