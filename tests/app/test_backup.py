"""Backups: a checked, consistent copy (also from ``python -m app backup``), rotated, listed with
record counts; a restore brings back exactly the state of the chosen backup."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading

import pytest

from app.cli import main
from app.records import delete_record
from app.records import save_record
from app.storage import backup
from app.storage.backup import BackupError
from app.storage.backup import backup_files
from app.storage.backup import default_backup_path
from app.storage.backup import make_backup
from app.storage.paths import backup_dir
from models import Member
from models import Organisation
from models import close_database
from models import database
from models import open_database

pytestmark = pytest.mark.sqlite_only(
    "SQLite 备份接口、WAL 文件和备份文件夹旁的数据库文件（服务器数据库的备份见 test_server_database.py）"
)


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
    # another reason in the same second is numbered too: the list shows them in the order made
    second.write_bytes(b"")
    third = default_backup_path(tmp_path / "test.sqlite3", when, reason="恢复前")
    assert third.name == "test-20220708-093000-3-恢复前.sqlite3"
    third.write_bytes(b"")
    assert [r for _p, _w, r in backup_files(tmp_path / "test.sqlite3")][0] == "恢复前"


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


def _village(code, name=None):
    return save_record(Organisation, {"code": code, "name": name or f"{code}村党支部", "kind": "村党支部"})


def _dump(path):
    """Every row of every table, as a comparable value."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        conn.close()


@pytest.fixture
def db_path(db, tmp_path):
    _village("ZD01")
    _village("ZD02")
    return tmp_path / "test.sqlite3"


def test_backup_is_a_sound_single_file_copy(db_path):
    path = backup.make_backup(db_path, reason="手动")
    assert path.parent == backup_dir(db_path)
    assert path.name.startswith("test-") and path.name.endswith("-手动.sqlite3")
    assert not list(path.parent.glob("*.part"))
    assert backup.verify(path) == ""
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT COUNT(*) FROM organisation").fetchone()[0] == 2
    conn.close()


def test_backup_while_the_program_has_the_database_open_and_writing(db_path):
    # another connection writing the whole time: the copy is consistent anyway
    stop = threading.Event()

    def writer():
        conn = sqlite3.connect(db_path, timeout=10)
        i = 0
        while not stop.is_set():
            with conn:
                conn.execute(
                    "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                    (f"k{i % 50}", str(i)),
                )
            i += 1
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        paths = [backup.make_backup(db_path, reason=f"测试{i}") for i in range(3)]
    finally:
        stop.set()
        thread.join()
    assert all(backup.verify(p) == "" for p in paths)


def test_backup_with_out_and_from_a_closed_database(db_path, tmp_path):
    close_database()
    out = tmp_path / "u盘" / "copy.sqlite3"
    assert backup.make_backup(db_path, out=out) == out
    assert _dump(out)["organisation"] == _dump(db_path)["organisation"]
    with pytest.raises(backup.BackupError, match="不存在"):
        backup.make_backup(tmp_path / "none.sqlite3")


def test_listing_has_time_reason_and_record_counts(db_path):
    backup.make_backup(db_path, reason="导入前")
    _village("ZD03")
    delete_record(Organisation.get(Organisation.code == "ZD01"))
    backup.make_backup(db_path, reason="关闭时")
    infos = backup.list_backups(db_path)
    assert [i.reason for i in infos] == ["关闭时", "导入前"]
    assert infos[0].time >= infos[1].time
    assert infos[0].counts["党组织"] == 2  # deleted records are not counted
    assert infos[1].counts["党组织"] == 2
    assert all(i.ok for i in infos)


