"""A database on the office's PostgreSQL server: its address, its password kept out of files,
moving a whole database between the engines, and backups of a server database."""

from __future__ import annotations

import json
import os

import pytest

from app.cli import main
from app.storage.engine_copy import CopyRefused
from app.storage.engine_copy import connect
from app.storage.engine_copy import copy_database
from app.storage.engine_copy import digests
from models import Organisation
from models import close_database
from models import open_database
from models import settings
from models.server import ServerRefused
from models.server import ServerUrl
from models.server import hide_password
from models.server import server_url

SERVER = os.environ.get("WUZHUA_TEST_POSTGRES", "")
needs_server = pytest.mark.skipif(not SERVER, reason="只在数据库服务器上：需要 WUZHUA_TEST_POSTGRES")


def test_a_server_address_is_read_and_its_password_dropped():
    url = ServerUrl("postgresql://dangjian:mima123@192.168.1.10:5433/wuzhua")
    assert str(url) == "postgresql://dangjian@192.168.1.10:5433/wuzhua"
    assert (url.user, url.host, url.port, url.dbname, url.name) == (
        "dangjian",
        "192.168.1.10",
        5433,
        "wuzhua",
        "wuzhua@192.168.1.10",
    )
    assert url.connect_params()["password"] == "mima123"  # in memory, for this run
    assert server_url(str(url).replace("//", "/", 1)) == url  # after going through Path
    assert (
        hide_password("--db postgresql://dangjian:mima123@h/wuzhua")
        == "--db postgresql://dangjian:***@h/wuzhua"
    )


@pytest.mark.parametrize(
    "text", ["postgresql://192.168.1.10", "postgresql:///wuzhua", "postgresql://h:99999/w"]
)
def test_an_incomplete_server_address_is_refused_in_chinese(text):
    with pytest.raises(ServerRefused, match="服务器|端口"):
        ServerUrl(text)


def test_the_command_line_says_what_is_wrong_with_a_server_address(capsys):
    with pytest.raises(SystemExit) as done:
        main(["rank", "--db", "postgresql://192.168.1.10", "--quarter", "2022Q2"])
    assert done.value.code == 2
    assert "数据库名" in capsys.readouterr().err


def test_the_log_never_holds_the_password(tmp_path, capsys):
    from app.storage.logs import current_log_file

    main(["rank", "--db", "postgresql://dangjian:mima123@127.0.0.1:1/wuzhua", "--quarter", "2022Q2"])
    log = current_log_file()
    assert log is not None and "mima123" not in log.read_text(encoding="utf-8")
    assert "dangjian:***@" in log.read_text(encoding="utf-8")


@needs_server
def test_a_town_moved_to_the_server_and_back_is_identical(demo_db, db_location, tmp_path, pg_server, capsys):
    close_database()
    town = tmp_path / "town.sqlite3"  # the demo town as a clerk's SQLite file
    copy_database(db_location, town)
    name = f"{pg_server.prefix}_moved"
    target = pg_server.create(name)  # an empty database, as the office's administrator makes it
    try:
        capsys.readouterr()
        assert main(["migrate-db", "--from", str(town), "--to", target, "--json"]) == 0
        moved = json.loads(capsys.readouterr().out)
        back = tmp_path / "back.sqlite3"
        assert main(["migrate-db", "--from", target, "--to", str(back)]) == 0
        first, server, last = connect(town), connect(target), connect(back)
        try:
            assert digests(first) == digests(server) == digests(last)
        finally:
            for db in (first, server, last):
                db.close()
        assert moved["ok"] and moved["tables"]["member"]["rows"] > 100
        # the program works on the moved database: a new record gets a new id
        open_database(target)
        made = Organisation.create(code="ZZ99", name="新党支部", kind="村党支部", uuid="x-1", origin="GZ")
        assert made.id > max(o.id for o in Organisation.select().where(Organisation.id != made.id))
        close_database()
        # a target that holds data is refused, nothing written
        capsys.readouterr()
        assert main(["migrate-db", "--from", str(town), "--to", target]) == 1
        assert "已有数据" in capsys.readouterr().err
    finally:
        pg_server.drop(name)


