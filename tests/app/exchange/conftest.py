"""A small town built by hand: the town committee, two villages with a 党小组 and members."""

from __future__ import annotations

import datetime as dt

import pytest
from exchange_helpers import valid_id

from models import Member
from models import Organisation
from models import create_default_campaign
from models import settings


@pytest.fixture
def town(db):
    """The town's database: campaign, 镇党委 ZD, villages ZD01 and ZD02, members in each."""
    create_default_campaign()
    zd = Organisation.create(code="ZD", name="中共某镇委员会", kind="镇党委", secretary_phone="09310000000")
    settings.put("local_org_code", "ZD")
    v1 = Organisation.create(
        code="ZD01", name="红星村党支部", short_name="红星村", kind="村党支部", parent=zd
    )
    v2 = Organisation.create(
        code="ZD02", name="东风村党支部", short_name="东风村", kind="村党支部", parent=zd
    )
    Organisation.create(code="ZD0101", name="红星村第一党小组", kind="党小组", parent=v1)
    for i, name in enumerate(("王建国", "李秀英", "张伟")):
        Member.create(
            org=v1,
            name=name,
            join_date=dt.date(1990 + i, 3, 1),
            id_number=valid_id(f"62010219700101{i:03d}"),
            phone=f"1390000000{i}",
        )
    Member.create(org=v2, name="赵强", join_date=dt.date(2001, 7, 1), id_number=valid_id("62010219800101777"))
    return {"town": zd, "v1": v1, "v2": v2}