def test_rotation_keeps_the_last_ten_and_one_per_month(db_path):
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    source = backup.make_backup(db_path, out=folder.parent / "source.sqlite3")
    made = []
    # 3 a month for six months, oldest first
    for month in range(1, 7):
        for day in (5, 15, 25):
            when = dt.datetime(2022, month, day, 18, 0)
            path = folder / f"test-{when:%Y%m%d-%H%M%S}-关闭时.sqlite3"
            path.write_bytes(source.read_bytes())
            made.append((when, path))
    deleted = backup.rotate(db_path)
    kept = {p for _w, p in made if p.exists()}
    newest_ten = {p for _w, p in made[-10:]}
    assert newest_ten <= kept
    # before the newest ten: only the newest backup of each month survives
    # (the newest ten reach back to 25 March, so March needs no other)
    older_kept = sorted(p.name for p in kept - newest_ten)
    assert older_kept == ["test-20220125-180000-关闭时.sqlite3", "test-20220225-180000-关闭时.sqlite3"]
    assert sorted(deleted) == sorted(p for _w, p in made if p not in kept)
    assert len(deleted) == 6


def test_restore_brings_back_exactly_the_chosen_state(db_path):
    chosen = backup.make_backup(db_path, reason="手动")
    expected = _dump(chosen)
    _village("ZD03")
    save_record(Organisation, {"name": "改名后"}, Organisation.get(Organisation.code == "ZD02"))
    delete_record(Organisation.get(Organisation.code == "ZD01"))
    later = _dump(db_path)

    before = backup.restore_backup(db_path, chosen)  # with the program's database open
    assert "恢复前" in before.name
    assert _dump(db_path) == expected
    assert Organisation.live().count() == 2  # the open connection sees the restored data
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    # the state before the restore is kept and can itself be restored
    backup.restore_backup(db_path, before)
    assert _dump(db_path) == later


def test_restore_into_a_closed_database(db_path):
    chosen = backup.make_backup(db_path)
    expected = _dump(chosen)
    _village("ZD09")
    close_database()
    backup.restore_backup(db_path, chosen)
    assert _dump(db_path) == expected
    open_database(db_path)
    assert not Organisation.select().where(Organisation.code == "ZD09").exists()


def test_a_broken_backup_is_refused_and_nothing_changes(db_path):
    chosen = backup.make_backup(db_path)
    with open(chosen, "r+b") as f:
        f.seek(4096 * 2)
        f.write(b"\xff" * 4096)
    now = _dump(db_path)
    with pytest.raises(backup.BackupError, match="不能使用"):
        backup.restore_backup(db_path, chosen)
    assert _dump(db_path) == now
    assert [i.ok for i in backup.list_backups(db_path)] == [False]


def test_backup_on_close_respects_the_switch(db_path, monkeypatch):
    monkeypatch.setenv("WUZHUA_NO_BACKUP_ON_CLOSE", "1")
    assert backup.backup_on_close(db_path) is None
    monkeypatch.delenv("WUZHUA_NO_BACKUP_ON_CLOSE")
    path = backup.backup_on_close(db_path)
    assert path is not None and "关闭时" in path.name


def test_folder_with_chinese_name_spaces_and_signs(tmp_path):
    from app.storage import integrity

    path = tmp_path / "高台镇 党委#1%（2022）" / "wuzhua.sqlite3"
    open_database(path)
    _village("ZD01")
    copy = backup.make_backup(path)
    assert integrity.check_on_start(path).ok
    assert backup.list_backups(path)[0].counts == {"党组织": 1}
    _village("ZD02")
    backup.restore_backup(path, copy)
    assert Organisation.live().count() == 1
    close_database()


def test_resources_are_found_beside_the_program():
    from app.storage.paths import resource

    assert resource("help", "guide.html").is_file()
    assert resource("icons").is_dir()


def _backup_at(folder, source, when, reason="关闭时"):
    path = folder / f"test-{when:%Y%m%d-%H%M%S}-{reason}.sqlite3"
    path.write_bytes(source.read_bytes())
    return path


