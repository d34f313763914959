"""Side lists in the order of work: workflow first, raw tables under one collapsible 台账明细."""

from __future__ import annotations

import datetime as dt

import pytest
from modal import answer_dialogs
from ui_town import build_town

from models import Attendance
from models import Campaign
from models import KeyTask
from models import Milestone
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.main_window import TrackTab
from ui.record_form import RecordFormDialog
from ui.record_page import RecordListPage


@pytest.fixture
def window(db, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    build_town()
    win = MainWindow(AppContext(tmp_path / "test.sqlite3"))
    qtbot.addWidget(win)
    win.show()
    return win


def _visible(tab: TrackTab) -> list[str]:
    return [tab.side.item(r).text() for r in range(tab.side.count()) if not tab.side.item(r).isHidden()]


def test_conduct_opens_on_meetings_with_one_birthday_entry(window):
    tab = window.show_tab("抓作风")
    assert isinstance(tab, TrackTab)
    tab.ensure_started()
    page = tab.current_page()
    assert isinstance(page, RecordListPage) and page.record_type.__name__ == "Meeting"
    shown = _visible(tab)
    assert shown[0] == "三会一课" and shown[-1] == "▸ 台账明细"
    assert [t for t in shown if "政治生日" in t] == ["政治生日"]


def test_delivery_leads_with_its_work_and_keeps_raw_tables_folded(window):
    tab = window.show_tab("抓落实")
    assert isinstance(tab, TrackTab)
    shown = _visible(tab)
    assert shown[:4] == ["下发重点任务", "挂图作战", "月调度汇总", "督查评分"]
    assert "督查得分" not in shown and "问题台账" not in shown and "督查评分表" not in shown
    assert tab.show_entry(tab.heading_row) is None  # the heading opens its tables
    assert "督查得分" in _visible(tab) and _visible(tab)[-1] != "▸ 台账明细"
    tab.show_entry(tab.heading_row)
    assert "督查得分" not in _visible(tab)


def test_a_jump_to_a_raw_table_opens_the_heading(window):
    page = window.page_of(Attendance)
    tab = window.tab_widgets["抓作风"]
    assert isinstance(page, RecordListPage) and tab.details_open
    assert "出勤记录" in _visible(tab)


def test_editing_from_the_wall_chart_stays_on_the_wall_chart(window, qtbot):
    tab = window.show_tab("抓落实")
    row = [t for t, _e in tab.entries].index("挂图作战")
    chart = tab.show_entry(row)
    task = KeyTask.create(
        campaign=Campaign.current(),
        title="人居环境整治",
        track="抓落实",
        owner="王书记",
        start=dt.date(2022, 5, 1),
        deadline=dt.date(2022, 7, 31),
    )
    milestone_id = Milestone.create(
        task=task, title="制定方案", start=dt.date(2022, 5, 1), due=dt.date(2022, 6, 1)
    ).id
    seen = answer_dialogs(lambda dialog: dialog.done(0))
    dialog = window.open_record(Milestone, milestone_id)
    assert isinstance(dialog, RecordFormDialog) and seen
    assert tab.current_page() is chart and window.tabs.currentWidget() is tab
