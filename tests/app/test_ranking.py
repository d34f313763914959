"""The quarterly ranking: ties, N/A items, bottom 3 and the twice-in-a-row rule."""

from __future__ import annotations

from inspection_town import build, inspect

from app.inspection.ranking import competition_places, previous_quarter, propose_disposals, rank_quarter
from models import Disposal, InspectionScore, SecretaryTerm


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
