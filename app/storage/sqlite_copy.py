"""The one way a database is copied: SQLite's backup API into a new, self-contained file.

Never a file copy, which could catch the database half-written or miss what is still in
the WAL file. Backups, restores and the copy before a schema upgrade all come through here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect_existing(path: Path, mode: str = "rw", timeout: float = 5) -> sqlite3.Connection:
    """A connection to a database file that must already exist (``mode`` "rw" or "ro").

    As a ``file:`` URI, so that a missing file is an error instead of a new empty database;
    ``as_uri`` also escapes Chinese folder names and Windows drive letters correctly.
    """
    uri = Path(path).resolve().as_uri() + f"?mode={mode}"
    return sqlite3.connect(uri, uri=True, timeout=timeout)


def copy_database(source: sqlite3.Connection | Path, target: Path) -> Path:
    """Copy the database ``source`` (an open connection or a file) into the new file ``target``.

    ``target`` is one self-contained file afterwards (no WAL side files next to it). Errors
    are SQLite's own; callers write ``target`` under a temporary name (see
    :func:`app.storage.safe_write.writing`) so that a failed copy leaves nothing behind.
    """
    if isinstance(source, sqlite3.Connection):
        _backup_into(source, target)
        return target
    conn = connect_existing(Path(source))
    try:
        _backup_into(conn, target)
    finally:
        conn.close()
    return target


def _backup_into(conn: sqlite3.Connection, target: Path) -> None:
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode=delete")
    finally:
        dest.close()