@needs_server
def test_a_server_database_is_backed_up_as_the_same_checked_file_and_restored(db, db_location, tmp_path):
    from app.storage.backup import list_backups
    from app.storage.backup import make_backup
    from app.storage.backup import restore_backup
    from app.storage.integrity import check_file

    settings.put("town_name", "柳湾镇")
    Organisation.create(code="LW01", name="上庄村党支部", kind="村党支部", uuid="u-1", origin="LW")
    copy = make_backup(db_location)
    assert check_file(copy, full=True)[0] == []  # a sound SQLite file, as a SQLite backup is
    assert [b.path for b in list_backups(db_location)] == [copy]
    Organisation.update(name="改错的名字").execute()
    made = copy.read_bytes()
    restore_backup(db_location, copy)
    assert Organisation.get().name == "上庄村党支部"
    # the backup restored from is only read: not switched to WAL, not touched (its time orders the list)
    assert copy.read_bytes() == made and not copy.with_name(copy.name + "-wal").exists()
    assert settings.get("town_name") == "柳湾镇"
    assert len(list_backups(db_location)) == 2  # the state before the restore was kept too


def test_a_copy_into_a_database_that_holds_data_is_refused(db, db_location, tmp_path):
    Organisation.create(code="LW01", name="上庄村党支部", kind="村党支部", uuid="u-1", origin="LW")
    close_database()
    other = tmp_path / "other.sqlite3"
    copy_database(db_location, other)
    with pytest.raises(CopyRefused, match="已有数据"):
        copy_database(other, db_location)
    with pytest.raises(CopyRefused, match="不存在"):
        copy_database(tmp_path / "none.sqlite3", tmp_path / "new.sqlite3")
    assert not (tmp_path / "new.sqlite3").exists()


def test_this_pc_can_be_set_to_open_the_server_and_back(capsys, monkeypatch):
    from app.storage.paths import SERVER_FILE
    from app.storage.paths import data_dir
    from app.storage.paths import default_db_path

    monkeypatch.delenv("WUZHUA_DB", raising=False)
    assert main(["use-server", "postgresql://dangjian:mima123@192.168.1.10/wuzhua"]) == 0
    assert default_db_path() == "postgresql://dangjian@192.168.1.10/wuzhua"
    assert "mima123" not in (data_dir() / SERVER_FILE).read_text(encoding="utf-8")
    assert main(["use-server", "--off"]) == 0
    assert default_db_path() == data_dir() / "wuzhua.sqlite3"
    assert main(["use-server"]) == 1
    assert "二者选一" in capsys.readouterr().err


def test_a_failed_backup_of_a_server_database_is_recorded_in_the_data_folder(tmp_path, monkeypatch):
    from app.storage.backup_status import clear_failure
    from app.storage.backup_status import last_failure
    from app.storage.backup_status import record_failure
    from app.storage.paths import backup_dir
    from app.storage.paths import data_dir

    work = tmp_path / "当前文件夹"
    work.mkdir()
    monkeypatch.chdir(work)  # Path(url) is relative: nothing may land here
    url = server_url("postgresql://dangjian@192.168.1.10/wuzhua")
    backup_dir(url).parent.mkdir(parents=True, exist_ok=True)
    backup_dir(url).write_text("")  # the backups folder cannot be made
    record_failure(url, "关闭时", "磁盘已满")
    failure = last_failure(url)
    assert failure is not None and (failure.reason, failure.message) == ("关闭时", "磁盘已满")
    assert list(work.iterdir()) == []
    assert (data_dir() / "192.168.1.10-5432-wuzhua-自动备份失败.json").is_file()
    clear_failure(url)
    assert last_failure(url) is None
