"""Binding the one database to a SQLite file or a server database: open (creating and upgrading it) and close."""

from __future__ import annotations

from pathlib import Path

import peewee as pw

from . import migrations
from .db import PRAGMAS
from .db import database
from .server import is_server_url
from .server import server_url
from .settings import load_local_origin


def open_database(location: str | Path, *, migrate: bool = True) -> pw.Database:
    """Open the database at ``location`` and bring it up to date.

    ``location``: a SQLite file (created when needed) or ``postgresql://user@host/dbname``
    (the database must exist on the server; its tables are made when it is empty).
    Raises :class:`models.migrations.DatabaseTooNew` when it was written by a newer version
    of the program.
    """
    close_database()
    opened: pw.Database
    where: Path | str  # the file or the server database, as the upgrade names and backs it up
    if is_server_url(location):
        where = url = server_url(location)
        opened = pw.PostgresqlDatabase(url.dbname, **url.connect_params())  # type: ignore[arg-type]
    else:
        where = path = Path(location)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        opened = pw.SqliteDatabase(str(path), pragmas=PRAGMAS)
    database.initialize(opened)
    database.connect()
    if migrate:
        migrations.upgrade(database, where)
    load_local_origin()
    return opened


def close_database() -> None:
    if not database.is_closed():
        database.close()
