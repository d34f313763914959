"""A small hand-built town for the rule tests: the 2022 campaign, two villages, a few members."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hand_built import two_villages

from models import KeyTask
from models import Member
from models import Organisation
from models import Problem

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
    villages = two_villages()
    east, west = villages.east, villages.west
    group = Organisation.create(code="ZD0101", name="东村第一党小组", kind="党小组", parent=east)
    members = [
        Member.create(org=east, group=group, name="张一", join_date=D(1990, 5, 3)),
        Member.create(org=east, name="李二", join_date=D(2001, 7, 1)),
        Member.create(org=east, name="王三", join_date=D(2015, 5, 20)),
        Member.create(org=west, name="赵四", join_date=D(1988, 10, 9)),
    ]
    return Town(villages.campaign, villages.town, east, west, group, members)


def key_task(town: Town, org: Organisation | None, deadline: dt.date, **values) -> KeyTask:
    """A 抓落实 task of the campaign for ``org``, started on 1 May, its 书记 the owner."""
    return KeyTask.create(
        campaign=town.campaign,
        title=values.pop("title", "村级阵地规范化"),
        track="抓落实",
        org=org,
        owner="书记",
        start=D(2022, 5, 1),
        deadline=deadline,
        **values,
    )


def problem(org: Organisation, deadline: dt.date, **values) -> Problem:
    """A problem of ``org`` found on 1 June (``found=`` another day), its 书记 to rectify it."""
    return Problem.create(
        org=org,
        found=values.pop("found", D(2022, 6, 1)),
        description=values.pop("description", "会议记录不规范"),
        responsible="书记",
        deadline=deadline,
        **values,
    )
