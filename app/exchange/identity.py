"""Recognising a row sent again without the program's identity, by its natural key.

A hand-filled row carries no UUID. When the village corrects a row and sends the template
again, the row's words differ, yet it is the same 月调度 (same task and month) or the same
meeting (same branch, type and date). The natural key each record type declares in its model
(``Meta.natural_key``) says which fields name the event; here rows and stored records are
compared on those fields, cleaned the way names are cleaned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import models
from models.schema import filter_by_org
from models.schema import natural_key
from models.schema import org_path

from . import normalize as nz

Key = tuple[Any, ...]

# Member and Organisation are found by name and code in scope.Scope (several members may
# share a name: that is asked about, not guessed).
_BY_NAME = (models.Member, models.Organisation)


def key_of(model: type[models.Record], values: dict[str, Any]) -> Key | None:
    """The natural key of a row or record (references as UUIDs); None when a required part is empty."""
    parts: list[Any] = []
    for name in natural_key(model):
        f = model._meta.fields[name]
        value = values.get(name)
        if value in (None, ""):
            if getattr(f, "required", False):
                return None
            parts.append("")
            continue
        if isinstance(value, str):
            value = nz.compact(value).casefold()
        elif isinstance(value, dt.date) and name == "month":
            value = (value.year, value.month)  # a 月调度 is for a month, whichever day was typed
        parts.append(value)
    return tuple(parts)


def key_labels(model: type[models.Record]) -> str:
    """The Chinese labels of the natural key, for messages: 重点任务、调度月份."""
    return "、".join(model._meta.fields[n].verbose_name for n in natural_key(model))


class KeyIndex:
    """The live records a file may touch, by natural key, loaded once per record type."""

    def __init__(self, org_ids: list[int], as_uuids: Callable[[type, dict], dict[str, Any]]):
        self.org_ids = org_ids
        self.as_uuids = as_uuids
        self.tables: dict[type, dict[Key, list[str]]] = {}

    def matches(self, model: type[models.Record], values: dict[str, Any]) -> list[str]:
        """UUIDs of stored records with the same natural key as ``values``."""
        if model in _BY_NAME or not natural_key(model):
            return []
        key = key_of(model, values)
        if key is None:
            return []
        return self._table(model).get(key, [])

    def _table(self, model: type[models.Record]) -> dict[Key, list[str]]:
        table = self.tables.get(model)
        if table is None:
            table = self.tables[model] = {}
            if org_path(model) and not self.org_ids:
                return table  # a village this database does not know yet keeps nothing here
            query = model.select().where(model.deleted == False)  # noqa: E712 (peewee expression)
            query = filter_by_org(query, model, self.org_ids)
            record: dict[str, Any]
            for record in query.dicts():  # type: ignore[assignment]  # peewee's stubs: dicts() yields dicts
                key = key_of(model, self.as_uuids(model, record))
                if key is not None:
                    table.setdefault(key, []).append(record["uuid"])
        return table
