"""A hand-built small town for the window tests: two villages, a 党小组, members, meetings."""

from __future__ import annotations

import datetime as dt

from models import Meeting
from models import Member
from models import Organisation
from models import create_default_campaign

D = dt.date


def build_town() -> dict[str, object]:
    """The town committee, 东沟村 (with one 党小组) and 西坪村, three members each, meetings."""
    create_default_campaign()
    town = Organisation.create(code="ZD", name="中共××镇委员会", short_name="××镇", kind="镇党委")
    east = Organisation.create(
        code="ZD01", name="东沟村党支部", short_name="东沟村", kind="村党支部", parent=town, sort_order=1
    )
    west = Organisation.create(
        code="ZD02", name="西坪村党支部", short_name="西坪村", kind="村党支部", parent=town, sort_order=2
    )
    group = Organisation.create(code="ZD0101", name="东沟村第一党小组", kind="党小组", parent=east)
    people = {}
    for org, names in ((east, ("张明", "李华", "王芳")), (west, ("赵强", "陈静", "刘洋"))):
        for n, name in enumerate(names):
            people[name] = Member.create(
                org=org,
                group=group if org is east and n == 0 else None,
                name=name,
                join_date=D(1990 + n, 7, 1),
            )
    meetings = {
        "east_may": Meeting.create(org=east, kind="支部党员大会", date=D(2022, 5, 10), topic="学习党章"),
        "east_aug": Meeting.create(org=east, kind="支委会", date=D(2022, 8, 3), topic="研究村务"),
        "west_jun": Meeting.create(org=west, kind="党课", date=D(2022, 6, 20), topic="乡村振兴专题党课"),
        "group_jul": Meeting.create(
            org=east, group=group, kind="党小组会", date=D(2022, 7, 5), topic="党小组学习"
        ),
    }
    return {"town": town, "east": east, "west": west, "group": group, **people, **meetings}
