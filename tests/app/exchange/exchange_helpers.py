"""Shared helpers for the exchange tests: switching databases, dumping records to compare."""

from __future__ import annotations

import peewee as pw

from app.exchange.idcard import check_digit
from models import EXCHANGE_TYPES
from models import close_database
from models import open_database


def valid_id(first17: str) -> str:
    """An 18-digit ID number with the right GB 11643 check digit."""
    return first17 + check_digit(first17)


def use(path):
    """Make ``path`` the open database (the tests move files between a town and a village)."""
    close_database()
    return open_database(path)


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