def test_ten_starts_in_one_day_keep_the_backup_from_before_a_bad_import(db_path):
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    source = backup.make_backup(db_path, out=folder.parent / "source.sqlite3")
    today = dt.date(2022, 7, 20)
    before_import = _backup_at(folder, source, dt.datetime(2022, 7, 14, 9, 0), "导入前")
    same_day_older = _backup_at(folder, source, dt.datetime(2022, 7, 14, 8, 0))
    daily = [_backup_at(folder, source, dt.datetime(2022, 7, d, 17, 0)) for d in (15, 16, 17)]
    starts = [_backup_at(folder, source, dt.datetime(2022, 7, 20, 8, m)) for m in range(12)]
    deleted = set(backup.rotate(db_path, today=today))
    assert before_import.exists() and all(p.exists() for p in daily)
    assert deleted == {same_day_older, starts[0], starts[1]}  # beyond the newest ten, not the newest of a day
    # a month later the days are over: the newest of the month stays
    later = set(backup.rotate(db_path, today=dt.date(2022, 9, 30)))
    assert later == set(daily) | {before_import}
    assert len(backup.backup_files(db_path)) == 10


def test_a_failed_automatic_backup_is_recorded_until_one_succeeds(db_path, monkeypatch):
    from app.storage.backup_status import last_failure

    monkeypatch.delenv("WUZHUA_NO_BACKUP_ON_CLOSE")
    backup_dir(db_path).write_text("not a folder")  # the backups folder cannot be made
    assert backup.backup_on_close(db_path) is None
    failure = last_failure(db_path)
    assert failure is not None and failure.reason == "关闭时"
    assert failure.text.startswith("上次自动备份失败（") and failure.message
    assert abs((dt.datetime.now() - failure.time).total_seconds()) < 120
    with pytest.raises(BackupError):
        backup.auto_backup(db_path, reason="导入前")
    assert last_failure(db_path).reason == "导入前"
    backup_dir(db_path).unlink()
    assert backup.backup_on_close(db_path) is not None
    assert last_failure(db_path) is None


def test_half_written_backups_are_removed_at_start_unless_being_written(db_path):
    from app.storage.backup_status import remove_stale_parts

    folder = backup_dir(db_path)
    folder.mkdir()
    dead = folder / "test-20220701-100000.sqlite3.999999999-abcd1234.part"
    old_style = folder / "test-20220701-100000.sqlite3.part"
    demo = db_path.with_name(f"{db_path.name}.999999999-00ff00ff.part")
    busy = folder / "test-20220701-100000.sqlite3.1-abcd1234.part"  # pid 1 runs
    for path in (dead, old_style, demo, busy):
        path.write_bytes(b"x" * 100)
    assert sorted(remove_stale_parts(db_path)) == sorted([dead, old_style, demo])
    assert busy.exists() and not dead.exists() and db_path.exists()


def test_backup_of_a_database_from_a_newer_version_says_exactly_that(db_path, tmp_path, capsys):
    close_database()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    code = main(["backup", "--db", str(db_path), "--out", str(tmp_path / "b.sqlite3")])
    err = capsys.readouterr().err
    assert code == 1 and "更新版本的程序写入" in err and "版本 99" in err
    assert "损坏" not in err and not (tmp_path / "b.sqlite3").exists()


def test_not_enough_space_is_said_before_writing(db_path, tmp_path, monkeypatch):
    import shutil

    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=1000))
    with pytest.raises(BackupError, match="空间不足"):
        backup.make_backup(db_path)
    assert not backup_dir(db_path).exists() or not list(backup_dir(db_path).iterdir())


def test_an_upgrade_is_preceded_by_a_backup_through_the_one_copy(db_path, monkeypatch):
    from models import migrations

    close_database()
    old = migrations.SCHEMA_VERSION
    step = (old + 1, lambda migrator: migrator.database.execute_sql("CREATE TABLE later_step (x INTEGER)"))
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, step])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", old + 1)
    open_database(db_path)
    made = backup.backup_files(db_path)
    assert [reason for _p, _w, reason in made] == [f"升级前v{old}"]
    assert _dump(made[0][0])["organisation"] == _dump(db_path)["organisation"]
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == old + 1
    close_database()


def test_no_upgrade_without_a_backup(db_path, monkeypatch):
    from models import migrations

    close_database()
    old = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (old + 1, lambda migrator: None)])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", old + 1)
    backup_dir(db_path).write_text("")  # the backups folder cannot be made
    with pytest.raises(migrations.UpgradeFailed, match="备份失败"):
        open_database(db_path)
    close_database()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old  # not upgraded
    conn.close()
