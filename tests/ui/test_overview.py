"""总览 tab: rule states, villages, findings that open their records, charts; on a hand-built town and the demo."""

from __future__ import annotations

import datetime as dt

from hand_built import two_villages
from PySide6.QtCore import QDate
from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt
from views import open_view

from app.rules import OVERDUE
from app.rules import RULES
from app.rules import evaluate
from models import Deed
from models import Meeting
from models import Member
from models import Organisation
from models import settings
from ui.pages import overview

D = dt.date


def _town():
    villages = two_villages()
    east, west = villages.east, villages.west
    zhang = Member.create(org=east, name="张一", join_date=D(1990, 5, 3))
    Member.create(org=west, name="赵四", join_date=D(1988, 10, 9))
    return east, west, zhang


def _view(qtbot, db, day=D(2022, 6, 5)):
    context, view, opened = open_view(qtbot, db, overview)
    with qtbot.waitSignal(view.refreshed, timeout=20000):
        view.refresh()
    if view.as_of() != day:
        with qtbot.waitSignal(view.refreshed, timeout=20000):
            view.as_of_edit.setDate(QDate(day.year, day.month, day.day))
    assert view.as_of() == day
    return context, view, opened


def test_rule_states_and_villages(qtbot, db):
    east, west, _zhang = _town()
    Meeting.create(org=east, kind="支委会", date=D(2022, 4, 25), topic="四月支委会")
    Meeting.create(org=east, kind="支委会", date=D(2022, 5, 25), topic="五月支委会")
    _context, view, _opened = _view(qtbot, db)
    assert view.rules_model.rowCount() == len(RULES)
    states = {s.rule: s for s in view.rules_model.rows}
    assert states["meetings"].state == OVERDUE
    villages = {row[1]: row for row in view.villages_model.rows}
    assert set(villages) == {"东村", "西村"}
    # 西村 also missed its 支委会 in April and May: more overdue than 东村.
    assert villages["西村"][2] == villages["东村"][2] + 2
    assert view.villages_model.rows[0][1] == "西村"
    assert "全镇" in view.heading.text()


def test_choosing_a_rule_or_village_narrows_the_findings(qtbot, db):
    east, west, _zhang = _town()
    _context, view, _opened = _view(qtbot, db)
    total = view.findings_model.rowCount()
    view.choose_rule("study_plan")
    assert view.findings_model.rowCount() == 2
    view.choose_village(west.id)
    assert [f.org_name for f in view.findings_model.rows] == ["西村"]
    assert "西村" in view.findings_title.text()
    view.clear_filters()
    assert view.findings_model.rowCount() == total


def test_double_click_opens_the_record_or_the_list(qtbot, db):
    east, west, zhang = _town()
    _context, view, opened = _view(qtbot, db, D(2022, 11, 30))
    view.choose_rule("deeds")
    finding = view.findings_model.rows[0]
    index = view.findings_view.model().index(0, 0)
    view.findings_view.doubleClicked.emit(index)
    # "张一 今年办实事 0 次": what is missing is a 办实事 of his, begun with his name
    assert opened[-1] == ("新增", Deed, {"member": finding.record_id})
    assert Member.get_by_id(finding.record_id).name in finding.subject
    view.choose_rule("study_plan")
    view.findings_view.doubleClicked.emit(view.findings_view.model().index(0, 0))
    assert opened[-1][0].__name__ == "StudyPlan" and opened[-1][1] == {
        "org_id": view.findings_model.rows[0].org_id
    }


def test_one_village_selected(qtbot, db):
    east, west, _zhang = _town()
    context, view, _opened = _view(qtbot, db)
    context.set_org_ids([east.id])
    with qtbot.waitSignal(view.refreshed, timeout=20000):
        view.refresh()
    assert "东村" in view.heading.text()
    assert {f.org_name for f in view.findings} == {"东村"}
    assert [row[1] for row in view.villages_model.rows] == ["东村"]


def test_chart_bar_click_filters_findings(qtbot, db):
    _town()
    _context, view, _opened = _view(qtbot, db)
    chart = view.charts["抓作风"]
    chart.resize(300, 150)
    keys = [bar.key for bar in chart.bars]
    assert keys[0] == "meetings"
    assert chart.bars[0].counts[OVERDUE] == 2
    rect = chart._bar_rects()[0]
    qtbot.mouseClick(
        chart, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), int(rect.center().y()))
    )
    assert view.rule_filter == "meetings"
    assert {f.rule for f in view.findings_model.rows} == {"meetings"}
    assert not chart.grab().isNull()


def test_demo_town_overview(qtbot, demo_db, qtmodeltester):
    _context, view, _opened = _view(qtbot, demo_db, D(2022, 9, 30))
    expected = evaluate(D(2022, 9, 30))
    assert len(view.findings) == len(expected) > 0
    assert view.villages_model.rowCount() == Organisation.branches().count()
    assert view.points_model.rowCount() == 10
    points = [p.total for p in view.points_model.rows]
    assert points == sorted(points)
    assert all(f.due >= D(2022, 9, 30) for f in view.upcoming_model.rows)
    qtmodeltester.check(view.findings_model)
    headers = [
        view.findings_model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(view.findings_model.columnCount())
    ]
    assert headers[:3] == ["村（社区）", "状态", "缺什么"]  # who is behind, before the rule's wording
    qtmodeltester.check(view.rules_model)


def test_only_the_newest_refresh_is_shown(qtbot, db):
    east, _west, _zhang = _town()
    context, view, _opened = _view(qtbot, db)
    shown = []
    view.refreshed.connect(lambda: shown.append(context.org_ids()))
    context.set_org_ids(None)
    view.refresh()
    context.set_org_ids([east.id])
    with qtbot.waitSignal(view.refreshed, timeout=20000):
        view.refresh()
    qtbot.wait(200)
    assert shown == [[east.id]]
    assert {f.org_name for f in view.findings} == {"东村"}


def test_the_points_place_is_the_towns_at_the_town_and_the_branchs_at_a_village(qtbot, db):
    east, _west, _zhang = _town()
    _context, town, _opened = _view(qtbot, db)
    header = town.points_model.headerData(3, Qt.Orientation.Horizontal)
    assert header == "全镇名次"
    settings.put("local_org_code", east.code)  # 东村's own computer: only its members are here
    _context, village, _opened = _view(qtbot, db)
    assert village.points_model.headerData(3, Qt.Orientation.Horizontal) == "本支部名次"
    shown = [village.points_model.index(r, 3).data() for r in range(village.points_model.rowCount())]
    assert shown and shown == [str(p.branch_rank) for p in village.points_model.rows]


def test_on_a_small_screen_the_villages_list_keeps_five_rows_and_the_page_scrolls(qtbot, demo_db):
    # 1366×768 at 125 %: the page gets about 1093×520; 各村（社区）情况 showed one village of 14
    _context, view, _opened = _view(qtbot, demo_db, D(2022, 9, 30))
    view.resize(1093, 520)
    view.show()
    qtbot.waitExposed(view)
    villages = view.villages_view
    row = villages.verticalHeader().defaultSectionSize()
    seen = villages.viewport().height() // row
    assert seen >= 5, f"{seen} rows"
    assert view.minimumSizeHint().height() > 520  # the tab's scroll area takes the rest
