"""What went wrong with a file or the database, said in Chinese and honestly.

A full USB stick, a read-only folder, a stick pulled out and a database held by another
program are ordinary events in a township office: each is named as what it is, never as a
damaged database and never with advice to restore a backup. The window tells a failed save
in a clerk's words (:func:`describe_write_error`); the command line and file exports name
the folder and the cause (:func:`describe_os_error`, :func:`describe_database_error`).
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import peewee

#: Errors a write can meet that are about the disk or the file, not about the values typed.
WRITE_ERRORS: tuple[type[BaseException], ...] = (peewee.DatabaseError, sqlite3.Error, OSError)

# peewee raises these when the real failure already ended the transaction; the first error,
# kept as __context__, is the one worth telling.
_SECOND_ERRORS = ("cannot rollback", "cannot commit", "no transaction is active")

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", -1), getattr(errno, "EFBIG", -1)}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_GONE = {errno.ENOENT, errno.EIO, errno.ENODEV, errno.ENXIO, getattr(errno, "ENOMEDIUM", -1)}
# Windows error codes Python does not map to the errno values above.
_WIN_FULL = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
_WIN_GONE = {21, 1006, 1167}  # ERROR_NOT_READY, ERROR_FILE_INVALID, ERROR_DEVICE_NOT_CONNECTED
_WIN_LOCKED = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: open in Excel/WPS

FULL = "U 盘或磁盘已满"
READ_ONLY = "U 盘或文件夹是只读的（或没有写入权限）"
GONE = "U 盘已拔出或找不到该文件夹"
LOCKED = "文件正被其他程序（如 Excel、WPS）打开"
BUSY = "数据库正被另一个程序写入"
NOT_A_FOLDER = "路径中有一个同名的文件，不是文件夹"
_DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "file is encrypted")


def cause_of_os_error(exc: BaseException) -> str:
    """The cause of an OS error in a few Chinese words (U 盘已满, 只读, 已拔出 …)."""
    number = getattr(exc, "errno", None)
    winerror = getattr(exc, "winerror", None)
    if winerror in _WIN_LOCKED:
        return LOCKED
    if number in _FULL or winerror in _WIN_FULL:
        return FULL
    if number in _READ_ONLY:
        return READ_ONLY
    if number in _GONE or winerror in _WIN_GONE:
        return GONE
    if number in (errno.EEXIST, errno.ENOTDIR):
        return NOT_A_FOLDER
    if number == errno.ENAMETOOLONG:
        return "文件名或路径太长"
    if number is not None:  # an OS error without Chinese words of ours: its number, not English
        return f"操作系统拒绝了这次写入（错误代码 {number}）"
    return str(exc) or type(exc).__name__


def cause_of_database_error(exc: BaseException) -> str | None:
    """The cause of an SQLite error when it is not damage (full, read-only, busy), else None."""
    text = str(exc).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return FULL
    if "readonly" in text or "read-only" in text or "attempt to write a readonly" in text:
        return READ_ONLY
    if "database is locked" in text or "database table is locked" in text or "busy" in text:
        return BUSY
    if "disk i/o error" in text or "unable to open database" in text:
        return GONE
    return None


def first_error(exc: BaseException) -> BaseException:
    """The error that started it all, when a failed rollback was raised on top of it.

    After SQLite gives up a transaction itself (a full disk), peewee's rollback fails with
    "cannot rollback - no transaction is active" and hides the real cause.
    """
    seen = {id(exc)}
    while any(word in str(exc) for word in _SECOND_ERRORS):
        earlier = exc.__cause__ or exc.__context__
        if earlier is None or id(earlier) in seen:
            break
        seen.add(id(earlier))
        exc = earlier
    return exc


original_error = first_error  # the window's name for it


@contextlib.contextmanager
def kept_first_error() -> Iterator[None]:
    """Around a transaction: when its rollback fails, raise the error that caused it instead."""
    try:
        yield
    except Exception as error:
        first = first_error(error)
        if first is error:
            raise
        raise first from None


def describe_os_error(exc: BaseException, path: Path | str | None = None) -> str:
    """A Chinese sentence for a failed write to ``path``: the folder and the cause."""
    where = Path(path) if path is not None else Path(getattr(exc, "filename", None) or ".")
    folder = where.parent if where.suffix else where
    return f"无法写入文件夹“{folder}”：{cause_of_os_error(exc)}。"


def describe_database_error(exc: BaseException) -> str:
    """A Chinese sentence for a database error; damage only where SQLite says so."""
    exc = first_error(exc)
    if isinstance(exc, OSError):
        return f"数据库文件无法写入：{cause_of_os_error(exc)}。已保存的数据没有受影响。"
    cause = cause_of_database_error(exc)
    if cause == BUSY:
        return f"{cause}，请稍候再试（或先关闭另一个程序）。已保存的数据没有受影响。"
    if cause is not None:
        return f"数据库文件无法写入：{cause}（{exc}）。本次操作没有写入任何内容，已保存的数据没有受影响。"
    if any(word in str(exc).lower() for word in _DAMAGE_WORDS):
        return f"数据库文件已损坏（{exc}）。请确认文件是本程序的数据库；可从备份恢复。"
    return f"数据库出错（{exc}），本次操作没有写入。"


# --- the window's sentences for a failed save ------------------------------------------------

_WINDOW_READ_ONLY = (
    "数据库文件或它所在的文件夹是只读的（例如在光盘、受保护的 U 盘上，或文件属性设为只读），无法写入"
)
_WINDOW_DISK_FULL = "磁盘已满，无法写入。请清理磁盘空间（例如删除不用的文件、清空回收站）后再试"
_WINDOW_LOCKED = "数据库被其他程序锁定（可能另一个程序正在写入它），请稍候再试，或关闭占用它的程序"
_WINDOW_GONE = "找不到数据库文件或所在的文件夹（U 盘是否已拔出？）"


def describe_write_error(error: BaseException) -> str:
    """The Chinese cause of a failed write (只读 / 磁盘已满 / 被其他程序锁定 / …), one sentence."""
    error = first_error(error)
    text = str(error).lower()
    if isinstance(error, OSError):
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return _WINDOW_READ_ONLY
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return _WINDOW_DISK_FULL
        if error.errno in (errno.ENOENT, errno.ENODEV, errno.EIO):
            return f"{_WINDOW_GONE}（{error.strerror or error}）"
        return f"无法写入文件（{error.strerror or error}）"
    if "readonly" in text or "read-only" in text:
        return _WINDOW_READ_ONLY
    if "disk is full" in text or "database or disk is full" in text:
        return _WINDOW_DISK_FULL
    if "locked" in text or "busy" in text:
        return _WINDOW_LOCKED
    if "unable to open" in text or "disk i/o error" in text:
        return f"{_WINDOW_GONE}（{error}）"
    return f"数据库写入失败（{error}）"
