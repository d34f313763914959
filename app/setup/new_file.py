"""A new database file is made whole or not at all (the first start, ``init``, ``demo``).

The file is built under a temporary name beside its real one and gets the real name only
when it is complete: a first start that is interrupted (the window closed, the program
killed, a power cut) leaves no database, so the next start asks again instead of opening an
empty or half-filled program in silence.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.storage.safe_write import writing
from models import close_database
from models import open_database

T = TypeVar("T")


class FileExists(ValueError):
    """The file is there already; a new database is only written under a new name."""


def build_database_file(path: str | Path, fill: Callable[[], T]) -> T:
    """Create the database at ``path`` and fill it with ``fill()``; return what it returned.

    ``fill`` runs with the new (temporary) file open. Raises :class:`FileExists` when
    ``path`` exists; any error of ``fill`` comes out unchanged and leaves nothing behind.
    The database is closed afterwards: open ``path`` to use it.
    """
    path = Path(path)
    if path.exists():
        raise FileExists(f"文件 {path} 已存在，新的数据库只写入新文件。")
    with writing(path) as partial:
        try:
            open_database(partial)
            return fill()
        finally:
            close_database()  # the WAL goes into the file before it gets its real name
            for suffix in ("-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):
                    partial.with_name(partial.name + suffix).unlink(missing_ok=True)
