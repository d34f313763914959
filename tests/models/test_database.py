"""The database file: WAL, foreign keys, schema version and migrations."""

import datetime as dt
import sqlite3

import peewee as pw
import pytest

from models import Attendance
from models import Meeting
from models import Member
from models import Notice
from models import Organisation
from models import close_database
from models import create_default_campaign
from models import open_database
from models.migrations import SCHEMA_VERSION
from models.migrations import DatabaseTooNew


def _branch(code="ZD01", name="一村党支部"):
    return Organisation.create(code=code, name=name, kind="村党支部")


@pytest.mark.sqlite_only("WAL、PRAGMA foreign_keys 和 user_version 是 SQLite 文件的设置")
def test_wal_foreign_keys_and_version(db, tmp_path):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_foreign_keys_are_enforced(db):
    with pytest.raises(pw.IntegrityError), db.atomic():
        Member.insert(
            org=9999,
            name="张三",
            status="正式党员",
            join_date=dt.date(2000, 1, 1),
            post_status="无职",
            uuid="x",
        ).execute()


def test_records_get_uuid_origin_and_times(db):
    from models import settings

    settings.put("local_org_code", "ZD01")
    org = _branch()
    assert len(org.uuid) == 36
    assert org.origin == "ZD01"
    first = org.updated_at
    org.name = "一村党支部（改）"
    org.save()
    assert org.updated_at > first
    assert org.created_at <= org.updated_at


def test_soft_delete_hides_from_live(db):
    org = _branch()
    assert Organisation.live().count() == 1
    org.soft_delete()
    assert Organisation.live().count() == 0
    assert Organisation.select().count() == 1


def test_attendance_belongs_to_exactly_one_event(db):
    org = _branch()
    member = Member.create(org=org, name="李四", join_date=dt.date(2001, 7, 1))
    with pytest.raises(pw.IntegrityError), db.atomic():
        Attendance.create(member=member, state="出席")  # no event at all
    meeting = Meeting.create(org=org, kind="支委会", date=dt.date(2022, 5, 5), topic="研究工作")
    Attendance.create(member=member, meeting=meeting, state="出席")
    assert Attendance.select().count() == 1


def test_notice_numbers_unique_per_year(db):
    campaign = create_default_campaign()
    kw = dict(campaign=campaign, title="通报", date=dt.date(2022, 7, 8), doc_no="×党发〔2022〕5号")
    Notice.create(year=2022, number=5, **kw)
    with pytest.raises(pw.IntegrityError), db.atomic():
        Notice.create(year=2022, number=5, **kw)
    Notice.create(year=2023, number=5, **kw)


def test_default_campaign_has_three_phases(db):
    campaign = create_default_campaign()
    names = [p.name for p in campaign.phases()]
    assert names == ["组织动员", "集中实施", "总结提高"]
    assert campaign.phase_on(dt.date(2022, 6, 1)).name == "集中实施"
    assert campaign.phase_on(dt.date(2022, 11, 15)).name == "总结提高"
    assert campaign.phase_on(dt.date(2023, 1, 1)) is None


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite3"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(DatabaseTooNew, match="更新版本"):
        open_database(path)
    close_database()


def test_reopening_keeps_data(tmp_path):
    path = tmp_path / "keep.sqlite3"
    open_database(path)
    _branch()
    close_database()
    open_database(path)
    assert Organisation.select().count() == 1
    close_database()


def test_v1_file_gains_ethnicity_and_full_date(tmp_path):
    path = tmp_path / "old.sqlite3"
    open_database(path)
    branch = _branch()
    close_database()
    # A file written by the first version: the member table without 民族 and 转正日期.
    con = sqlite3.connect(path)
    con.execute('DROP INDEX "member_full_date"')
    con.execute('ALTER TABLE "member" DROP COLUMN "ethnicity"')
    con.execute('ALTER TABLE "member" DROP COLUMN "full_date"')
    # nor the columns later versions added (v3: 未报送 scores, villages left out of a ranking)
    con.execute('ALTER TABLE "inspection_score" DROP COLUMN "unreported"')
    con.execute('ALTER TABLE "inspection" DROP COLUMN "excluded"')
    # and without version 4's columns (version 4: the town's authority)
    con.execute('DROP INDEX "problem_proposed"')
    con.execute('DROP INDEX "problem_reported"')
    for table, column in (
        ("problem", "proposed"),
        ("problem", "reported"),
        ("problem", "review_note"),
        ("notice", "ranking"),
        ("import_log", "package_no"),
    ):
        con.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
    # nor version 5's tables (审核退回 and 回执)
    con.execute('DROP TABLE "send_back"')
    con.execute('DROP TABLE "receipt"')
    con.execute(
        "INSERT INTO member (uuid, origin, created_at, updated_at, deleted, org_id, group_id, name, gender,"
        " birth_date, education, status, join_date, post_status, post_title, phone, id_number, address,"
        " is_active, note) VALUES ('u1', '', '2022-01-01', '2022-01-01', 0, ?, NULL, '老党员', '男', NULL, '',"
        " '正式党员', '1980-07-01', '无职', '', '', '', '', 1, '')",
        (branch.id,),
    )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    open_database(path)
    member = Member.get(Member.uuid == "u1")
    assert member.name == "老党员" and member.ethnicity == "" and member.full_date is None
    member.ethnicity, member.full_date = "回族", dt.date(1981, 7, 1)
    member.save()
    assert Member.get(Member.uuid == "u1").ethnicity == "回族"
    assert len(list((tmp_path / "backups").glob("old-*升级前v1.sqlite3"))) == 1  # backed up first
    close_database()


def test_a_snapshot_does_not_see_what_another_clerk_commits_meanwhile(db):
    """The rules, a ranking or a notice read one state of the database, on either engine."""
    import threading

    from models.db import read_snapshot

    _branch("ZD01", "一村党支部")

    def another_clerk() -> None:  # another connection (peewee keeps one per thread)
        _branch("ZD02", "二村党支部")
        db.close()

    with read_snapshot():
        first = Organisation.select().count()
        clerk = threading.Thread(target=another_clerk)
        clerk.start()
        clerk.join(10)
        assert not clerk.is_alive()
        assert Organisation.select().count() == first == 1  # still the state of the first read
    assert Organisation.select().count() == 2  # after it, the new branch is there
