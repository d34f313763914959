"""Collects the demo town's rows in memory and writes them in bulk, in dependency order.

Ids are given out here (continuing after the rows already in each table), so records can
refer to each other before anything is written; UUIDs come from the seed, and the time
stamps from the record's own date, so the same seed always writes the same database.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from typing import Any

import peewee as pw

from models import ALL_TABLES
from models import Record
from models import database
from models.db import ids_written
from models.db import param
from models.db import stored

DEFAULT_DAY = dt.date(2022, 4, 11)


class Writer:
    """Rows of every record type, with their ids, waiting for :meth:`flush`."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)  # every value of the town is drawn from this one
        self._uuids = random.Random(f"uuid-{seed}")
        self.rows: dict[type[pw.Model], list[dict[str, Any]]] = defaultdict(list)
        self._next_id: dict[type[Record], int] = {}
        self._names: dict[type[Record], frozenset[str]] = {}
        self._by_id: dict[tuple[type[Record], int], dict[str, Any]] = {}

    def uuid(self) -> str:
        """A fixed, seed-derived version-4 UUID."""
        return str(uuid.UUID(int=self._uuids.getrandbits(128), version=4))

    def _first_id(self, model: type[Record]) -> int:
        if model not in self._next_id:
            top = model.select(pw.fn.MAX(model.id)).scalar() or 0
            self._next_id[model] = top + 1
            self._names[model] = frozenset(f.name for f in model._meta.sorted_fields)
        return self._next_id[model]

    def add(self, model: type[Record], day: dt.date | None, origin: str, **values: Any) -> int:
        """Queue one record written by ``origin`` on ``day``; return its id."""
        rid = self._first_id(model)
        self._next_id[model] = rid + 1
        unknown = set(values) - self._names[model]
        if unknown:
            raise TypeError(f"{model.__name__} has no field {sorted(unknown)}")
        # Typed in during the working day of the record's date.
        stamp = dt.datetime.combine(day or DEFAULT_DAY, dt.time(8 + rid % 10, (rid * 7) % 60))
        values.update(id=rid, uuid=self.uuid(), origin=origin, created_at=stamp, updated_at=stamp)
        self.rows[model].append(values)
        self._by_id[(model, rid)] = values
        return rid

    def update(self, model: type[Record], rid: int, **values: Any) -> None:
        """Change a queued record (e.g. a branch's secretary, known once its members are)."""
        self._by_id[(model, rid)].update(values)

    def values(self, model: type[Record], rid: int) -> dict[str, Any]:
        """The values of a queued record."""
        return self._by_id[(model, rid)]

    def count(self, model: type[Record]) -> int:
        return len(self.rows.get(model, ()))

    def flush(self) -> dict[str, int]:
        """Write every queued row (inside the caller's transaction); rows written per table.

        One prepared INSERT per table run with ``executemany``: building peewee queries
        for a hundred thousand rows would take most of the time.
        """
        written: dict[str, int] = {}
        cursor = database.cursor()
        for model in ALL_TABLES:
            rows = self.rows.pop(model, None)
            if not rows:
                continue
            fields = model._meta.sorted_fields
            columns = ", ".join(f'"{f.column_name}"' for f in fields)
            marks = ", ".join(param() for _ in fields)
            sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
            plan = [(f.name, None if callable(f.default) else f.default, stored(f)) for f in fields]
            cursor.executemany(
                sql, ([store(row.get(name, default)) for name, default, store in plan] for row in rows)
            )
            written[model._meta.table_name] = len(rows)
        ids_written(ALL_TABLES)
        return written
