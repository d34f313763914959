"""Schema upgrades: a file made by version 1 of the program opens, upgrades and keeps every record.

``data/schema_v1.sqlite3.gz`` was made once by the program at schema version 1
(``python -m app demo --villages 2 --members-per-village 8``) and is never regenerated:
it stands for the files out there. A test that registers an extra migration proves the
mechanism before the first real one ships.
"""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import peewee as pw
import pytest
from playhouse.migrate import migrate

from app.cli import main as cli
from models import Inspection
from models import InspectionScore
from models import Member
from models import close_database
from models import database
from models import migrations as mig
from models import open_database

SAVED_V1 = Path(__file__).parent / "data" / "schema_v1.sqlite3.gz"


@pytest.fixture
def v1_file(tmp_path) -> Path:
    """A copy of the saved version-1 database, where the program keeps its file."""
    path = tmp_path / "wuzhua.sqlite3"
    path.write_bytes(gzip.decompress(SAVED_V1.read_bytes()))
    return path


def _raw(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's columns and rows, read with plain sqlite3 (not through the models)."""
    con = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found = {}
        for table in tables:
            cursor = con.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            found[table] = ([d[0] for d in cursor.description], cursor.fetchall())
        return found
    finally:
        con.close()


def _version(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def _schema(path: Path) -> dict:
    db = pw.SqliteDatabase(str(path))
    try:
        return mig.schema_of(db)
    finally:
        db.close()


def _same_records(before: dict, after: dict) -> None:
    """Every table and row of ``before`` is in ``after`` unchanged (new columns aside)."""
    assert set(before) <= set(after)
    for table, (columns, rows) in before.items():
        after_columns, after_rows = after[table]
        assert len(after_rows) == len(rows), table
        keep = [after_columns.index(c) for c in columns]
        assert [tuple(r[i] for i in keep) for r in after_rows] == rows, table


@pytest.fixture
def nickname_migration(monkeypatch):
    """Version 2 for the length of one test: every party member gets a 昵称 (NOT NULL, "")."""
    field = pw.CharField(default="", max_length=50, verbose_name="昵称")
    Member._meta.add_field("nickname", field)

    def add_nickname(migrator) -> None:
        migrate(migrator.add_column("member", "nickname", pw.CharField(default="", max_length=50)))

    version = mig.SCHEMA_VERSION + 1
    monkeypatch.setattr(mig, "SCHEMA_VERSION", version)
    monkeypatch.setattr(mig, "MIGRATIONS", [*mig.MIGRATIONS, (version, add_nickname)])
    yield version
    close_database()
    Member._meta.remove_field("nickname")


def upgrade_backup(folder: Path, stem: str, version: int) -> Path:
    """The backup taken before upgrading ``stem`` from ``version`` (named by app.storage.backup)."""
    found = sorted((folder / "backups").glob(f"{stem}-*升级前v{version}.sqlite3"))
    assert len(found) == 1, found
    return found[0]


def test_saved_file_is_version_1_as_frozen(v1_file, tmp_path):
    assert _version(v1_file) == 1
    frozen = tmp_path / "frozen.sqlite3"
    db = pw.SqliteDatabase(str(frozen))
    mig.create_version_1(db)
    db.close()
    assert _version(frozen) == 1
    assert _schema(frozen) == _schema(v1_file)
    counts = {table: len(rows) for table, (_c, rows) in _raw(v1_file).items()}
    assert len(counts) == 44 and counts["member"] == 16 and counts["attendance"] == 575


def test_current_program_opens_v1_file_and_keeps_every_record(v1_file):
    before = _raw(v1_file)
    open_database(v1_file)
    assert Member.select().count() == len(before["member"][1])
    close_database()
    assert _version(v1_file) == mig.SCHEMA_VERSION
    _same_records(before, _raw(v1_file))


def test_upgraded_schema_equals_new_schema(v1_file, tmp_path):
    """The check that catches a model changed without its migration (or the other way round)."""
    open_database(v1_file)
    close_database()
    fresh = tmp_path / "new.sqlite3"
    open_database(fresh)
    close_database()
    assert _version(fresh) == _version(v1_file) == mig.SCHEMA_VERSION
    assert _schema(v1_file) == _schema(fresh)


def test_a_model_changed_without_its_migration_is_caught(v1_file, tmp_path):
    Member._meta.add_field("wechat", pw.CharField(default="", verbose_name="微信号"))
    try:
        open_database(v1_file)
        close_database()
        open_database(tmp_path / "new.sqlite3")
        close_database()
    finally:
        Member._meta.remove_field("wechat")
    upgraded, made = _schema(v1_file), _schema(tmp_path / "new.sqlite3")
    assert upgraded != made
    assert set(made["member"]["columns"]) - set(upgraded["member"]["columns"]) == {"wechat"}


def test_a_changed_check_constraint_is_caught(tmp_path):
    frozen = pw.SqliteDatabase(":memory:")
    mig.create_version_1(frozen)
    sql = frozen.execute_sql("SELECT sql FROM sqlite_master WHERE name = 'attendance'").fetchone()[0]
    other = pw.SqliteDatabase(":memory:")
    other.execute_sql(sql.replace("= 1", "<= 1"))
    assert mig.schema_of(other)["attendance"]["checks"] != mig.schema_of(frozen)["attendance"]["checks"]
    assert mig.schema_of(frozen)["attendance"]["checks"] == [
        "(meeting_idISNOTNULL)+(session_idISNOTNULL)+(training_idISNOTNULL)=1"
    ]


def test_migrations_are_numbered_in_order():
    versions = [v for v, _step in mig.MIGRATIONS]
    assert versions == list(range(2, mig.SCHEMA_VERSION + 1))


def test_extra_migration_runs_on_old_file_after_backup_and_not_on_new(v1_file, tmp_path, nickname_migration):
    before = _raw(v1_file)
    open_database(v1_file)
    assert {m.nickname for m in Member.select()} == {""}
    close_database()

    assert _version(v1_file) == nickname_migration
    after = _raw(v1_file)
    _same_records(before, after)
    assert "nickname" in after["member"][0]
    backup = upgrade_backup(tmp_path, "wuzhua", 1)
    assert _version(backup) == 1
    assert _raw(backup) == before

    # A new database is made at the new version directly: the step must not run again
    # on a table that already has the column (the "duplicate column name" of before).
    fresh = tmp_path / "new.sqlite3"
    open_database(fresh)
    Member._meta.database.execute_sql("SELECT nickname FROM member")
    close_database()
    assert _version(fresh) == nickname_migration
    assert not list((tmp_path / "backups").glob("new-*"))  # a new file needs no backup
    assert _schema(fresh) == _schema(v1_file)

    # Opening again finds nothing to do: no second backup, no error; the column is usable.
    backup.unlink()
    open_database(v1_file)
    member = Member.select().first()
    member.nickname = "老张"
    member.save()
    close_database()
    assert not backup.exists()
    assert _raw(v1_file)["member"][1][0][-1] == "老张"


def test_upgrade_through_the_command_line(v1_file, nickname_migration, capsys):
    assert cli(["check", "--db", str(v1_file), "--json"]) == 0
    assert '"ok": true' in capsys.readouterr().out
    assert _version(v1_file) == nickname_migration
    assert upgrade_backup(v1_file.parent, "wuzhua", 1).exists()


def test_failed_step_leaves_the_file_at_its_version(v1_file, monkeypatch, capsys):
    def half_done(migrator) -> None:
        migrate(migrator.add_column("member", "nickname", pw.CharField(default="")))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mig, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(mig, "MIGRATIONS", [(2, half_done)])
    before = _raw(v1_file)
    assert cli(["check", "--db", str(v1_file)]) != 0
    said = capsys.readouterr().err
    assert "升级到数据结构版本 2 时失败" in said and "No space left on device" in said
    assert "文件保持在版本 1" in said and upgrade_backup(v1_file.parent, "wuzhua", 1).name in said
    assert "Traceback" not in said
    close_database()
    assert _version(v1_file) == 1
    assert _raw(v1_file) == before


def test_step_that_breaks_references_is_undone(v1_file, monkeypatch):
    def orphan_members(migrator) -> None:
        migrator.database.execute_sql("DELETE FROM organisation WHERE parent_id IS NOT NULL")

    monkeypatch.setattr(mig, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(mig, "MIGRATIONS", [(2, orphan_members)])
    before = _raw(v1_file)
    with pytest.raises(mig.UpgradeFailed, match="引用无效"):
        open_database(v1_file)
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    close_database()
    assert _version(v1_file) == 1
    assert _raw(v1_file) == before


def test_a_foreign_sqlite_file_is_not_touched(tmp_path, capsys):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE contacts (name TEXT)")
        con.execute("INSERT INTO contacts VALUES ('王五')")
    con.close()
    assert cli(["check", "--db", str(path)]) != 0
    assert "不是“五抓五提升工作台”的数据库" in capsys.readouterr().err
    close_database()
    assert list(_raw(path)) == ["contacts"]
    assert _version(path) == 0


def test_v3_scores_of_an_old_file_are_reported_and_every_village_takes_part(v1_file):
    before = _raw(v1_file)
    assert before["inspection_score"][1] and before["inspection"][1]
    open_database(v1_file)
    assert InspectionScore.select().count() == len(before["inspection_score"][1])
    assert {s.unreported for s in InspectionScore.select()} == {False}
    assert {i.excluded for i in Inspection.select()} == {""}
    close_database()


def test_v4_gives_old_problems_no_report_and_old_notices_no_ranking(v1_file):
    """Version 4 (the town's authority): the saved problems have no village report nor send-back,
    the saved notices no kept ranking (they print their ranking as computed at the town)."""
    from models import ImportLog
    from models import Notice
    from models import Problem

    open_database(v1_file)
    problems = list(Problem.select())
    assert problems and all(
        p.reported is None and p.proposed is None and p.review_note == "" for p in problems
    )
    assert all(n.ranking == "" for n in Notice.select())
    assert all(entry.package_no is None for entry in ImportLog.select())
    close_database()


def test_v5_gives_an_old_file_empty_send_backs_and_receipts_that_take_records(v1_file):
    """Version 5 (审核退回, 回执): the tables are there, empty, and take a record pointing at a village."""
    import datetime as dt

    from models import Organisation
    from models import Receipt
    from models import SendBack

    open_database(v1_file)
    assert SendBack.select().count() == 0 and Receipt.select().count() == 0
    village = Organisation.select().where(Organisation.kind != "镇党委").first()
    SendBack.create(
        org=village,
        record_table="deed",
        record_label="办实事",
        record_uuid="x" * 36,
        summary="修路",
        date=dt.date(2022, 6, 1),
        reason="佐证不足",
    )
    assert SendBack.get().state == "被退回"
    close_database()
