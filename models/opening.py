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
    if is_server_url(location):
        url = server_url(location)
        server = pw.PostgresqlDatabase(url.dbname, **url.connect_params())  # type: ignore[arg-type]
        database.initialize(server)
        database.connect()
        if migrate:
            migrations.upgrade(database, url)
        load_local_origin()
        return server
    path = Path(location)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    sqlite = pw.SqliteDatabase(str(path), pragmas=PRAGMAS)
    database.initialize(sqlite)
    database.connect()
    if migrate:
        migrations.upgrade(database, path)
    load_local_origin()
    return sqlite


def close_database() -> None:
    if not database.is_closed():
        database.close()
