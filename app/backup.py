"""A consistent copy of the database, checked before it counts as a backup.

The copy goes through SQLite's backup API (never a file copy, which could catch the
database half-written or miss what is still in the WAL file), into a temporary name; it
becomes the backup only after ``PRAGMA integrity_check`` on the copy says ``ok``.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from app.paths import backup_dir


class BackupError(RuntimeError):
    """The backup could not be made; the message says why, in Chinese."""


def default_backup_path(db_path: Path, when: dt.datetime | None = None) -> Path:
    """``backups/<name>-YYYYMMDD-HHMMSS.sqlite3`` next to the database, never an existing file."""
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = backup_dir(Path(db_path))
    target = folder / f"{Path(db_path).stem}-{stamp}.sqlite3"
    number = 2
    while target.exists():  # two backups within one second
        target = folder / f"{Path(db_path).stem}-{stamp}-{number}.sqlite3"
        number += 1
    return target


def make_backup(db_path: Path | str, out: Path | str | None = None) -> Path:
    """Copy the database at ``db_path`` to ``out`` (default: the backups folder); return the copy.

    Safe while the program has the database open. Raises :class:`BackupError` when the
    database is missing or unreadable, ``out`` already exists or is the database itself,
    or the copy fails its integrity check (then nothing is left behind).
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise BackupError(f"数据库文件 {db_path} 不存在，无法备份。")
    target = Path(out) if out else default_backup_path(db_path)
    if target.resolve() == db_path.resolve():
        raise BackupError("备份文件不能与数据库是同一个文件，请另选文件名。")
    if target.exists():
        raise BackupError(f"文件 {target} 已存在，为免覆盖请另选文件名。")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        _copy(db_path, partial)
        verdict = _integrity(partial)
        if verdict != "ok":
            raise BackupError(f"备份副本未通过完整性检查（{verdict}），数据库可能已损坏，请先运行“检查”。")
        os.replace(partial, target)
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
    return target


def _copy(db_path: Path, target: Path) -> None:
    source = sqlite3.connect(str(db_path))
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(
            f"无法读取数据库文件 {db_path}：{error}。它可能不是本程序的数据库或已损坏。"
        ) from error
    finally:
        source.close()


def _integrity(path: Path) -> str:
    connection = sqlite3.connect(str(path))
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        connection.close()
    return "；".join(str(r[0]) for r in rows[:5])
