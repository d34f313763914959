"""Schema version and ordered migrations.

The schema version lives in SQLite's ``user_version``. Each migration runs inside one
transaction, after a consistent backup of an existing database, so a failed upgrade leaves
the file as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import peewee as pw

SCHEMA_VERSION = 2


class DatabaseTooNew(RuntimeError):
    """The file was written by a newer version of the program."""


def _v1_create_tables(db: pw.SqliteDatabase) -> None:
    from . import ALL_TABLES  # noqa: PLC0415

    db.create_tables(ALL_TABLES)


def _v2_member_roster_fields(db: pw.SqliteDatabase) -> None:
    # 民族 and 转正日期 come with every 花名册; a file created at v1 lacks the columns
    # (a new file gets them from the declarations in step 1 already).
    have = {column.name for column in db.get_columns("member")}
    if "ethnicity" not in have:
        db.execute_sql('ALTER TABLE "member" ADD COLUMN "ethnicity" VARCHAR(20) NOT NULL DEFAULT \'\'')
    if "full_date" not in have:
        db.execute_sql('ALTER TABLE "member" ADD COLUMN "full_date" DATE')
        db.execute_sql('CREATE INDEX IF NOT EXISTS "member_full_date" ON "member" ("full_date")')


# (version reached, what to do). Append only: never edit a migration that has shipped.
MIGRATIONS: list[tuple[int, Callable[[pw.SqliteDatabase], None]]] = [
    (1, _v1_create_tables),
    (2, _v2_member_roster_fields),
]


def current_version(db: pw.SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def backup_copy(db: pw.SqliteDatabase, target: Path) -> Path:
    """A consistent copy of the live database (SQLite backup API, never a file copy)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(str(target))
    try:
        db.connection().backup(dest)
        # A backup is a single self-contained file: no -wal/-shm beside it when read later.
        dest.execute("PRAGMA journal_mode=delete")
    finally:
        dest.close()
    return target


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
        backup_copy(db, path.parent / "backups" / f"{path.stem}-升级前-v{found}.sqlite3")
    for version, step in pending:
        with db.atomic():
            step(db)
            db.execute_sql(f"PRAGMA user_version = {version}")
    return found
