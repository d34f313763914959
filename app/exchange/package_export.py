"""One village's records as a package for the USB stick (``export-package``).

Written in openpyxl's write-only mode, row by row straight from the database, so a package of
tens of thousands of records costs little more than openpyxl writing the same cells. Every
record carries its UUID and its 修改时间 so that the other side can merge it exactly once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import peewee as pw
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

import models
from models import ExchangeMark, Organisation
from models.fields import flag
from models.schema import filter_by_org

from .meta import describe
from .scope import _subtree_ids
from .sheets import KIND_PACKAGE, META_SHEET, is_town_level, layout, package_models
from .writing import FORMULA_STARTS, text_cell

_DISPLAY_FIELDS = ("name", "title", "topic", "description", "code")


def export_package(village: Organisation, out: str | Path) -> dict[str, int]:
    """Write ``village``'s records to ``out``; returns the number of records per sheet.

    From the town the package also holds the town's own records a village needs (the
    campaign, scorecards, notices); from a village only that village's records.
    """
    out = Path(out)
    info = describe(KIND_PACKAGE, village)
    org_ids = _subtree_ids(village)
    book = Workbook(write_only=True)
    counts: dict[str, int] = {}
    sent: list[tuple[str, dt.datetime]] = []
    names = _Names()
    for model in package_models():
        if is_town_level(model) and not info.sender_is_town:
            continue
        query = _records(model, org_ids, info.sender_is_town)
        counts[layout(model, KIND_PACKAGE).title] = _write_sheet(book, model, query, names, org_ids, sent)
    meta = book.create_sheet(META_SHEET)
    for key, value, label in info.rows():
        meta.append([key, "是" if value is True else "否" if value is False else value, label])
    meta.sheet_state = "hidden"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    book.save(tmp)
    tmp.replace(out)  # a half-written package never carries the real name
    _remember(info.org_code, sent)
    return counts


def _records(model, org_ids: list[int], from_town: bool) -> pw.ModelSelect:
    query = model.select()
    if model is Organisation:
        wanted = Organisation.id.in_(org_ids)
        town = Organisation.town()
        if from_town and town is not None:
            wanted |= Organisation.id == town.id
        return query.where(wanted).order_by(Organisation.id)
    if is_town_level(model):
        return query.order_by(model.id)
    return filter_by_org(query, model, org_ids).order_by(model.id)


class _Names:
    """id → (display name, UUID) of referenced records, loaded once per table."""

    def __init__(self):
        self.tables: dict[type, dict[int, tuple[str, str]]] = {}

    def get(self, model, record_id: int) -> tuple[str, str]:
        table = self.tables.get(model)
        if table is None:
            display = next(
                (model._meta.fields[n] for n in _DISPLAY_FIELDS if n in model._meta.fields), model.uuid
            )
            table = self.tables[model] = {
                i: (d, u) for i, d, u in model.select(model.id, display, model.uuid).tuples()
            }
        return table.get(record_id, ("", ""))


def _write_sheet(book, model, query, names: _Names, org_ids, sent) -> int:
    sheet_layout = layout(model, KIND_PACKAGE)
    ws = book.create_sheet(sheet_layout.title)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in sheet_layout.columns:
        cell = WriteOnlyCell(ws, column.header)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    fields = model._meta.fields
    plan = []  # (field name, how to write it)
    for column in sheet_layout.columns:
        plan.append((column.field_name, column.kind, column.sensitive))
    town_rows_private = model is Organisation
    count = 0
    for record in query.dicts().iterator():
        out_of_village = town_rows_private and record["id"] not in org_ids
        row: list[Any] = []
        for name, kind, sensitive in plan:
            value = record[name]
            if sensitive and out_of_village:
                value = None
            elif kind == "ref":
                value = names.get(fields[name].rel_model, value)[0] if value is not None else None
            elif kind == "ref_uuid":
                value = names.get(fields[name].rel_model, value)[1] if value is not None else None
            elif kind == "bool" or name == "deleted":
                value = "是" if value else "否"
            elif name in ("created_at", "updated_at"):
                value = value.isoformat(sep=" ")
            if value.__class__ is str and value.startswith(FORMULA_STARTS):
                value = text_cell(ws, value)
            row.append(value)
        ws.append(row)
        sent.append((record["uuid"], record["updated_at"]))
        count += 1
    return count


def _remember(org_code: str, sent: list[tuple[str, dt.datetime]]) -> None:
    """Note the version of every record sent: the base for the next import's conflict check."""
    with models.database.atomic():
        for start in range(0, len(sent), 5000):
            rows = [
                {"org_code": org_code, "record_uuid": u, "updated_at": t}
                for u, t in sent[start : start + 5000]
            ]
            ExchangeMark.insert_many(rows).on_conflict(
                conflict_target=[ExchangeMark.org_code, ExchangeMark.record_uuid],
                update={ExchangeMark.updated_at: pw.EXCLUDED.updated_at},
            ).execute()


def sensitive_columns(model) -> list[str]:
    return [f.name for f in model._meta.sorted_fields if flag(f, "sensitive")]
