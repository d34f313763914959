"""The main window: tabs, the village selector, lazily built pages, navigation, the status bar."""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest
from ui_town import D
from ui_town import build_town

from models import RECORD_TYPES
from models import Deed
from models import Meeting
from models import Member
from ui.context import AppContext
from ui.main_window import TABS
from ui.main_window import MainWindow
from ui.main_window import TrackTab
from ui.main_window import WholeTab
from ui.main_window import _Placeholder
from ui.main_window import view_modules
from ui.record_form import RecordFormDialog
from ui.record_page import RecordListPage
from ui.widgets.form_widgets import value_of


@pytest.fixture
def window(db_location, db, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    town = build_town()
    context = AppContext(db_location)
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.town = town
    return win


def test_tabs_and_title(window):
    assert window.windowTitle() == "五抓五提升 工作台"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == list(TABS)
    assert window.tabs.tabToolTip(1) == "抓学习 提升能力素质"


def test_overview_and_calendar_are_views_or_placeholders(window):
    own = {m.tab for m in view_modules()}
    for name in ("总览", "日历"):
        widget = window.tab_widgets[name]
        assert isinstance(widget, _Placeholder) == (name not in own)
        if name in own:
            # built when first shown, not with the window
            assert isinstance(widget, WholeTab) and widget.page is None
            window.show_tab(name)
            assert widget.page is not None and widget.isAncestorOf(widget.page)  # in its scroll area


def test_first_tab_is_built_and_filled_after_the_first_paint(window, qtbot):
    overview = window.tab_widgets["总览"]
    if not isinstance(overview, WholeTab):
        pytest.skip("no 总览 view")
    filled = []
    window.show()
    assert overview.page is None and window.village.count() == 3  # the window comes first
    with qtbot.waitSignal(window.firstPainted):
        pass
    assert overview.page is not None  # built right after the first paint, then filled
    overview.page.refreshed.connect(lambda: filled.append(True))
    qtbot.waitUntil(lambda: filled == [True], timeout=10_000)
    assert window.tab_widgets["日历"].page is None  # other tabs wait until chosen


def test_village_selector_narrows_every_page(window, qtbot):
    town = window.town
    window.show()
    combo = window.village
    assert [combo.itemText(i) for i in range(combo.count())] == ["全镇", "东沟村", "西坪村"]
    page = window.page_of(Meeting)
    assert page.table_model.total() == 4
    with qtbot.waitSignal(window.context.orgFilterChanged):
        window.select_village(town["east"].id)
    assert window.context.org_ids() == [town["east"].id, town["group"].id]
    assert page.table_model.total() == 3
    # A page built after the choice starts narrowed too.
    members = window.page_of(Member)
    assert members.table_model.total() == 3
    window.select_village(None)
    assert window.context.org_ids() is None
    assert members.table_model.total() == 6


def test_pages_are_built_on_first_selection(window):
    tab = window.tab_widgets["抓作风"]
    assert isinstance(tab, TrackTab)
    assert tab.pages == {}
    titles = [tab.side.item(i).text() for i in range(tab.side.count())]
    assert "三会一课" in titles and "出勤记录" in titles
    window.show_tab("抓作风")
    window.show()
    assert list(tab.pages) == [0]
    tab.side.setCurrentRow(2)
    assert set(tab.pages) == {0, 2}


def test_every_record_type_has_a_working_page(window):
    window.show()
    for name, types in RECORD_TYPES.items():
        tab = window.tab_widgets[name]
        for model in types:
            page = window.page_of(model)
            assert isinstance(page, RecordListPage), model
            assert window.tabs.currentWidget() is tab
            assert page.table_model.total() == model.live().count()
    assert window.page_of(Meeting).table_model.rowCount() == 4


def test_show_records_narrows_to_one_organisation(window):
    town = window.town
    window.show_records(Meeting, org_id=town["west"].id)
    page = window.page_of(Meeting)
    assert page.table_model.total() == 1
    assert window.tabs.tabText(window.tabs.currentIndex()) == "抓作风"


def test_open_record_switches_and_opens_the_form(window, monkeypatch):
    shown = []

    def fake_exec(dialog):
        shown.append((dialog.windowTitle(), dialog.editors["topic"].text()))
        return RecordFormDialog.DialogCode.Rejected

    monkeypatch.setattr(RecordFormDialog, "exec", fake_exec)
    window.context.open_record(Meeting, window.town["west_jun"].id)
    assert shown == [("编辑三会一课", "乡村振兴专题党课")]
    page = window.page_of(Meeting)
    assert page.selected_id() == window.town["west_jun"].id


def test_a_new_record_begun_from_elsewhere_opens_on_its_list_with_its_member(window, monkeypatch):
    shown = []

    def fake_exec(dialog):
        shown.append((dialog.windowTitle(), value_of(dialog.editors["member"])))
        return RecordFormDialog.DialogCode.Rejected

    monkeypatch.setattr(RecordFormDialog, "exec", fake_exec)
    member = Member.select().first()
    window.context.new_record(Deed, member=member.id)
    assert shown == [("新增办实事", member.id)]
    assert isinstance(window.current_page(), RecordListPage) and window.current_page().record_type is Deed


def test_status_bar_tells_the_phase(window):
    assert "集中实施" in window.phase_text(D(2022, 6, 1))
    assert "总结提高" in window.phase_text(D(2022, 11, 15))
    assert "结束" in window.phase_text(D(2023, 1, 1))
    assert "尚未开始" in window.phase_text(D(2022, 1, 1))
    assert str(window.context.db_path) in " ".join(
        w.text() for w in window.statusBar().findChildren(type(window.phase_label))
    )


def test_window_fits_a_small_screen(window):
    window.show()
    window.resize(1366, 768)
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumSizeHint().height() <= 768
    assert dt.date.today()


@pytest.mark.skipif(importlib.util.find_spec("app.demo") is None, reason="app/demo.py is not there yet")
def test_window_on_demo_database(db_location, demo_db, qtbot, tmp_path, monkeypatch):
    """The demo town: every tab opens and every record-type page shows rows."""
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    win = MainWindow(AppContext(db_location))
    qtbot.addWidget(win)
    win.show()
    assert win.village.count() >= 11
    empty = []
    for name in TABS:
        win.show_tab(name)
        assert win.tabs.currentWidget() is win.tab_widgets[name]
        tab = win.tab_widgets[name]
        if isinstance(tab, TrackTab):
            for row in range(tab.side.count()):
                if row == tab.heading_row:
                    continue  # the 台账明细 heading opens and closes its tables
                page = tab.show_entry(row)
                assert page is not None
                if isinstance(page, RecordListPage) and page.table_model.rowCount() == 0:
                    empty.append(page.record_type.__name__)
    assert empty == []
    win.village.setCurrentIndex(1)
    page = win.page_of(Member)
    assert 0 < page.table_model.total() < Member.live().count()


def test_open_record_of_a_type_without_a_list_opens_its_form(window, monkeypatch):
    from models import Campaign

    titles = []
    monkeypatch.setattr(
        RecordFormDialog,
        "exec",
        lambda d: titles.append(d.windowTitle()) or RecordFormDialog.DialogCode.Rejected,
    )
    window.context.open_record(Campaign, Campaign.current().id)
    assert titles == ["编辑行动"]


def test_f1_opens_the_guide_with_the_current_pages_topic_first(window, qtbot):
    from PySide6.QtWidgets import QTextBrowser

    window.show_tab("抓落实")
    tab = window.tab_widgets["抓落实"]
    row = next(i for i, (title, _t) in enumerate(tab.entries) if title == "问题台账管理")
    tab.show_entry(row)
    assert window.current_page_title() == "问题台账管理"
    dialog = window.show_guide()
    qtbot.addWidget(dialog)
    text = dialog.findChild(QTextBrowser).toPlainText()
    assert text.index("问题台账和“回头看”") < text.index("开始使用")  # this page's topic comes first
    for job in ("新建乡镇", "导出“填报模板”", "导入文件", "督查评分", "签发", "回头看", "备份与恢复"):
        assert job in text, job
    shortcut = next(
        a for a in window.menuBar().actions()[-1].menu().actions() if a.text().startswith("使用说明")
    )
    assert shortcut.shortcut().toString() == "F1"
