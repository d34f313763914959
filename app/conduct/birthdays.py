"""政治生日: the members whose Party join date falls in a month, and the branch's ceremony for them.

A member is done for the year once they are an honoree of a ceremony held that year (a
branch holding the ceremony quarterly records the members of three months at once).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.records import save_record
from app.text import pinyin_key
from models import BirthdayCeremony
from models import BirthdayHonoree
from models import Member
from models import Organisation
from models import database
from models.db import tuples


@dataclass(frozen=True)
class BirthdayMember:
    """A member whose 政治生日 is in the chosen month."""

    member_id: int
    name: str
    org_id: int
    org_name: str
    join_date: dt.date
    party_years: int  # full years in the Party on this year's 政治生日
    done: bool
    ceremony_id: int | None


def honoured_in(year: int) -> dict[int, int]:
    """Member id → the ceremony that honoured them in ``year``."""
    rows = (
        BirthdayHonoree.select(BirthdayHonoree.member, BirthdayCeremony.id)
        .join(BirthdayCeremony, on=BirthdayHonoree.ceremony == BirthdayCeremony.id)
        .where(
            ~BirthdayHonoree.deleted
            & ~BirthdayCeremony.deleted
            & BirthdayCeremony.date.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
        )
    )
    return dict(tuples(rows))


def birthday_members(month: int, year: int, org_ids: list[int] | None = None) -> list[BirthdayMember]:
    """Active members whose join date is in ``month``, by branch and pinyin, each marked done or not."""
    orgs = {o.id: o for o in Organisation.live()}
    query = Member.active().where(
        (Member.join_date.month == month)  # peewee writes it for either engine
        & (Member.join_date < dt.date(year, 1, 1))  # an anniversary: not the year one joined
    )
    if org_ids is not None:
        query = query.where(Member.org.in_(org_ids) | Member.group.in_(org_ids))
    done = honoured_in(year)
    result = []
    for member in query:
        org = orgs.get(member.org_id)
        result.append(
            BirthdayMember(
                member_id=member.id,
                name=member.name,
                org_id=member.org_id,
                org_name=org.label if org else "",
                join_date=member.join_date,
                party_years=year - member.join_date.year,
                done=member.id in done,
                ceremony_id=done.get(member.id),
            )
        )
    result.sort(
        key=lambda b: (orgs[b.org_id].sort_order if b.org_id in orgs else 0, b.org_name, pinyin_key(b.name))
    )
    return result


def record_ceremony(
    org: Organisation, day: dt.date, month: int, member_ids: list[int], form: str = "", content: str = ""
) -> BirthdayCeremony:
    """Record a branch's 政治生日 ceremony and the members it honoured (all or nothing, audited)."""
    with database.atomic():
        ceremony = save_record(
            BirthdayCeremony, {"org": org.id, "date": day, "month": month, "form": form, "content": content}
        )
        for member_id in member_ids:
            save_record(BirthdayHonoree, {"ceremony": ceremony.id, "member": member_id})
    return ceremony


def birthdays_by_day(year: int, month: int, org_ids: list[int] | None = None) -> dict[dt.date, list[str]]:
    """Names of the members whose 政治生日 falls on each day of a month (29 February on the 28th)."""
    days: dict[dt.date, list[str]] = {}
    for person in birthday_members(month, year, org_ids):
        day = person.join_date.day
        while True:
            try:
                date = dt.date(year, month, day)
                break
            except ValueError:
                day -= 1
        days.setdefault(date, []).append(person.name)
    return days
