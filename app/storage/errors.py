"""What went wrong when the database or a file could not be written, in a clerk's words.

The window shows these sentences when a save, a workflow step, an import or a restore hits
the disk: a read-only file, a full disk or another program holding the database are told
as such, never as a damaged database.
"""

from __future__ import annotations

import errno
import sqlite3

import peewee

#: Errors a write can meet that are about the disk or the file, not about the values typed.
WRITE_ERRORS: tuple[type[BaseException], ...] = (peewee.DatabaseError, sqlite3.Error, OSError)

# peewee raises this when the real failure already ended the transaction; the first error,
# kept as __context__, is the one worth telling.
_SECOND_ERRORS = ("cannot rollback", "cannot commit", "no transaction is active")

_READ_ONLY = "数据库文件或它所在的文件夹是只读的（例如在光盘、受保护的 U 盘上，或文件属性设为只读），无法写入"
_DISK_FULL = "磁盘已满，无法写入。请清理磁盘空间（例如删除不用的文件、清空回收站）后再试"
_LOCKED = "数据库被其他程序锁定（可能另一个程序正在写入它），请稍候再试，或关闭占用它的程序"
_GONE = "找不到数据库文件或所在的文件夹（U 盘是否已拔出？）"


def original_error(error: BaseException) -> BaseException:
    """The first error of a chain in which peewee's rollback failed after the real one."""
    seen = {id(error)}
    while any(word in str(error) for word in _SECOND_ERRORS):
        earlier = error.__cause__ or error.__context__
        if earlier is None or id(earlier) in seen:
            break
        seen.add(id(earlier))
        error = earlier
    return error


def describe_write_error(error: BaseException) -> str:
    """The Chinese cause of a failed write (只读 / 磁盘已满 / 被其他程序锁定 / …), one sentence."""
    error = original_error(error)
    text = str(error).lower()
    if isinstance(error, OSError):
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return _READ_ONLY
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return _DISK_FULL
        if error.errno in (errno.ENOENT, errno.ENODEV, errno.EIO):
            return f"{_GONE}（{error.strerror or error}）"
        return f"无法写入文件（{error.strerror or error}）"
    if "readonly" in text or "read-only" in text:
        return _READ_ONLY
    if "disk is full" in text or "database or disk is full" in text:
        return _DISK_FULL
    if "locked" in text or "busy" in text:
        return _LOCKED
    if "unable to open" in text or "disk i/o error" in text:
        return f"{_GONE}（{error}）"
    return f"数据库写入失败（{error}）"
