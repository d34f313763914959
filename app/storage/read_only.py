"""A database that cannot be written (read-only file or folder): found at start, opened for reading.

A clerk may copy the town's file from a CD or a write-protected stick, or an office PC may
mark it read-only. Opening it normally would fail at the first save, or (in a read-only
folder, where SQLite cannot keep its side files) look like a damaged file.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import peewee as pw

from models import database
from models import settings
from models.db import PRAGMAS
from models.migrations import SCHEMA_VERSION
from models.migrations import current_version
from models.server import is_server_url


class CannotReadOnly(Exception):
    """The file cannot be opened even for reading; the message says why, in Chinese."""


def _folder_writable(folder: Path) -> bool:
    # os.access says yes for folders on Windows and for root everywhere; making a file is the test.
    try:
        fd, name = tempfile.mkstemp(prefix=".wuzhua-probe-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    os.unlink(name)
    return True


def _file_writable(path: Path) -> bool:
    if not os.access(path, os.W_OK):
        return False
    try:
        # Opening for appending writes nothing, but the system refuses it for a protected file.
        with open(path, "ab"):
            pass
    except OSError:
        return False
    return True


def read_only_reason(db_path: Path) -> str | None:
    """Why the existing database at ``db_path`` cannot be written (Chinese), or None when it can."""
    if is_server_url(db_path):  # the server decides what a user may write, and says so
        return None
    db_path = Path(db_path)
    if str(db_path) == ":memory:" or not db_path.exists():
        return None
    if not _file_writable(db_path):
        return f"数据库文件 {db_path} 是只读的，不能保存任何修改。"
    if not _folder_writable(db_path.parent):
        return (
            f"数据库所在的文件夹 {db_path.parent} 是只读的。"
            "程序需要在那里保存数据库的临时文件和备份，不能保存任何修改。"
        )
    return None


def _connect(db_path: Path, query: str) -> pw.DatabaseProxy:
    if not database.is_closed():
        database.close()
    uri = Path(db_path).resolve().as_uri() + "?" + query
    database.initialize(
        pw.SqliteDatabase(uri, uri=True, pragmas={k: v for k, v in PRAGMAS.items() if k != "journal_mode"})
    )
    database.connect()
    database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    return database


def open_read_only(db_path: Path) -> pw.DatabaseProxy:
    """Open ``db_path`` for reading only: every write then fails with SQLite's "readonly" error.

    Raises :class:`CannotReadOnly` when the file is damaged or of another schema version
    (which would need writing to upgrade).
    """
    try:
        try:
            _connect(db_path, "mode=ro")
        except (pw.DatabaseError, sqlite3.Error):
            # A read-only folder: SQLite cannot make the WAL's shared-memory file there.
            _connect(db_path, "mode=ro&immutable=1")
        problems = [row for (row,) in database.execute_sql("PRAGMA quick_check").fetchall() if row != "ok"]
        version = current_version(database)
    except (pw.DatabaseError, sqlite3.Error) as error:
        database.close()
        raise CannotReadOnly(f"无法读取数据库文件 {db_path}（{error}）。") from error
    if problems:
        database.close()
        raise CannotReadOnly(f"数据库文件 {db_path} 已损坏（{'；'.join(problems[:3])}）。")
    if version != SCHEMA_VERSION:
        database.close()
        raise CannotReadOnly(
            f"数据库文件 {db_path} 的数据结构版本是 {version}，本程序需要版本 {SCHEMA_VERSION}；"
            "只读时无法升级。请把文件复制到可以写入的位置后再打开。"
        )
    settings.load_local_origin()
    return database
