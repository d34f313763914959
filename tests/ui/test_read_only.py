"""A database that cannot be written: found at start, opened read-only; refused writes keep the form.

Tests run as root, who may write any file whatever its permissions: the file (or folder)
is made immutable with ``chattr +i`` instead, which stops root too, so SQLite meets the
same refusal as on a clerk's read-only file.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from modal import answer_dialogs
from modal import press
from PySide6.QtWidgets import QApplication
from ui_town import D
from ui_town import build_town

from app.records import save_record
from app.storage.errors import describe_write_error
from models import Member
from models import close_database
from models import open_database
from ui import main as gui
from ui.main_window import MainWindow
from ui.record_form import RecordFormDialog


def _chattr(flag: str, path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@pytest.fixture
def town_file(tmp_path):
    path = tmp_path / "镇" / "town.sqlite3"
    open_database(path)
    build_town()
    close_database()
    return path


@pytest.fixture
def protect():
    protected: list[Path] = []

    def make_read_only(path: Path) -> None:
        if not _chattr("+i", path):
            pytest.skip("chattr +i is not available on this file system")
        protected.append(path)

    yield make_read_only
    for path in protected:
        _chattr("-i", path)


def _run_gui(monkeypatch, path: Path) -> list[MainWindow]:
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)  # the window is checked, then "closed"
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    opened: list[MainWindow] = []
    original = MainWindow.show

    def show_and_check(window: MainWindow) -> None:
        original(window)
        opened.append(window)
        check_window(window)

    monkeypatch.setattr(MainWindow, "show", show_and_check)
    status = gui.run_gui(path)
    for window in opened:
        window.close()
        window.deleteLater()
    opened_status.append(status)
    return opened


opened_status: list[int] = []
checks: list[str] = []


def check_window(window: MainWindow) -> None:
    """What the clerk finds in the read-only window: 只读 in the title, every write switched off."""
    assert "只读" in window.windowTitle()
    page = window.page_of(Member)
    page.view.selectRow(0)
    assert not page.add_button.isEnabled() and not page.edit_button.isEnabled()
    assert not page.delete_button.isEnabled()
    ledger = window.show_tab("抓落实").page_for(
        next(e for _t, e in window.tab_widgets["抓落实"].entries if getattr(e, "title", "") == "问题台账管理")
    )
    for name in ("新增问题…", "开始整改", "销号", "回头看…"):
        assert not ledger.buttons[name].isEnabled(), name
    assert ledger.buttons["打印台账…"].isEnabled()  # reading and printing still work
    form = RecordFormDialog(Member, Member.get(Member.name == "张明"), None, window)
    assert form.editors["name"].text() == "张明"  # a record can still be looked at
    assert not form.buttons.button(form.buttons.StandardButton.Ok).isEnabled()
    form.deleteLater()
    # Whatever slipped past the buttons, the database itself refuses, and says why.
    with pytest.raises(Exception) as refused:
        save_record(
            Member,
            {"org": Member.get(Member.name == "张明").org_id, "name": "孙立", "join_date": D(2001, 7, 1)},
        )
    assert "只读" in describe_write_error(refused.value)
    checks.append(window.windowTitle())


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_opens_read_only_when_the_clerk_agrees(
    qapp, town_file, protect, monkeypatch, what
):
    protect(town_file if what == "file" else town_file.parent)
    checks.clear()
    opened_status.clear()
    seen = answer_dialogs(press("以只读方式打开"))
    try:
        windows = _run_gui(monkeypatch, town_file)
    finally:
        close_database()
    assert seen and seen[0].title == "数据库是只读的"
    assert ("文件夹" if what == "folder" else "数据库文件") in seen[0].text and "只读" in seen[0].text
    assert len(windows) == 1 and checks == ["五抓五提升 工作台（只读）"] and opened_status == [0]


def test_the_clerk_may_quit_instead(qapp, town_file, protect, monkeypatch):
    protect(town_file)
    opened_status.clear()
    seen = answer_dialogs(press("退出"))
    windows = _run_gui(monkeypatch, town_file)
    assert seen and seen[0].title == "数据库是只读的"
    assert windows == [] and opened_status == [1]


def test_a_save_the_disk_refuses_keeps_the_form_open_with_what_was_typed(qapp, qtbot, town_file, protect):
    # Opened normally, then refused at the first write: the file turned read-only
    # (a stick's write-protect switch, another program's attribute) after the start.
    protect(town_file)
    open_database(town_file)
    try:
        east = Member.get(Member.name == "张明").org
        dialog = RecordFormDialog(Member, None, [east.id])
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.editors["name"].setText("孙立")
        dialog.editors["address"].setText("东沟村三组")
        dialog.editors["join_date"].set_date(D(2001, 7, 1))
        before = Member.select().count()
        dialog.accept()
        assert dialog.isVisible() and dialog.result() != RecordFormDialog.DialogCode.Accepted
        assert "未能保存" in dialog.errors.text() and "只读" in dialog.errors.text(), dialog.errors.text()
        assert dialog.editors["name"].text() == "孙立" and dialog.editors["address"].text() == "东沟村三组"
        assert dialog.editors["org"].currentData() == east.id
        assert Member.select().count() == before
    finally:
        close_database()
