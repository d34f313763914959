"""Who else works on the same server database: other copies of the program connected to it now.

Each copy names its connections ``wuzhua/<computer>/<process>`` (libpq's
``application_name``), so that the window can show the other clerks' computers and the
server's own views name them too. On a SQLite file there is no one else (the lock file).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import database
from models.db import is_postgres
from models.server import _application_name

APP = "wuzhua"  # PostgreSQL keeps only ASCII in application_name


def application_name() -> str:
    """This copy's name on the server (at most 63 bytes, as PostgreSQL keeps)."""
    return _application_name()


@dataclass(frozen=True)
class OtherClerk:
    computer: str
    user: str
    since: dt.datetime | None


def other_clerks() -> list[OtherClerk]:
    """The other copies of the program connected to this database now (one per copy), oldest first."""
    if not is_postgres():
        return []
    rows = database.execute_sql(
        "SELECT application_name, usename, min(backend_start) FROM pg_stat_activity "
        "WHERE datname = current_database() AND application_name LIKE %s AND application_name <> %s "
        "GROUP BY application_name, usename ORDER BY 3",
        (f"{APP}/%", application_name()),
    ).fetchall()
    return [
        OtherClerk(name.split("/")[1] if name.count("/") >= 2 else name, user or "", since)
        for name, user, since in rows
    ]


def describe_others(clerks: list[OtherClerk]) -> str:
    """The status bar's words: who else is connected."""
    if not clerks:
        return "其他电脑：无"
    return "同时在用：" + "、".join(f"{c.computer}（{c.user}）" if c.user else c.computer for c in clerks)
