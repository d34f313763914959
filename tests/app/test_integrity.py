"""The start-up check: a broken or too-new database is never used silently."""

import datetime as dt
import os
import sqlite3
import time

import pytest

from app.storage import integrity
from app.storage.paths import backup_dir
from app.storage.sqlite_copy import copy_database
from models import Member
from models import Organisation
from models import close_database
from models import database
from models import open_database
from models.migrations import SCHEMA_VERSION

pytestmark = pytest.mark.sqlite_only("PRAGMA integrity_check 和损坏的数据库文件（服务器自己保证页面完好）")


def _fill(n=400):
    Organisation.insert_many(
        [
            {"code": f"C{i:04d}", "name": f"第{i}村党支部", "kind": "村党支部", "uuid": f"u{i}"}
            for i in range(n)
        ]
    ).execute()


def _corrupt_table(path, table="organisation"):
    """Scribble over the cell pointers of a table's root page, as a failing disk would."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size + 8)
        f.write(b"\xff" * 600)


def _backup(path, name, mtime):
    backup_dir(path).mkdir(exist_ok=True)
    target = copy_database(database.connection(), backup_dir(path) / name)
    os.utime(target, (mtime, mtime))
    return target


@pytest.fixture
def town(db, tmp_path):
    _fill()
    return tmp_path / "test.sqlite3"


def test_sound_database_passes(town):
    report = integrity.check_on_start(town)
    assert report.ok and not report.problems
    assert report.message == "数据库检查通过。"
    assert integrity.full_check(town).ok


def test_missing_database_is_a_new_one(tmp_path):
    report = integrity.check_on_start(tmp_path / "none.sqlite3")
    assert report.ok and report.new_file
    assert not (tmp_path / "none.sqlite3").exists()  # the check never creates the file


def test_broken_database_is_refused_and_the_newest_good_backup_offered(town):
    now = time.time()
    good = _backup(town, "test-older.sqlite3", now - 300)
    newer_broken = _backup(town, "test-newer.sqlite3", now - 100)
    _corrupt_table(newer_broken)
    close_database()
    _corrupt_table(town)

    report = integrity.check_on_start(town)
    assert not report.ok
    assert report.problems and len(report.problems) <= integrity.MAX_PROBLEMS
    assert report.good_backup == good
    assert "已损坏" in report.message and good.name in report.message


def test_garbage_header_is_explained(tmp_path):
    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"not a database at all" * 300)
    report = integrity.check_on_start(path)
    assert not report.ok
    assert report.problems == ["文件不是数据库或文件头已损坏"]
    assert report.good_backup is None
    assert "没有找到完好的备份" in report.message


def test_database_of_a_newer_program_is_refused(town):
    database.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    close_database()
    report = integrity.check_on_start(town)
    assert not report.ok and report.too_new
    assert "更新版本" in report.message


def test_full_check_finds_dangling_references(town):
    database.execute_sql("PRAGMA foreign_keys = OFF")
    member = Member(org=1, name="张三", join_date=dt.date(2000, 7, 1))
    member.save(force_insert=True)
    database.execute_sql("UPDATE member SET org_id = 99999")
    close_database()
    assert integrity.check_on_start(town).ok  # quick_check does not look at references
    report = integrity.full_check(town)
    assert not report.ok
    assert any("member" in p and "organisation" in p for p in report.problems)


def test_replace_with_backup_keeps_the_broken_file_aside(town):
    good = _backup(town, "test-good.sqlite3", time.time())
    Organisation.create(code="LATE", name="备份后新增", kind="村党支部")
    close_database()
    _corrupt_table(town)
    broken_bytes = town.read_bytes()

    aside = integrity.replace_with_backup(town, good)
    assert aside != town and aside.read_bytes() == broken_bytes
    assert "损坏" in aside.name
    assert integrity.check_on_start(town).ok
    open_database(town)
    assert Organisation.select().count() == 400
    assert not Organisation.select().where(Organisation.code == "LATE").exists()
    assert good.exists()  # the backup itself can be used again


def test_a_broken_backup_is_not_restored(town):
    bad = _backup(town, "test-bad.sqlite3", time.time())
    _corrupt_table(bad)
    close_database()
    with pytest.raises(ValueError, match="也已损坏"):
        integrity.replace_with_backup(town, bad)
    assert integrity.check_on_start(town).ok  # the database was left alone


def test_check_begun_before_start_up_reports_like_the_check_on_start(town, tmp_path):
    # sound: the check runs in its own thread while the program loads Qt
    pending = integrity.start_check_on_start(town)
    assert pending.report() == integrity.check_on_start(town)
    assert pending.report().ok
    # missing: nothing to read, a new file
    assert integrity.start_check_on_start(tmp_path / "none.sqlite3").report().new_file
    # broken: refused with the same problems and the same backup offered
    good = _backup(town, "test-good.sqlite3", time.time() - 60)
    close_database()
    _corrupt_table(town)
    pending = integrity.start_check_on_start(town)
    report = pending.report()
    assert not report.ok and report.good_backup == good
    assert report.problems == integrity.check_on_start(town).problems


def test_check_begun_before_start_up_refuses_a_newer_database(town):
    database.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    close_database()
    report = integrity.start_check_on_start(town).report()
    assert not report.ok and report.too_new


def test_cli_check_explains_damage_and_names_the_newest_good_backup(town, capsys):
    from app.cli import main

    backup_dir(town).mkdir(exist_ok=True)
    copy_database(database.connection(), backup_dir(town) / "test-20220601-093000.sqlite3")
    close_database()
    _corrupt_table(town)
    code = main(["check", "--db", str(town)])
    err = capsys.readouterr().err
    assert code == 1
    assert "已损坏" in err and "test-20220601-093000.sqlite3" in err
    assert "Traceback" not in err
