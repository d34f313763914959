"""Pieces of the hand-built towns that tests in both ``tests/app`` and ``tests/ui`` build alike.

``tests/`` is on the import path of every test (its ``conftest.py`` puts it there), so a test
file in any folder imports these as ``from hand_built import ...``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.delivery.problems import record_check
from app.records import save_record
from models import Campaign
from models import Member
from models import Organisation
from models import Problem
from models import create_default_campaign

D = dt.date


@dataclass
class TwoVillages:
    campaign: Campaign
    town: Organisation
    east: Organisation
    west: Organisation


def two_villages() -> TwoVillages:
    """The 2022 campaign and the town committee ZD with its villages 东村 (ZD01) and 西村 (ZD02)."""
    campaign = create_default_campaign()
    town = Organisation.create(code="ZD", name="中共某镇委员会", kind="镇党委")
    east = Organisation.create(
        code="ZD01", name="东村党支部", short_name="东村", kind="村党支部", parent=town
    )
    west = Organisation.create(
        code="ZD02", name="西村党支部", short_name="西村", kind="村党支部", parent=town
    )
    return TwoVillages(campaign, town, east, west)


def june_problem(org: Organisation, **values) -> Problem:
    """A problem the June 督查 found: 三会一课记录不全, 王建国 to rectify it by 20 July.

    ``values`` change or add to any of that.
    """
    found = dict(
        org=org,
        source="季督查",
        found=D(2022, 6, 20),
        description="三会一课记录不全",
        responsible="王建国",
        deadline=D(2022, 7, 20),
    )
    return Problem.create(**{**found, **values})


def reopened_problem(org: Organisation) -> Problem:
    """The June problem rectified on 10 July whose 回头看 on 1 August failed: open again."""
    problem = june_problem(
        org, plan="补齐记录", state="已整改", rectified=D(2022, 7, 10), evidence="记录已补齐"
    )
    record_check(problem, "回头看", D(2022, 8, 1), "未通过")
    return problem


def save_liuwan_villages(**member_values) -> None:
    """红崖村 (LW01) and 石岔村 (LW02) under the open database's town committee, saved as the
    clerk saves them, with one member each (红建国, 石建国; ``member_values`` added to both)."""
    town = Organisation.town()
    for n, name in enumerate(("红崖村", "石岔村"), start=1):
        village = save_record(
            Organisation,
            {
                "code": f"LW0{n}",
                "name": f"{name}党支部",
                "short_name": name,
                "kind": "村党支部",
                "parent": town,
            },
        )
        member = {"org": village, "name": f"{name[0]}建国", "join_date": D(1990, 7, 1)}
        save_record(Member, {**member, **member_values})
