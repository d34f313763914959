"""The default scorecard: 100 points, the five tracks plus 组织制度, rule keys from the list."""

from __future__ import annotations

import pytest

from app.inspection.scorecard import RULE_KEYS
from app.inspection.scorecard import create_default_template
from app.inspection.scorecard import default_template
from app.inspection.scorecard import template_items
from app.inspection.scorecard import template_total
from models import TRACKS
from models import Campaign
from models import ScoreItem
from models import ScoreSection
from models import ScoreTemplate
from models import create_default_campaign


@pytest.fixture
def campaign(db) -> Campaign:
    return create_default_campaign()


def test_default_template_totals_100_points(campaign):
    template = create_default_template(campaign)
    assert template_total(template) == pytest.approx(100.0)
    for section in ScoreSection.select().where(ScoreSection.template == template):
        items = ScoreItem.select().where(ScoreItem.section == section)
        assert sum(i.max_points for i in items) > 0, section.name


def test_every_track_has_a_section_and_meetings_have_their_own(campaign):
    template = create_default_template(campaign)
    sections = list(
        ScoreSection.select().where(ScoreSection.template == template).order_by(ScoreSection.order)
    )
    assert {s.track for s in sections} == set(TRACKS)
    assert any("三会一课" in s.name and "主题党日" in s.name for s in sections)
    assert [s.order for s in sections] == list(range(1, len(sections) + 1))


def test_rules_are_known_keys_and_all_are_used(campaign):
    items = template_items(create_default_template(campaign))
    rules = [i.rule for i in items if i.rule]
    assert set(rules) <= set(RULE_KEYS)
    assert set(rules) == set(RULE_KEYS)  # every computable item appears once
    assert len(rules) == len(set(rules))
    assert any(not i.rule for i in items), "inspectors score some items by hand"


def test_every_item_has_guidance_and_positive_points(campaign):
    for item in template_items(create_default_template(campaign)):
        assert item.guidance.strip(), item.name
        assert item.max_points > 0
        assert item.uuid and item.origin == ""


def test_default_template_creates_once_then_reuses(campaign):
    first = default_template()
    again = default_template()
    assert first.id == again.id
    assert ScoreTemplate.select().count() == 1
    assert first.year == 2022 and first.active


def test_default_template_prefers_the_newest_active(campaign):
    old = create_default_template(campaign)
    newer = create_default_template(campaign)
    ScoreTemplate.update(active=False).where(ScoreTemplate.id == newer.id).execute()
    assert default_template().id == old.id


def test_fixed_uuids_when_given(campaign):
    counter = iter(range(1000))
    template = create_default_template(
        campaign, make_uuid=lambda: f"00000000-0000-4000-8000-{next(counter):012d}"
    )
    assert template.uuid == "00000000-0000-4000-8000-000000000000"
    assert all(i.uuid.startswith("00000000-0000-4000-8000-") for i in template_items(template))


def test_template_total_ignores_deleted_items(campaign):
    template = create_default_template(campaign)
    item = template_items(template)[0]
    item.soft_delete()
    assert template_total(template) == pytest.approx(100.0 - item.max_points)
