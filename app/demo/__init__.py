"""The demo town (高寨镇): a realistic, deterministic year of the 2022 campaign.

``create_demo`` fills the open, empty database with a town committee, its villages and
communities, their members, records of all five tracks from April to November 2022 and
two quarterly inspections. The same seed always gives the same database (values, UUIDs
and time stamps), and some things are deliberately missing or late so that the rules and
the ranking have something to find.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.inspection.scorecard import default_template
from app.inspection.scorecard import template_items
from app.setup.new_file import FileExists
from app.setup.new_file import build_database_file
from app.setup.town import TownAnswers
from app.setup.town import create_town
from models import RECORD_TYPES
from models import Campaign
from models import Organisation
from models import Phase
from models import ScoreItem
from models import ScoreSection
from models import ScoreTemplate
from models import database

from .brand import build_brand
from .conduct import build_conduct
from .inspection import build_inspections
from .inspection import draft_notice_text
from .people import People
from .service import build_service
from .study import build_study
from .tasks import build_tasks
from .town import CAMPAIGN_START
from .town import TOWN_CODE
from .town import TOWN_NAME
from .town import TOWN_SECRETARY
from .town import build_town
from .writer import Writer

DEFAULT_SEED = 2022
DEFAULT_VILLAGES = 14
DEFAULT_MEMBERS = (40, 80)
SET_UP_AT = dt.datetime(2022, 4, 11, 9, 0)  # the day the campaign was set up in the program
# What the town's clerk answered when setting the town up (印发机关 as the notices always showed it).
DEMO_ANSWERS = TownAnswers(
    town_name=TOWN_NAME,
    town_code=TOWN_CODE,
    issuer=f"中共{TOWN_NAME}委员会",
    doc_prefix=f"{TOWN_NAME[0]}党发",
    office=f"中共{TOWN_NAME}委员会办公室",
    year=2022,
)


class DemoRefused(ValueError):
    """The database is not empty; the demo town is only written into an empty one."""


def create_demo(
    seed: int = DEFAULT_SEED,
    villages: int = DEFAULT_VILLAGES,
    members_per_village: tuple[int, int] | int = DEFAULT_MEMBERS,
) -> dict[str, int]:
    """Write the demo town into the open (empty, migrated) database; rows per table.

    ``members_per_village`` is a range (each branch gets a number in it) or one number.
    Raises :class:`DemoRefused` when the database already holds organisations.
    """
    if isinstance(members_per_village, int):
        members_per_village = (members_per_village, members_per_village)
    low, high = members_per_village
    if villages < 1 or low < 8 or high < low:
        raise DemoRefused("村（社区）数至少为1，每村党员数至少为8，且上限不小于下限。")
    if Organisation.select().exists():
        raise DemoRefused("数据库中已有党组织，演示数据只能写入空数据库。")
    with database.atomic():
        w = Writer(seed)
        people = People(w.rng)
        details = {
            "secretary": TOWN_SECRETARY,
            "secretary_phone": people.phone(),
            "address": f"甘肃省定西市陇西县{TOWN_NAME}政府院内",
        }
        campaign, town_org = create_town(DEMO_ANSWERS, make_uuid=w.uuid, town_details=details, audited=False)
        template = default_template()
        _pin_identities(w, campaign, town_org)
        items = template_items(template)
        town = build_town(w, people, villages, (low, high), town_org.id)
        build_study(w, town)
        build_service(w, people, town)
        build_conduct(w, town)
        build_brand(w, town)
        build_tasks(w, town, campaign.id)
        build_inspections(w, town, campaign.id, template.id, items)
        w.flush()
        draft_notice_text()
    return record_counts()


def create_demo_file(path: str | Path, **options) -> dict[str, int]:
    """Make a new database file at ``path`` holding the demo town; rows per table.

    Built under a temporary name and renamed only when complete: a first start that is
    interrupted (closed, killed, power cut) leaves no database, so the next start builds
    the town again instead of opening an empty program. ``options`` as for
    :func:`create_demo`. The database is closed afterwards.
    """
    try:
        return build_database_file(path, lambda: create_demo(**options))
    except FileExists as exists:
        raise DemoRefused(f"文件 {path} 已存在，演示数据只写入新文件。") from exists


def _pin_identities(w: Writer, campaign: Campaign, town: Organisation) -> None:
    """Fixed UUIDs and time stamps for the rows written through the ordinary functions."""
    Campaign.update(uuid=w.uuid()).where(Campaign.id == campaign.id).execute()
    for phase in campaign.phases():
        Phase.update(uuid=w.uuid()).where(Phase.id == phase.id).execute()
    for model in (Campaign, Phase, ScoreTemplate, ScoreSection, ScoreItem):
        model.update(created_at=SET_UP_AT, updated_at=SET_UP_AT).execute()
    # The 镇党委 is dated like every other organisation of the town (its first day, in office hours).
    stamp = dt.datetime.combine(CAMPAIGN_START, dt.time(8 + town.id % 10, (town.id * 7) % 60))
    Organisation.update(uuid=w.uuid(), created_at=stamp, updated_at=stamp).where(
        Organisation.id == town.id
    ).execute()


def record_counts() -> dict[str, int]:
    """Rows per record table (the campaign, its phases and every type the window shows)."""
    counts = {
        Campaign._meta.table_name: Campaign.select().count(),
        Phase._meta.table_name: Phase.select().count(),
    }
    for types in RECORD_TYPES.values():
        for model in types:
            counts[model._meta.table_name] = model.select().count()
    return counts
