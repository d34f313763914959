"""``make_backup`` and ``python -m app backup``: a checked, consistent copy of the database."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from app.backup import BackupError, default_backup_path, make_backup
from app.cli import main
from models import Member, Organisation, close_database, database, open_database


def _count(path, table: str) -> int:
    connection = sqlite3.connect(str(path))
    try:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def test_backup_while_the_database_is_open_holds_committed_rows(demo_db, tmp_path):
    path = tmp_path / "demo.sqlite3"
    members = Member.select().count()
    copy = make_backup(path)
    assert copy.parent == path.parent / "backups" and copy.suffix == ".sqlite3"
    assert _count(copy, "member") == members
    connection = sqlite3.connect(str(copy))
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    assert not list(copy.parent.glob("*.part*"))


def test_backup_misses_nothing_still_in_the_wal(db, tmp_path):
    with database.atomic():
        Organisation.create(code="AA", name="中共甲镇委员会", kind="镇党委")
    # The row sits in the WAL file, not yet in the main file; a file copy could miss it.
    copy = make_backup(tmp_path / "test.sqlite3", tmp_path / "out" / "copy.sqlite3")
    assert _count(copy, "organisation") == 1


def test_two_backups_in_one_second_get_two_names(db, tmp_path):
    when = dt.datetime(2022, 7, 8, 9, 30, 0)
    first = default_backup_path(tmp_path / "test.sqlite3", when)
    first.parent.mkdir(parents=True)
    first.write_bytes(b"")
    second = default_backup_path(tmp_path / "test.sqlite3", when)
    assert first.name == "test-20220708-093000.sqlite3" and second.name == "test-20220708-093000-2.sqlite3"


def test_refuses_missing_database_existing_target_and_itself(db, tmp_path):
    with pytest.raises(BackupError, match="不存在"):
        make_backup(tmp_path / "nothing.sqlite3")
    target = tmp_path / "taken.sqlite3"
    target.write_bytes(b"keep me")
    with pytest.raises(BackupError, match="已存在"):
        make_backup(tmp_path / "test.sqlite3", target)
    assert target.read_bytes() == b"keep me"
    with pytest.raises(BackupError, match="同一个文件"):
        make_backup(tmp_path / "test.sqlite3", tmp_path / "test.sqlite3")


def test_refuses_a_file_that_is_not_a_database(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(BackupError, match="无法读取"):
        make_backup(junk, tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3").exists()


def test_cli_backup_prints_the_path_and_exit_codes(tmp_path, capsys):
    path = tmp_path / "town.sqlite3"
    open_database(path)
    Organisation.create(code="AA", name="中共甲镇委员会", kind="镇党委")
    close_database()
    assert main(["backup", "--db", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] and _count(result["path"], "organisation") == 1
    out = tmp_path / "mine.sqlite3"
    assert main(["backup", "--db", str(path), "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out and out.is_file()
    assert main(["backup", "--db", str(path), "--out", str(out)]) == 1
    assert "已存在" in capsys.readouterr().err
    assert main(["backup", "--db", str(tmp_path / "none.sqlite3")]) == 1
