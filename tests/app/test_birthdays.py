"""政治生日: members of the month, and recording the ceremony marks them done."""

from __future__ import annotations

from rules_town import D
from rules_town import build_town

from app.conduct.birthdays import birthday_members
from app.conduct.birthdays import birthdays_by_day
from app.conduct.birthdays import record_ceremony
from models import AuditEntry
from models import BirthdayHonoree
from models import Member


def test_members_whose_join_month_matches(db):
    town = build_town()
    may = birthday_members(5, 2022)
    assert [m.name for m in may] == ["王三", "张一"]  # both of 东村, by pinyin
    assert [m.party_years for m in may] == [7, 32]
    assert not any(m.done for m in may)
    assert [m.name for m in birthday_members(10, 2022, org_ids=[town.west.id])] == ["赵四"]
    assert birthday_members(10, 2022, org_ids=[town.east.id]) == []


def test_inactive_and_future_members_left_out(db):
    town = build_town()
    Member.update(is_active=False).where(Member.name == "王三").execute()
    Member.create(org=town.east, name="新人", join_date=D(2023, 5, 1))
    Member.create(
        org=town.east, name="预备", status="预备党员", join_date=D(2022, 5, 10)
    )  # received this May
    assert [m.name for m in birthday_members(5, 2022)] == ["张一"]


def test_recording_the_ceremony_marks_members_done(db):
    town = build_town()
    zhang = town.members[0]
    ceremony = record_ceremony(town.east, D(2022, 5, 28), 5, [zhang.id], form="重温入党誓词")
    may = {m.name: m for m in birthday_members(5, 2022)}
    assert may["张一"].done and may["张一"].ceremony_id == ceremony.id
    assert not may["王三"].done
    assert BirthdayHonoree.select().count() == 1
    assert AuditEntry.select().where(AuditEntry.action == "新增").count() == 2
    # Done for 2022 only: next year's ceremony is due again.
    assert not any(m.done for m in birthday_members(5, 2023))


def test_birthdays_by_day(db):
    build_town()
    days = birthdays_by_day(2022, 5)
    assert days == {D(2022, 5, 3): ["张一"], D(2022, 5, 20): ["王三"]}
