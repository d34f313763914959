"""Schema version and ordered migrations.

The schema version lives in SQLite's ``user_version``. Each migration runs inside one
transaction, after a consistent backup of an existing database, so a failed upgrade leaves
the file as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import peewee as pw

SCHEMA_VERSION = 1


class DatabaseTooNew(RuntimeError):
    """The file was written by a newer version of the program."""


def _v1_create_tables(db: pw.SqliteDatabase) -> None:
    from . import ALL_TABLES  # noqa: PLC0415

    db.create_tables(ALL_TABLES)


# (version reached, what to do). Append only: never edit a migration that has shipped.
MIGRATIONS: list[tuple[int, Callable[[pw.SqliteDatabase], None]]] = [
    (1, _v1_create_tables),
]


def current_version(db: pw.SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


# How an existing file is backed up before it is upgraded. Set by app.storage.backup, which
# holds the program's one SQLite copy (models never imports app); without it no existing
# file is upgraded, rather than upgraded without a backup.
backup_before_upgrade: Callable[[Path, int], object] | None = None


def upgrade(db: pw.SqliteDatabase, path: Path) -> int:
    """Bring the schema up to :data:`SCHEMA_VERSION`; return the version found before."""
    found = current_version(db)
    if found > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"数据库文件 {path} 由更新版本的程序（数据结构版本 {found}）写入，"
            f"本程序只支持到版本 {SCHEMA_VERSION}。请安装新版程序后再打开，以免损坏数据。"
        )
    pending = [(v, step) for v, step in MIGRATIONS if v > found]
    if pending and found > 0 and str(path) != ":memory:":
        if backup_before_upgrade is None:
            raise RuntimeError(f"升级数据库文件 {path} 之前无法备份，为安全起见没有升级。")
        backup_before_upgrade(path, found)
    for version, step in pending:
        with db.atomic():
            step(db)
            db.execute_sql(f"PRAGMA user_version = {version}")
    return found
