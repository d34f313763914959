"""One village's records as a package for the USB stick (``export-package``).

Written in openpyxl's write-only mode, row by row straight from the database, so a package of
tens of thousands of records costs little more than openpyxl writing the same cells. Every
record carries its UUID and its 修改时间 so that the other side can merge it exactly once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import peewee as pw
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

import models
from app.storage.safe_write import WriteFailed
from app.storage.safe_write import folder_for
from app.storage.safe_write import writing
from models import Organisation
from models import settings
from models.authority import may_write
from models.authority import partly_village
from models.db import tuples
from models.fields import CELL_TEXT_LIMIT
from models.fields import flag
from models.schema import filter_by_org

from .checksum import CHECKSUM
from .checksum import row_checksum
from .marks import remember
from .meta import describe
from .scope import _ancestor_ids
from .scope import _subtree_ids
from .sheets import KIND_PACKAGE
from .sheets import META_SHEET
from .sheets import content_columns
from .sheets import is_town_level
from .sheets import layout
from .sheets import package_models
from .writing import FORMULA_STARTS
from .writing import text_cell

_DISPLAY_FIELDS = ("name", "title", "topic", "description", "code")
PACKAGE_NO = "exchange.package_no"
settings.declare(PACKAGE_NO, 0, "本机导出的最后一个交换包的序号")


class _TooLong(Exception):
    """A stored text longer than a spreadsheet cell holds (entered before the limit was checked)."""

    def __init__(self, header: str, length: int, where: str = ""):
        super().__init__(header)
        self.header, self.length, self.where = header, length, where

    def cause(self) -> str:
        return (
            f"{self.where}的“{self.header}”有 {self.length} 个字，超过一个表格单元格能容纳的 "
            f"{CELL_TEXT_LIMIT} 个字，写进文件会被截断。请先在程序中把这条记录的“{self.header}”缩短"
        )


def export_package(village: Organisation, out: str | Path) -> dict[str, int]:
    """Write ``village``'s records to ``out``; returns the number of records per sheet.

    From the town the package also holds the town's own records a village needs (the
    campaign, scorecards, notices); from a village only the records a village writes, and the
    town's problems in which it writes its 整改佐证 (see models.authority).
    """
    out = Path(out)
    folder_for(out)  # before the sheets are built: a folder that cannot be had is told at once
    info = describe(KIND_PACKAGE, village)
    if not info.sender_is_town:
        # a village numbers its packages, so the town sees a missing or an old one arriving
        info.package_no = int(settings.get(PACKAGE_NO) or 0) + 1
    org_ids = _subtree_ids(village)
    book = Workbook(write_only=True)
    counts: dict[str, int] = {}
    sent: dict[str, str] = {}
    names = _Names()
    above = _ancestor_ids(village) if info.sender_is_town else []
    extra = _town_records_referenced(org_ids, above) if above else {}
    for model in package_models():
        if not info.sender_is_town and not may_write(model, False) and not partly_village(model):
            continue  # a village sends only what it writes (models.authority); the town has the rest
        queries = [_records(model, org_ids, above)]
        if extra.get(model):
            queries.insert(0, model.select().where(model.id.in_(sorted(extra[model]))).order_by(model.id))
        try:
            counts[layout(model, KIND_PACKAGE).title] = _write_sheet(
                book, model, queries, names, org_ids, sent
            )
        except _TooLong as long:
            _abandon(book)
            raise WriteFailed(out, long.cause()) from None
    meta = book.create_sheet(META_SHEET)
    for key, value, label in info.rows():
        meta.append([key, "是" if value is True else "否" if value is False else value, label])
    meta.sheet_state = "hidden"
    with writing(out) as tmp:  # a half-written package never carries the real name
        try:
            book.save(tmp)
        except BaseException:
            _abandon(book)
            raise
    with models.database.atomic():
        remember(info.org_code, sent)
        if info.package_no:
            settings.put(PACKAGE_NO, info.package_no)
    return counts


def _abandon(book: Workbook) -> None:
    """Close the sheets a failed save left open (else each prints a traceback when collected)."""
    for sheet in book.worksheets:
        writer = getattr(sheet, "_writer", None)
        for stream in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
            if stream is not None:
                with contextlib.suppress(Exception):  # lxml objects to the unfinished element: known
                    stream.close()


def _records(
    model: type[models.Record], org_ids: list[int], above: list[int]
) -> pw.ModelSelect[models.Record]:
    query = model.select()
    if model is Organisation:
        return query.where(Organisation.id.in_(org_ids + above)).order_by(Organisation.id)
    if is_town_level(model):
        return query.order_by(model.id)
    return filter_by_org(query, model, org_ids).order_by(model.id)


def _town_records_referenced(org_ids: list[int], above: list[int]) -> dict[type, set[int]]:
    """The town's records that the village's records refer to (the town's training a member
    attended): a village needs them to hold those references, and may read but not change them."""
    extra: dict[type, set[int]] = {}
    for model in package_models():
        if is_town_level(model) or model is Organisation:
            continue
        for f in model._meta.sorted_fields:
            rel = getattr(f, "rel_model", None)
            if rel is None or rel is model or rel is Organisation or is_town_level(rel):
                continue
            query = filter_by_org(model.select(f), model, org_ids).where(f.is_null(False)).distinct()
            wanted = {i for (i,) in tuples(query)}
            if not wanted:
                continue
            owned_above = filter_by_org(rel.select(rel.id), rel, above).where(rel.id.in_(sorted(wanted)))
            extra.setdefault(rel, set()).update(i for (i,) in tuples(owned_above))
    return extra


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


def _write_sheet(book, model, queries, names: _Names, org_ids, sent) -> int:
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
    # Raw rows straight from SQLite, one converter per column: peewee's per-value conversion
    # would cost more than openpyxl's own writing.
    stored = [c for c in sheet_layout.columns if c.name != CHECKSUM]
    fields = [model._meta.fields[c.field_name] for c in stored]
    converters = [_converter(c, f, names, ws) for c, f in zip(stored, fields, strict=True)]
    private = [i for i, c in enumerate(stored) if c.sensitive] if model is Organisation else []
    content = len(content_columns(sheet_layout))  # content columns come first, system ones last
    count = 0
    for raw in _raw_rows(queries, model.id, model.uuid, model.updated_at, *fields):
        try:
            row = [convert(value) for convert, value in zip(converters, raw[3:], strict=True)]
        except _TooLong as long:
            raise _TooLong(long.header, long.length, f"工作表“{sheet_layout.title}”第{count + 2}行") from None
        if private and raw[0] not in org_ids:  # the town committee's own phone stays at the town
            for index in private:
                row[index] = None
        row.append(row_checksum(row[:content]))
        ws.append(row)
        sent[raw[1]] = raw[2]
        count += 1
    return count


def _raw_rows(queries, *columns):
    for query in queries:
        sql, params = query.select(*columns).sql()
        yield from models.database.execute_sql(sql, params)


def _converter(column, f, names: _Names, ws):
    """How a raw SQLite value of ``column`` is written to a cell."""

    def safe(value):
        if value.__class__ is str:
            if len(value) > CELL_TEXT_LIMIT:  # written whole, a spreadsheet would cut it
                raise _TooLong(column.header, len(value))
            # text a spreadsheet would take for a formula (= + - @) goes in as a text cell
            if value.startswith(FORMULA_STARTS):
                return text_cell(ws, value)
        return value

    kind = column.kind
    if kind in ("ref", "ref_uuid"):
        position = 0 if kind == "ref" else 1
        rel = f.rel_model

        def reference(value):
            return None if value is None else safe(names.get(rel, value)[position])

        return reference
    if kind == "bool" or column.name == "deleted":
        return lambda value: None if value is None else ("是" if value else "否")
    if isinstance(f, pw.DateTimeField):
        # kept as the stored ISO text, exact to the microsecond (PostgreSQL gives a datetime:
        # written as the same text SQLite keeps)
        return lambda value: value if value is None or value.__class__ is str else value.isoformat(sep=" ")
    if isinstance(f, pw.DateField):
        return lambda value: (
            None if not value else value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        )
    return safe


def sensitive_columns(model) -> list[str]:
    return [f.name for f in model._meta.sorted_fields if flag(f, "sensitive")]
