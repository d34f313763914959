"""The quarterly ranking: ties, N/A items, bottom 3 and the twice-in-a-row rule."""

from __future__ import annotations

import datetime as dt

import pytest
from inspection_town import build
from inspection_town import inspect

from app.inspection.ranking import competition_places
from app.inspection.ranking import exclude_village
from app.inspection.ranking import previous_quarter
from app.inspection.ranking import propose_disposals
from app.inspection.ranking import quarter_progress
from app.inspection.ranking import rank_quarter
from app.printing.notice import NothingToPrint
from app.printing.notice import draft_body
from models import Disposal
from models import InspectionScore
from models import SecretaryTerm


def by_code(rows):
    return {r.code: r for r in rows}


def test_competition_places_share_and_skip():
    assert competition_places([90, 80, 80, 70]) == [1, 2, 2, 4]
    assert competition_places([50, 50, 50]) == [1, 1, 1]


def test_ties_are_shown_and_bottom_three_names_all_tied_at_the_boundary(db):
    town = build(6)
    inspect(town, "2022Q2", [95, 90, 90, 80, 80, 70])
    rows = rank_quarter("2022Q2")
    assert [r.place for r in rows] == [1, 2, 2, 4, 4, 6]
    got = by_code(rows)
    assert got["HS02"].tied and got["HS02"].place_text == "第2名（并列）"
    assert not got["HS01"].tied and got["HS01"].place_text == "第1名"
    # 70 is last; 80 and 80 tie for 4th — both are named, so four villages are in the bottom 3
    assert {r.code for r in rows if r.bottom} == {"HS04", "HS05", "HS06"}
    inspect(town, "2022Q3", [95, 90, 85, 80, 80, 80])
    bottom_q3 = {r.code for r in rank_quarter("2022Q3") if r.bottom}
    assert bottom_q3 == {"HS04", "HS05", "HS06"}
    ties_below = [95, 90, 80, 80, 80, 70]
    inspect(town, "2022Q4", ties_below)
    assert {r.code for r in rank_quarter("2022Q4") if r.bottom} == {"HS03", "HS04", "HS05", "HS06"}


def test_not_applicable_item_leaves_the_denominator(db):
    town = build(2)
    first, second = inspect(town, "2022Q2", [50, 50])
    # the first village's 40-point item does not apply: 30 of 60 is still 50%
    score = InspectionScore.get(inspection=first, item=town["plan"])
    score.not_applicable, score.points = True, None
    score.save()
    rows = by_code(rank_quarter("2022Q2"))
    assert rows["HS01"].max_points == 60
    assert rows["HS01"].score == 50.0
    assert rows["HS01"].place == rows["HS02"].place == 1
    # without the N/A mark an unscored item counts 0 and is reported as unscored
    score.not_applicable = False
    score.save()
    rows = by_code(rank_quarter("2022Q2"))
    assert rows["HS01"].score == 30.0 and rows["HS01"].unscored == 1


def test_twice_in_a_row_uses_previous_inspected_quarter_and_proposes_disposal(db):
    town = build(6)
    inspect(town, "2022Q2", [60, 90, 85, 80, 70, 65])  # bottom: HS01, HS05, HS06
    inspect(town, "2022Q4", [50, 95, 90, 60, 85, 88])  # Q3 skipped; bottom: HS01, HS04, HS05
    assert previous_quarter("2022Q4") == "2022Q2"
    assert previous_quarter("2022Q2") is None
    rows = by_code(rank_quarter("2022Q4"))
    twice = {code for code, r in rows.items() if r.twice_bottom}
    assert twice == {"HS01", "HS05"}
    assert not rows["HS04"].twice_bottom and rows["HS04"].bottom
    assert not any(r.twice_bottom for r in rank_quarter("2022Q2"))

    SecretaryTerm.create(org=town["orgs"][0], name="前任书记", start=town["campaign"].start.replace(month=1))
    made = propose_disposals("2022Q4")
    assert {(d.org.code, d.state, d.quarter) for d in made} == {
        ("HS01", "待研究", "2022Q4"),
        ("HS05", "待研究", "2022Q4"),
    }
    assert {d.secretary for d in made} == {"前任书记", "书记5"}
    assert "2022Q2、2022Q4" in made[0].reason
    # proposing again makes nothing new
    assert propose_disposals("2022Q4") == []
    assert Disposal.live().count() == 2


def test_quarter_without_inspection_is_empty(db):
    build(3)
    assert rank_quarter("2022Q1") == []


