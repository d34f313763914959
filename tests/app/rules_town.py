"""A small hand-built town for the rule tests: the 2022 campaign, two villages, a few members."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import Member
from models import Organisation
from models import create_default_campaign

D = dt.date


@dataclass
class Town:
    campaign: object
    town: Organisation
    east: Organisation
    west: Organisation
    group: Organisation  # a 党小组 of 东村
    members: list[Member]  # 东村: 张一, 李二, 王三; 西村: 赵四


def build_town() -> Town:
    campaign = create_default_campaign()
    town = Organisation.create(code="ZD", name="中共某镇委员会", kind="镇党委")
    east = Organisation.create(
        code="ZD01", name="东村党支部", short_name="东村", kind="村党支部", parent=town
    )
    west = Organisation.create(
        code="ZD02", name="西村党支部", short_name="西村", kind="村党支部", parent=town
    )
    group = Organisation.create(code="ZD0101", name="东村第一党小组", kind="党小组", parent=east)
    members = [
        Member.create(org=east, group=group, name="张一", join_date=D(1990, 5, 3)),
        Member.create(org=east, name="李二", join_date=D(2001, 7, 1)),
        Member.create(org=east, name="王三", join_date=D(2015, 5, 20)),
        Member.create(org=west, name="赵四", join_date=D(1988, 10, 9)),
    ]
    return Town(campaign, town, east, west, group, members)
