"""审核退回: the town sends back a village's record with a reason; the village corrects it.

Nothing is deleted: a send-back is a record of its own (models.review.SendBack) naming the
village's record by its UUID. It travels in the town's next package (or template) to the
village. When the corrected record comes back, the import notes it as 再次报送 and the
send-back moves to that state; the town then accepts it (已接收) or sends it back again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import peewee as pw

from app import records
from models import ACCEPTED
from models import EXCHANGE_TYPES
from models import RESUBMITTED
from models import SENT_BACK
from models import Organisation
from models import Record
from models import SendBack
from models import record_type
from models.authority import VILLAGE
from models.authority import owner
from models.schema import label_of
from models.schema import org_path


class SendBackRefused(ValueError):
    """The record cannot be sent back; the message says why (Chinese)."""


def village_of(record: Record) -> Organisation | None:
    """The village (or community) a record belongs to: its 党小组's branch for a group's record."""
    target: pw.Model | None = record
    for f in org_path(type(record)):
        target = getattr(target, f.name, None) if target is not None else None
    org = (
        target if isinstance(target, Organisation) else (record if isinstance(record, Organisation) else None)
    )
    while org is not None and org.kind == "党小组" and org.parent_id is not None:
        org = org.parent
    return org


def describe_record(record: Record) -> str:
    """How a send-back names the record: its label and its own words (2022-05-03 支部党员大会…)."""
    parts = []
    for name in ("date", "kind", "name", "title", "topic", "content", "description"):
        value = record.__data__.get(name)
        if value:
            parts.append(value.isoformat() if isinstance(value, dt.date) else str(value)[:40])
        if len(parts) == 2:
            break
    return " ".join(parts) or label_of(type(record))


def send_back_record(record: Record, reason: str, day: dt.date | None = None) -> SendBack:
    """The town marks ``record`` as not accepted (退回), with ``reason``; the record stays as it is."""
    model = type(record)
    if owner(model) != VILLAGE or record.deleted:
        raise SendBackRefused(f"只能退回村（社区）报送的记录，{label_of(model)}不是村里报送的。")
    reason = reason.strip()
    if not reason:
        raise SendBackRefused("请写明退回原因（如：会议记录过于简单、佐证不足），村里才知道改什么。")
    village = village_of(record)
    if village is None or village.kind == "镇党委":
        raise SendBackRefused("这条记录不属于任何村（社区），无处退回。")
    if open_send_back(record.uuid) is not None:
        raise SendBackRefused("这条记录已经退回，村里还没有改正后再次报送。")
    values = {
        "org": village,
        "record_table": model._meta.table_name,
        "record_label": label_of(model),
        "record_uuid": record.uuid,
        "summary": describe_record(record)[:200],
        "date": day or dt.date.today(),
        "reason": reason[:500],
        "state": SENT_BACK,
    }
    return records.save_record(SendBack, values)


def open_send_back(record_uuid: str) -> SendBack | None:
    """The send-back of a record not yet accepted (被退回 or 再次报送), if any."""
    return (
        SendBack.live()
        .where((SendBack.record_uuid == record_uuid) & SendBack.state.in_((SENT_BACK, RESUBMITTED)))
        .order_by(SendBack.date.desc(), SendBack.id.desc())
        .first()
    )


def open_send_backs(
    uuids: Iterable[str] | None = None, org_ids: list[int] | None = None
) -> dict[str, SendBack]:
    """{record UUID: its open send-back}, for the given records or villages (all when None)."""
    query = SendBack.live().where(SendBack.state.in_((SENT_BACK, RESUBMITTED)))
    if org_ids is not None:
        query = query.where(SendBack.org.in_(org_ids))
    if uuids is not None:
        wanted = list(uuids)
        found: dict[str, SendBack] = {}
        for start in range(0, len(wanted), 5000):
            for mark in query.where(SendBack.record_uuid.in_(wanted[start : start + 5000])).order_by(
                SendBack.id
            ):
                found[mark.record_uuid] = mark
        return found
    return {mark.record_uuid: mark for mark in query.order_by(SendBack.id)}


def note_resubmitted(uuids: Iterable[str], day: dt.date) -> int:
    """Records sent back and now imported again: their send-backs become 再次报送."""
    marks = [m for m in open_send_backs(uuids).values() if m.state == SENT_BACK]
    for mark in marks:
        records.save_record(SendBack, {"state": RESUBMITTED, "resubmitted": day}, mark)
    return len(marks)


def accept_resubmission(mark: SendBack) -> SendBack:
    """The town accepts the corrected record (已接收)."""
    if mark.state == ACCEPTED:
        return mark
    return records.save_record(SendBack, {"state": ACCEPTED}, mark)


def record_of(mark: SendBack) -> Record | None:
    """The record a send-back names (None if it is gone)."""
    model = record_type(mark.record_table)
    return model.get_or_none(model.uuid == mark.record_uuid)


def find_record(record_uuid: str) -> Record | None:
    """A village's record by its UUID (or its first 8 characters or more), whatever its type."""
    text = record_uuid.strip().lower()
    if len(text) < 8:
        return None
    found: list[Record] = []
    for model in EXCHANGE_TYPES:
        if owner(model) == VILLAGE and model is not Organisation:
            found.extend(model.select().where(model.uuid.startswith(text)).limit(2))
    return found[0] if len(found) == 1 else None