def test_no_bottom_three_until_the_whole_quarter_is_scored_or_excluded(db):
    town = build(14)
    orgs = town["orgs"]
    inspect({**town, "orgs": orgs[:1]}, "2022Q2", [80])  # one village of fourteen scored
    progress = quarter_progress("2022Q2")
    assert progress.text == "已评 1 / 共 14 个村（社区）" and not progress.complete
    (only,) = rank_quarter("2022Q2")
    assert only.place == 1 and not only.bottom  # never 第1名 and 排名后3位 at once
    with pytest.raises(NothingToPrint, match="已评 1 / 共 14 个村（社区）"):
        draft_body("2022Q2", dt.date(2022, 7, 8))

    rest = orgs[13]
    inspect({**town, "orgs": orgs[1:13]}, "2022Q2", [90, 85, 80, 75, 70, 65, 60, 88, 87, 86, 84, 83])
    # the last one has an inspection but its items are not yet scored
    made = inspect({**town, "orgs": [rest]}, "2022Q2", [50])[0]
    InspectionScore.update(points=None).where(InspectionScore.inspection == made).execute()
    assert quarter_progress("2022Q2").unscored == (rest.label,)
    assert not any(r.bottom for r in rank_quarter("2022Q2"))
    exclude_village("2022Q2", rest, "新设社区本季度不参评")
    progress = quarter_progress("2022Q2")
    assert (
        progress.complete
        and progress.text == f"已评 13 / 共 14 个村（社区）；不参评：{rest.label}（新设社区本季度不参评）"
    )
    rows = rank_quarter("2022Q2")
    assert len(rows) == 13 and rest.id not in {r.org_id for r in rows}
    assert len([r for r in rows if r.bottom]) == 3
    body = draft_body("2022Q2", dt.date(2022, 7, 8))
    # the notice speaks as a notice: how many were ranked and who was not, no "已评 13 / 共 14"
    assert "对全镇13个村（社区）党组织" in body and "已评" not in body
    assert f"{rest.label}因新设社区本季度不参评，不参加本次排名。" in body
    assert "排名后3位的党组织是" in body


def test_notice_names_a_village_for_not_reporting_never_for_failing_what_it_did_not_report(db):
    from app.inspection.scoring import fill_scores
    from models import KeyPerson
    from models import Member
    from models import ScoreItem

    town = build(5)
    item = ScoreItem.create(
        section=town["plan"].section,
        order=3,
        name="重点人群一对一帮扶",
        max_points=5.0,
        rule="key_people_helped",
    )
    inspections = inspect(town, "2022Q2", [40, 90, 85, 80, 75])
    first = town["orgs"][0]
    helper = Member.create(org=first, name="帮扶人", join_date=dt.date(2000, 1, 1))
    KeyPerson.create(org=first, name="某老人", kind="独居老人", helper=helper, since=dt.date(2022, 1, 5))
    for inspection in inspections:
        fill_scores(inspection)
    score = InspectionScore.get(inspection=inspections[0], item=item)
    assert score.unreported and score.points is None
    row = by_code(rank_quarter("2022Q2"))["HS01"]
    assert row.bottom and row.unreported == 1 and "1项未报送" in row.notes
    body = draft_body("2022Q2", dt.date(2022, 7, 8))
    assert f"{row.name}（“重点人群一对一帮扶”）的相关台账未报送" in body
    named = next(line for line in body.splitlines() if line.startswith("（") and row.name in line)
    assert "重点人群一对一帮扶" not in named  # its shortfalls are what it was scored on


@pytest.mark.parametrize(
    ("scores", "bottom"),
    [
        ([90, 80, 70], {"HS02", "HS03"}),
        ([90, 90, 80], {"HS03"}),
        ([90, 85, 80, 70], {"HS02", "HS03", "HS04"}),
    ],
)
def test_a_small_town_never_names_a_village_among_the_best_and_the_bottom(db, scores, bottom):
    town = build(len(scores))
    inspect(town, "2022Q2", scores)
    rows = rank_quarter("2022Q2")
    assert {r.code for r in rows if r.bottom} == bottom
    assert not any(r.bottom and r.place == 1 for r in rows)
    body = draft_body("2022Q2", dt.date(2022, 7, 10))
    praised = next(line for line in body.splitlines() if line.endswith("予以通报表扬。"))
    assert not any(r.name in praised for r in rows if r.bottom)
