"""基础信息 → 导入花名册 through the window: choose the file, map an unknown column, preview, import."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

sys.path.insert(0, str(Path(__file__).parents[1] / "app" / "roster"))
from roster_books import build_town
from roster_books import member_rows
from roster_books import write_roster

from app.roster import remembered
from models import Member
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.main_window import TrackTab
from ui.pages import page
from ui.pages import roster_import as roster_page


@pytest.fixture
def window(db_location, db, qtbot, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    orgs = build_town()
    win = MainWindow(AppContext(Path(db_location)))
    qtbot.addWidget(win)
    return win, orgs


def _open_page(win) -> roster_page.RosterImportPage:
    tab = next(t for t in win.findChildren(TrackTab) if t.name == "基础信息")
    win.tabs.setCurrentWidget(tab)
    view = tab.page_for(page("roster_import"))
    assert isinstance(view, roster_page.RosterImportPage)
    return view


def test_declares_its_place_beside_the_member_list():
    assert (page("roster_import").tab, page("roster_import").title) == ("基础信息", "导入花名册")


def test_choose_map_preview_and_import(window, qtbot, tmp_path, monkeypatch):
    win, orgs = window
    view = _open_page(win)
    rows = member_rows()
    rows[2][5] = rows[2][5][:17] + ("0" if rows[2][5][17] != "0" else "1")  # a wrong check digit
    book = write_roster(tmp_path / "花名册.xlsx", rows)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(book), ""))
    qtbot.mouseClick(view.choose_button, Qt.MouseButton.LeftButton)
    # 籍贯 is not a member field the program knows: asked once
    qtbot.waitUntil(
        lambda: view.mapping_dialog is not None and view.mapping_dialog.isVisible(), timeout=20000
    )
    combo = view.mapping_dialog.choices["籍贯"]
    combo.setCurrentIndex(combo.findText("住址"))
    view.mapping_dialog.accept()
    assert remembered()["籍贯"] == "address"
    qtbot.waitUntil(lambda: view.preview is not None and view.preview.isVisible(), timeout=20000)
    preview = view.preview
    assert preview.plan.totals()["拒绝"] == 1
    assert not preview.import_button.isEnabled()  # all or nothing
    assert (
        "花名册",
        5,
        "F",
        preview.problems.rows[0][3],
        "校验位不对，请核对是否有数字填错",
    ) == preview.problems.rows[0]
    errors = preview.save_errors(tmp_path / "错误.xlsx")
    assert errors.exists()
    preview.reject()
    # the clerk corrects the roster and chooses it again: no question this time
    write_roster(book, member_rows())
    view.preview = None
    qtbot.mouseClick(view.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.preview is not None and view.preview.isVisible(), timeout=20000)
    preview = view.preview
    assert [r[3] for r in preview.members.rows] == ["新增", "新增", "新增"]
    assert preview.import_button.isEnabled()
    with qtbot.waitSignal(preview.accepted, timeout=20000):
        qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert Member.select().count() == 3
    assert Member.get(Member.name == "马文斌").address == "临夏"  # the mapped column
    assert "新增 3 名" in view.status.text()
