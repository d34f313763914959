"""WPS habits in every list: right-click menu, export of what is shown, print, 筛选, pinyin
search, 没有找到, jump filters as tags that 清除 clears, Ctrl+F, forms that ask before losing input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from modal import answer_dialogs
from modal import close_box
from modal import press
from PySide6.QtCore import QPoint
from PySide6.QtCore import QRect
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QScreen
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QTreeView
from ui_town import build_town

from models import Deed
from models import Meeting
from models import Member
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.main_window import TrackTab
from ui.record_form import RecordFormDialog
from ui.record_page import RecordListPage
from ui.widgets.file_dialogs import ask_open_path
from ui.widgets.table_actions import TableActions

MENU = ["复制单元格", "复制整行", "编辑…", "删除…", "导出当前列表到 Excel…", "打印当前列表…"]


@pytest.fixture
def window(db, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    town = build_town()
    win = MainWindow(AppContext(tmp_path / "test.sqlite3"))
    qtbot.addWidget(win)
    win.show()
    win.town = town
    return win


def _members(window) -> RecordListPage:
    page = window.page_of(Member)
    assert isinstance(page, RecordListPage)
    return page


def _names(page: RecordListPage) -> list[str]:
    column = [f.name for f in page.table_model.fields].index("name")
    return [page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())]


def _search(page: RecordListPage, text: str) -> None:
    page.search.setText(text)
    page._search_timer.stop()
    page.reload()


def test_search_finds_by_pinyin_initials_and_full_pinyin_and_says_when_nothing_is_found(window):
    page = _members(window)
    _search(page, "zm")  # 张明
    assert _names(page) == ["张明"]
    _search(page, "liuyang")
    assert _names(page) == ["刘洋"]
    _search(page, "qqqq")
    assert _names(page) == []
    assert page.count_label.text() == "没有找到"
    _search(page, "")
    assert page.count_label.text() == "共 6 条"


def test_the_right_click_menu_copies_and_exports_what_the_list_shows(window, tmp_path):
    page = _members(window)
    actions = page.view.table_actions
    assert isinstance(actions, TableActions)
    rect = page.view.visualRect(page.proxy.index(0, 0))
    menu = actions.menu_at(rect.center())
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == MENU
    assert all(a.isEnabled() for a in menu.actions())  # a row is there: edit and delete too
    assert page.view.currentIndex().row() == 0  # the row right-clicked is chosen
    first = page.proxy.index(0, 0).data()
    assert actions.copy_cell(page.proxy.index(0, 0)) == first
    assert QGuiApplication.clipboard().text() == first
    row = actions.copy_row(0)
    assert row.split("\t")[0] == first and row.count("\t") == page.proxy.columnCount() - 1

    # 筛选 on the 党组织 column, then export: only the rows shown, heading frozen
    org_column = [f.name for f in page.table_model.fields].index("org")
    page.set_column_filter(org_column, {"西坪村党支部"})
    assert sorted(_names(page)) == ["刘洋", "赵强", "陈静"]
    assert page.count_label.text() == "筛选出 3 / 6 条"
    assert [t for t in page.filter_tags() if "：西坪村党支部 ×" in t]
    out = tmp_path / "党员.xlsx"
    assert actions.export(out) == 3
    sheet = openpyxl.load_workbook(out).active
    assert sheet.freeze_panes == "A2"
    headers = [c.value for c in sheet[1]]
    assert "姓名" in headers
    exported = sorted(
        sheet.cell(row=r, column=headers.index("姓名") + 1).value for r in range(2, sheet.max_row + 1)
    )
    assert exported == ["刘洋", "赵强", "陈静"]

    # 清除 clears every filter
    page.clear_button.click()
    assert page.filter_tags() == [] and len(_names(page)) == 6


def test_an_empty_spot_greys_what_needs_a_row(window):
    page = _members(window)
    menu = page.view.table_actions.menu_at(QPoint(5, page.view.viewport().height() - 3))
    enabled = {a.text(): a.isEnabled() for a in menu.actions() if not a.isSeparator()}
    assert enabled == dict(zip(MENU, [False, False, False, False, True, True], strict=True))


def test_print_current_list_makes_pages_with_the_rows(window, tmp_path):
    page = window.page_of(Meeting)
    out = tmp_path / "list.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    page.view.table_actions.print_to(printer)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/FontFile2" in data  # fonts embedded


def test_a_jump_shows_its_village_as_a_tag_that_x_removes(window):
    east = window.town["east"]
    window.show_records(Meeting, org_id=east.id)
    page = window.page_of(Meeting)
    assert page.filter_tags() == ["只看：东沟村 ×"]
    assert len(page.table_model._rows) == 3
    page._tag_buttons()[0].click()
    assert page.filter_tags() == [] and page.table_model.total() == 4


def test_every_list_of_every_page_has_the_menu(window):
    missing = []
    for name, tab in window.tab_widgets.items():
        window.show_tab(name)
        pages = [tab.current_page()] if isinstance(tab, TrackTab) else [getattr(tab, "page", None)]
        if isinstance(tab, TrackTab):
            pages = [tab.show_entry(row) for row in range(len(tab.entries))]
        for page in pages:
            for view in page.findChildren(QTableView) if page is not None else []:
                if not isinstance(getattr(view, "table_actions", None), TableActions):
                    missing.append(f"{name}/{type(page).__name__}")
    assert missing == []


def test_ctrl_f_from_the_side_list_goes_to_the_search_box(window, qtbot):
    window.page_of(Member)
    tab = window.tab_widgets["基础信息"]
    assert isinstance(tab, TrackTab)
    tab.side.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(tab.side, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tab.current_page().search


def test_a_changed_form_asks_before_esc_throws_it_away(window, qtbot):
    dialog = RecordFormDialog(Deed, None, None, window)
    dialog.show()
    dialog.reject()  # nothing typed: closes without asking
    assert not dialog.isVisible()
    dialog = RecordFormDialog(Deed, None, None, window)
    dialog.show()
    title = dialog.editors["title"]
    assert isinstance(title, QLineEdit)
    title.setText("修路")
    seen = answer_dialogs(press("取消"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert dialog.isVisible() and title.text() == "修路"
    assert "保存" in seen[0].text
    seen = answer_dialogs(press("保存"))  # saving an incomplete deed: refused, the form stays
    dialog.reject()
    assert dialog.isVisible() and dialog.errors.isVisible()
    seen = answer_dialogs(press("不保存"))
    dialog.reject()
    assert not dialog.isVisible()
    assert Deed.select().count() == 0


def test_file_dialogs_open_in_the_folder_last_used(window, tmp_path, monkeypatch):
    stick = tmp_path / "U盘"
    stick.mkdir()
    asked: list[str] = []

    def choose(_parent, _caption, folder, _filter):
        asked.append(folder)
        return str(stick / "包.xlsx"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    assert ask_open_path(window, "选择", "*.xlsx") == Path(stick / "包.xlsx")
    ask_open_path(window, "选择", "*.xlsx")
    assert asked[1] == str(stick)


def test_quitting_with_a_filled_task_form_asks_first(window, qtbot):
    tab = window.show_tab("抓落实")
    row = [t for t, _e in tab.entries].index("下发重点任务")
    form = tab.show_entry(row)
    assert window.quit_asking()  # nothing typed: no question
    assert not window.isVisible()
    window.show()
    form.title.setText("人居环境整治提升")
    seen = answer_dialogs(press("取消"))
    assert not window.quit_asking()  # Ctrl+Q
    assert window.isVisible() and form.title.text() == "人居环境整治提升"
    assert seen and "下发重点任务" in seen[0].text
    answer_dialogs(press("不保存"))
    assert window.quit_asking()
    assert not window.isVisible()


def _export_from_the_menu(window, monkeypatch, out: Path) -> list:
    """导出当前列表到 Excel… from the right-click menu, as the clerk does; the boxes shown."""
    page = _members(window)
    monkeypatch.setattr("ui.widgets.table_actions.ask_save_path", lambda *_args: out)
    menu = page.view.table_actions.menu_at(page.view.visualRect(page.proxy.index(0, 0)).center())
    seen = answer_dialogs(close_box)
    next(a for a in menu.actions() if a.text() == "导出当前列表到 Excel…").trigger()
    window.qtbot.waitUntil(lambda: bool(seen), timeout=30000)
    return seen


def test_export_from_the_menu_writes_in_the_background_and_says_how_many(
    window, qtbot, tmp_path, monkeypatch
):
    window.qtbot = qtbot
    out = tmp_path / "党员名单.xlsx"
    seen = _export_from_the_menu(window, monkeypatch, out)
    assert "已导出 6 条到" in seen[0].text and str(out) in seen[0].text
    sheet = openpyxl.load_workbook(out).active
    assert sheet.max_row == 7 and sheet.freeze_panes == "A2"


def test_export_to_a_full_stick_says_so_and_leaves_no_file(window, qtbot, tmp_path, monkeypatch, usb_stick):
    window.qtbot = qtbot
    with usb_stick(tmp_path / "stick", size="4k") as stick:
        (stick / "filler").write_bytes(b"x" * 3000)
        out = stick / "党员名单.xlsx"
        seen = _export_from_the_menu(window, monkeypatch, out)
        assert seen[0].kind is QMessageBox and seen[0].title == "导出当前列表"
        assert "已满" in seen[0].text and str(stick) in seen[0].text
        assert not out.exists() and sorted(p.name for p in stick.iterdir()) == ["filler"]


def test_the_file_dialog_qt_draws_shows_long_names_whole(window, tmp_path, qtbot, monkeypatch):
    # Linux: Qt draws the dialog itself; its default cut package names to "镇党委_2022年第三季…"
    office_screen = QRect(0, 0, 1366, 768 - 40)  # less the taskbar (the test screen is 800×600)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: office_screen)
    stick = tmp_path / "U盘"
    stick.mkdir()
    long_name = "镇党委_2022年第三季度督查评分_预填模板_共12个村.xlsx"
    (stick / long_name).write_bytes(b"")
    (stick / "石家坬村交换包_2022-11-29_第3号.xlsx").write_bytes(b"")
    seen: dict[str, int] = {}

    def look(dialog) -> None:
        files = dialog.findChild(QTreeView, "treeView")
        header = files.header()
        needed = files.fontMetrics().horizontalAdvance(long_name)
        # the folder is read in the background, and the dialog fitted once shown
        qtbot.waitUntil(lambda: files.model().rowCount(files.rootIndex()) == 2, timeout=5000)
        qtbot.waitUntil(lambda: header.sectionSize(0) > needed, timeout=3000)
        seen.update(
            name=header.sectionSize(0),
            needed=needed,
            type=header.sectionSize(2),
            type_needed=files.sizeHintForColumn(2),
            width=dialog.width(),
            screen=dialog.screen().availableGeometry().width(),
        )
        assert dialog.viewMode() == QFileDialog.ViewMode.Detail
        dialog.reject()

    answer_dialogs(look)
    assert ask_open_path(window, "选择交换包", "Excel 工作簿 (*.xlsx)", folder=stick) is None
    assert seen["name"] > seen["needed"]  # the whole name
    assert seen["type"] >= seen["type_needed"]  # and the other columns unclipped
    assert seen["width"] == 980 and seen["screen"] == 1366


def test_a_column_filter_shows_the_rows_kept_from_the_top(window, qtbot):
    # 筛选 on a long list scrolled down: the kept rows were shown from row 14, the first ones hidden
    east = Member.select().first().org
    for n in range(80):
        Member.create(org=east, name=f"党员{n:02d}", join_date=dt.date(1990, 1, 1))
    page = _members(window)
    page.reload()
    bar = page.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    org_column = [f.name for f in page.table_model.fields].index("org")
    page.set_column_filter(org_column, {east.name})
    assert bar.value() == 0
