"""Shared helpers for the exchange tests: switching databases, a village's computer, filling in
templates by header label, dumping records to compare."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import peewee as pw
from openpyxl.utils import get_column_letter

from app.exchange import apply_plan
from app.exchange import export_package
from app.exchange import plan_import
from app.exchange import write_template
from app.exchange.idcard import check_digit
from models import EXCHANGE_TYPES
from models import Organisation
from models import close_database
from models import open_database
from models import settings


def valid_id(first17: str) -> str:
    """An 18-digit ID number with the right GB 11643 check digit."""
    return first17 + check_digit(first17)


def use(path):
    """Make ``path`` the open database (the tests move files between a town and a village)."""
    close_database()
    return open_database(path)


def village_computer(town_path, village_path, tmp_path) -> None:
    """红星村's (ZD01) computer set up from the town's package, as on the first USB trip; its
    database is the open one afterwards."""
    use(town_path)
    export_package(Organisation.get(code="ZD01"), tmp_path / "setup.xlsx")
    use(village_path)
    settings.put("local_org_code", "ZD01")
    apply_plan(plan_import(tmp_path / "setup.xlsx"))


def _columns(ws) -> dict[str, int]:
    """A template sheet's columns by their header label (without the * of a required one)."""
    return {str(c.value).rstrip("*"): c.column for c in ws[1] if c.value}


def put(ws, row: int, values: dict[str, object]) -> None:
    """Fill one row by header label (so the test does not depend on the column order)."""
    columns = _columns(ws)
    for label, value in values.items():
        ws.cell(row=row, column=columns[label], value=value)


def template(town, tmp_path, name: str = "模板.xlsx") -> Path:
    """红星村's template (``town`` is the fixture of that name), written to ``tmp_path / name``."""
    path = tmp_path / name
    write_template(town["v1"], path)
    return path


def template_book(town, tmp_path) -> openpyxl.Workbook:
    """红星村's template, opened to be typed into."""
    return openpyxl.load_workbook(template(town, tmp_path))


def filled(town, tmp_path, sheet: str, rows: list[dict[str, object]], name: str = "已填.xlsx") -> Path:
    """红星村's template with ``rows`` typed into ``sheet`` by header label from row 3 on, saved
    as ``tmp_path / name``."""
    book = template_book(town, tmp_path)
    for number, values in enumerate(rows, start=3):
        put(book[sheet], number, values)
    out = tmp_path / name
    book.save(out)
    return out


def column_letters(path, sheet: str) -> dict[str, str]:
    """The column letters of ``sheet`` of the workbook at ``path``, by header label."""
    columns = _columns(openpyxl.load_workbook(path)[sheet])
    return {label: get_column_letter(column) for label, column in columns.items()}


def dump(models_=EXCHANGE_TYPES) -> dict[str, list[tuple]]:
    """Every record of every type, references as UUIDs, sorted by UUID: two databases compare equal."""
    uuid_of: dict[type, dict[int, str]] = {}
    out = {}
    for model in models_:
        rows = []
        for record in model.select().dicts():
            values = []
            for f in model._meta.sorted_fields:
                if f.name == "id":
                    continue
                value = record[f.name]
                if isinstance(f, pw.ForeignKeyField) and value is not None:
                    table = uuid_of.setdefault(
                        f.rel_model, dict(f.rel_model.select(f.rel_model.id, f.rel_model.uuid).tuples())
                    )
                    value = table[value]
                values.append((f.name, value))
            rows.append(tuple(values))
        out[model.__name__] = sorted(rows, key=lambda r: r[0][1])
    return out
