"""A hand-built small town for the 抓落实 tests (three villages, the 2022 campaign)."""

from __future__ import annotations

import datetime as dt

from models import Organisation
from models import create_default_campaign


def build_town() -> dict[str, Organisation]:
    """The town committee and three village branches, keyed by short name."""
    create_default_campaign()
    town = Organisation.create(code="ZD", name="中共××镇委员会", short_name="××镇", kind="镇党委")
    villages = {"town": town}
    for n, (name, secretary) in enumerate((("东沟村", "王建国"), ("西坪村", "李秀兰"), ("南川社区", "")), 1):
        villages[name] = Organisation.create(
            code=f"ZD0{n}",
            name=f"{name}党支部",
            short_name=name,
            kind="社区党支部" if "社区" in name else "村党支部",
            parent=town,
            secretary=secretary,
            sort_order=n,
        )
    return villages


D = dt.date
