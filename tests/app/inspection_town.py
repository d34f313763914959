"""A hand-built town for the inspection and ranking tests: villages, a small scorecard."""

from __future__ import annotations

import datetime as dt

from models import Campaign
from models import Inspection
from models import InspectionScore
from models import Organisation
from models import ScoreItem
from models import ScoreSection
from models import ScoreTemplate
from models import create_default_campaign


def build(villages: int = 6) -> dict:
    """The 2022 campaign, a town and ``villages`` branches, and a two-item template (60 + 40)."""
    campaign = create_default_campaign(issuer="中共红山镇委员会", doc_prefix="红党发")
    town = Organisation.create(code="HS", name="中共红山镇委员会", short_name="红山镇", kind="镇党委")
    orgs = [
        Organisation.create(
            code=f"HS{n:02d}",
            name=f"第{n}村党支部",
            short_name=f"第{n}村",
            kind="村党支部",
            parent=town,
            secretary=f"书记{n}",
            sort_order=n,
        )
        for n in range(1, villages + 1)
    ]
    template = ScoreTemplate.create(name="测试评分表", year=2022)
    section = ScoreSection.create(template=template, order=1, name="综合")
    hand = ScoreItem.create(section=section, order=1, name="督查组打分", max_points=60.0)
    plan = ScoreItem.create(section=section, order=2, name="学习计划", max_points=40.0, rule="study_plan")
    return {
        "campaign": campaign,
        "town": town,
        "orgs": orgs,
        "template": template,
        "hand": hand,
        "plan": plan,
    }


def inspect(town: dict, quarter: str, scores: list[float], day: dt.date | None = None) -> list[Inspection]:
    """A 季督查 of every village with the given percentage scores (both items scored alike)."""
    year, q = int(quarter[:4]), int(quarter[-1])
    day = day or dt.date(year, 3 * q, 20)
    made = []
    campaign = Campaign.current()
    for org, score in zip(town["orgs"], scores, strict=True):
        inspection = Inspection.create(
            campaign=campaign, org=org, kind="季督查", quarter=quarter, date=day, template=town["template"]
        )
        for item in (town["hand"], town["plan"]):
            InspectionScore.create(inspection=inspection, item=item, points=item.max_points * score / 100)
        made.append(inspection)
    return made
