"""Binding the one database to a file: open (creating and upgrading it) and close."""

from __future__ import annotations

from pathlib import Path

import peewee as pw

from . import migrations
from .db import PRAGMAS, database
from .settings import load_local_origin


def open_database(path: str | Path, *, migrate: bool = True) -> pw.SqliteDatabase:
    """Open (creating when needed) the database file at ``path`` and bring it up to date.

    Raises :class:`models.migrations.DatabaseTooNew` when the file was written by a newer
    version of the program.
    """
    path = Path(path)
    if not database.is_closed():
        database.close()
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    database.init(str(path), pragmas=PRAGMAS)
    database.connect()
    if migrate:
        migrations.upgrade(database, path)
    load_local_origin()
    return database


def close_database() -> None:
    if not database.is_closed():
        database.close()
