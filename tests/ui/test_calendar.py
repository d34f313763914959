"""日历 tab: the campaign's range and phases, events per day that open their records, navigation."""

from __future__ import annotations

import datetime as dt

from hand_built import two_villages
from PySide6.QtCore import QDate
from views import open_view

from app.calendar_events import events_between
from models import Meeting
from models import Member
from ui.pages import calendar

D = dt.date


def _view(qtbot, db):
    context, view, opened = open_view(qtbot, db, calendar)
    view.refresh()
    return context, view, opened


def _town():
    villages = two_villages()
    east, west = villages.east, villages.west
    Member.create(org=east, name="张一", join_date=D(1990, 5, 3))
    return east, west


def test_range_and_phases_from_the_campaign(qtbot, db):
    _town()
    _context, view, _opened = _view(qtbot, db)
    assert view.calendar.minimumDate() == QDate(2022, 4, 11)
    assert view.calendar.maximumDate() == QDate(2022, 11, 30)
    assert [p[0] for p in view.calendar.phases] == ["组织动员", "集中实施", "总结提高"]
    assert "组织动员" in view.legend.text() and "总结提高" in view.legend.text()
    assert view.calendar.phase_of(D(2022, 6, 1))[0] == "集中实施"
    # Today (2026 or later) is after the campaign: the calendar opens on its first day.
    assert view.selected_day() == D(2022, 4, 11)
    assert [b.text() for b in view.phase_buttons] == ["组织动员阶段", "集中实施阶段", "总结提高阶段", "今天"]
    assert not view.phase_buttons[-1].isEnabled()


def test_phase_buttons_navigate(qtbot, db):
    _town()
    _context, view, _opened = _view(qtbot, db)
    view.phase_buttons[2].click()
    assert view.selected_day() == D(2022, 11, 1)
    assert view.calendar.monthShown() == 11
    assert "总结提高阶段" in view.day_title.text()


def test_selecting_a_day_lists_its_events_and_opens_them(qtbot, db):
    east, west = _town()
    meeting = Meeting.create(org=east, kind="支委会", date=D(2022, 5, 10), topic="研究五抓五提升")
    Meeting.create(org=west, kind="党课", date=D(2022, 5, 10), topic="讲党课")
    context, view, opened = _view(qtbot, db)
    view.go_to(D(2022, 5, 10))
    assert view.events_model.rowCount() == 2
    assert "2 项" in view.day_title.text()
    row = next(i for i, e in enumerate(view.events_model.rows) if e.record_id == meeting.id)
    view.events_view.doubleClicked.emit(view.events_model.index(row, 0))
    assert opened == [(Meeting, meeting.id)]
    view.go_to(D(2022, 5, 3))
    assert [(e.kind, e.title) for e in view.events_model.rows] == [("政治生日", "张一")]
    assert view.events_model.rows[0].org_name == "东村"
    view.events_view.doubleClicked.emit(view.events_model.index(0, 0))
    zhang = Member.get(Member.name == "张一")
    assert opened[-1] == (Member, zhang.id)  # one member's 政治生日 opens their record
    Member.create(org=east, name="李二", join_date=D(2001, 5, 3))
    Member.create(org=west, name="王三", join_date=D(2010, 5, 3))
    view.load_month()
    view.go_to(D(2022, 5, 3))
    birthdays = sorted((e.org_name, e.title) for e in view.events_model.rows)
    assert birthdays == [("东村", "李二、张一"), ("西村", "王三")]  # per village, as the ceremonies are held
    view.events_view.doubleClicked.emit(view.events_model.index(0, 0))
    assert opened[-1] == (Member, {})
    context.set_org_ids([west.id])
    view.refresh()
    view.go_to(D(2022, 5, 10))
    assert [e.title for e in view.events_model.rows] == ["讲党课"]


def test_cells_are_painted(qtbot, db):
    east, _west = _town()
    Meeting.create(org=east, kind="支委会", date=D(2022, 5, 10), topic="研究")
    _context, view, _opened = _view(qtbot, db)
    view.go_to(D(2022, 5, 10))
    view.resize(900, 600)
    image = view.calendar.grab().toImage()
    assert not image.isNull()
    # Some pixel is shaded with a phase colour.
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 20)
        for y in range(0, image.height(), 20)
    }
    assert "#e8f5e9" in colours


def test_demo_town_calendar(qtbot, demo_db):
    _context, view, _opened = _view(qtbot, demo_db)
    view.go_to(D(2022, 6, 15))
    expected = events_between(D(2022, 6, 1), D(2022, 6, 30))
    assert view.calendar.events.keys() == expected.keys()
    busiest = max(expected, key=lambda day: len(expected[day]))
    view.go_to(busiest)
    assert view.events_model.rowCount() == len(expected[busiest]) > 1
    tracks = {e.track for events in expected.values() for e in events}
    assert {"抓学习", "抓作风", "抓落实"} <= tracks


def test_changing_month_lists_a_day_of_that_month(qtbot, db):
    east, _west = _town()
    Meeting.create(org=east, kind="支委会", date=D(2022, 5, 11), topic="研究")
    _context, view, _opened = _view(qtbot, db)
    view.go_to(D(2022, 4, 11))
    view.calendar.showNextMonth()
    assert view.selected_day() == D(2022, 5, 11)
    assert view.day_title.text().startswith("2022年5月11日") and view.events_model.rowCount() == 1
    view.go_to(D(2022, 10, 31))
    view.calendar.showNextMonth()
    assert view.selected_day() == D(2022, 11, 30)  # no 31 November: the month's last day


def test_fits_a_1366_pixel_screen_even_with_large_letters(qtbot, db):
    _town()
    _context, view, _opened = _view(qtbot, db)
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.setFont(font)
    view.refresh()
    # The tab's page sits in a window with margins: leave room for them.
    assert view.minimumSizeHint().width() < 1000
    assert view.legend.wordWrap() and "总结提高" in view.legend.text()
