"""Pieces of the hand-built towns that tests in both ``tests/app`` and ``tests/ui`` build alike.

``tests/`` is on the import path of every test (its ``conftest.py`` puts it there), so a test
file in any folder imports these as ``from hand_built import ...``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import Campaign
from models import Organisation
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
