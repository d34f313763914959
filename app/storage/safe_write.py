"""Files written for the user are whole or absent: temporary file, fsync, rename.

Every file written to a place the user chose (exchange packages, templates, errors
workbooks, PDFs, ledger workbooks, ``backup --out``) goes through :func:`writing`. A full
USB stick or one pulled out mid-write then leaves the old file, or nothing, under the real
name, never half a file that opens as garbage in the village.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import secrets
import sqlite3
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import peewee

from app.storage.errors import cause_of_database_error
from app.storage.errors import cause_of_os_error

PART_SUFFIX = ".part"
_log = logging.getLogger(__name__)


class WriteFailed(RuntimeError):
    """A file could not be written; the message names the folder and the cause, in Chinese."""

    def __init__(self, path: Path, cause: str):
        self.path = path
        self.cause = cause
        super().__init__(f"无法保存“{path.name}”到文件夹“{path.parent}”：{cause}。没有留下不完整的文件。")


def temporary_name(path: Path) -> Path:
    """A name beside ``path`` that no other process (nor another write in this one) uses."""
    return path.with_name(f"{path.name}.{os.getpid()}-{secrets.token_hex(4)}{PART_SUFFIX}")


def _sync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _sync_folder(folder: Path) -> None:
    # the rename itself must reach the stick; Windows cannot open folders (and needs not)
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):  # the file is already whole under its name
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_quietly(path: Path) -> None:
    """Delete ``path`` and SQLite's side files of it; a stick already pulled out is no error."""
    for leftover in (path, *(Path(f"{path}{side}") for side in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def _let_go(error: BaseException) -> None:
    """Free the writer's half-closed objects now, quietly.

    A zip or PDF writer that failed still holds the file; left to the garbage collector it
    tries to finish the file again at exit and prints a traceback at the clerk. Its frames
    are cleared here (their lines stay in the traceback) and what it raises while closing is
    logged instead.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: _log.debug("closing a failed write: %s", unraisable.exc_value)
    try:
        seen: set[int] = set()
        current: BaseException | None = error
        while current is not None and id(current) not in seen:  # the errors raised while closing too
            seen.add(id(current))
            traceback.clear_frames(current.__traceback__)
            current = current.__context__ or current.__cause__
        gc.collect()
    finally:
        sys.unraisablehook = hook


def folder_for(path: str | Path) -> Path:
    """Make sure the folder ``path`` goes into exists (created when needed); WriteFailed if not.

    Called before a long build (a workbook, a PDF) as well as by :func:`writing`, so that a
    folder that cannot be had is told before any work is done."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteFailed(path, cause_of_os_error(error)) from error
    return path.parent


@contextlib.contextmanager
def writing(path: str | Path) -> Iterator[Path]:
    """Yield a temporary file beside ``path`` to write; on success it becomes ``path``.

    The temporary file is flushed to the disk and renamed over ``path`` in one step. On any
    error it is removed; OS and SQLite write errors come out as :class:`WriteFailed` with a
    Chinese message (U 盘已满, 只读, 已拔出 …), other errors unchanged.
    """
    path = Path(path)
    folder_for(path)
    temp = temporary_name(path)
    try:
        yield temp
        _sync(temp)
        os.replace(temp, path)
        _sync_folder(path.parent)
    except OSError as error:
        _let_go(error)
        remove_quietly(temp)
        raise WriteFailed(path, cause_of_os_error(error)) from error
    except (sqlite3.Error, peewee.DatabaseError) as error:  # peewee's: a file written through peewee
        _let_go(error)
        remove_quietly(temp)
        cause = cause_of_database_error(error)
        if cause is None:
            raise
        raise WriteFailed(path, cause) from error
    except BaseException:
        remove_quietly(temp)
        raise
