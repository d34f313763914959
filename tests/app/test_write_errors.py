"""Refused writes told by their real cause: real SQLite errors, not made-up messages."""

from __future__ import annotations

import errno
import sqlite3

import peewee
import pytest

from app.storage.errors import describe_write_error


def _error_of(action) -> BaseException:
    with pytest.raises((sqlite3.Error, peewee.PeeweeException, OSError)) as caught:
        action()
    return caught.value


def test_a_full_disk_is_called_full(tmp_path):
    conn = sqlite3.connect(tmp_path / "small.sqlite3")
    conn.execute("CREATE TABLE notes (text)")
    conn.execute("PRAGMA max_page_count = 3")  # SQLite's own "disk is full", as on a full stick

    def fill() -> None:
        for _ in range(1000):
            conn.execute("INSERT INTO notes VALUES (?)", ("记录" * 500,))

    assert "磁盘已满" in describe_write_error(_error_of(fill))


def test_a_database_held_by_another_program_is_called_locked(tmp_path):
    path = tmp_path / "held.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE notes (text)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    text = describe_write_error(_error_of(lambda: other.execute("INSERT INTO notes VALUES ('x')")))
    assert "被其他程序锁定" in text and "损坏" not in text
    holder.rollback()


def test_a_read_only_file_is_called_read_only(tmp_path):
    path = tmp_path / "ro.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE notes (text)")
    reader = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    assert "只读" in describe_write_error(_error_of(lambda: reader.execute("INSERT INTO notes VALUES ('x')")))
    assert "只读" in describe_write_error(OSError(errno.EROFS, "Read-only file system"))
    assert "磁盘已满" in describe_write_error(OSError(errno.ENOSPC, "No space left on device"))


def test_peewees_failed_rollback_is_not_the_cause_told():
    # When the real error already ended the transaction, peewee's rollback fails in turn;
    # the clerk must hear the first error, not "cannot rollback".
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError:
            raise peewee.OperationalError("cannot rollback - no transaction is active")  # noqa: B904 (as peewee does)
    except peewee.OperationalError as error:
        assert "磁盘已满" in describe_write_error(error)
