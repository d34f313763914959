"""Starting the program: Qt in Chinese, refused databases explained, the operator asked once."""

from __future__ import annotations

import importlib.util
import sqlite3

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QMessageBox

from models import close_database
from models import open_database
from models import settings
from ui import main as gui
from ui.main_window import MainWindow


def test_qt_texts_are_chinese(qapp):
    assert gui.install_chinese(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_a_cjk_font_is_chosen(qapp):
    original = qapp.font()
    try:
        name = gui.choose_font(qapp)
        assert name in gui.UI_FONTS
        assert qapp.font().family() == name
    finally:
        qapp.setFont(original)


def _explained(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text)))
    return shown


def test_too_new_database_is_refused_with_a_message(qapp, tmp_path, monkeypatch):
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE x (a)")
        con.execute("PRAGMA user_version = 99")
    shown = _explained(monkeypatch)
    assert gui.open_or_explain(path) is False
    assert shown and shown[0][0] == "无法打开数据库"
    assert "新版" in shown[0][1] or "更新版本" in shown[0][1]


def test_another_programs_sqlite_file_is_refused_untouched(qapp, tmp_path, monkeypatch):
    path = tmp_path / "contacts.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE contacts (name TEXT)")
    con.close()
    shown = _explained(monkeypatch)
    assert gui.open_or_explain(path) is False
    close_database()
    assert shown and shown[0][0] == "无法打开数据库"
    assert "不是“五抓五提升工作台”的数据库" in shown[0][1]
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT name FROM sqlite_master").fetchall() == [("contacts",)]
    con.close()


def test_garbage_file_is_refused_with_a_message(qapp, tmp_path, monkeypatch):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    shown = _explained(monkeypatch)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    assert gui.open_or_explain(path) is False
    assert shown and "损坏" in shown[0][1] + "".join(t for _t, t in shown)


def test_operator_asked_once_and_remembered(db, qapp, monkeypatch):
    monkeypatch.delenv("WUZHUA_OPERATOR", raising=False)
    asked = []

    def get_text(parent, title, label, *args):
        asked.append(title)
        return " 王会计 ", True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    assert gui.ask_operator() == "王会计"
    assert gui.ask_operator() == "王会计"
    assert asked == ["操作人员"]
    assert settings.get("operator") == "王会计"


def test_operator_from_environment_is_not_asked(db, qapp, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: pytest.fail("asked although set"))
    assert gui.ask_operator() == "测试员"
    assert settings.get("operator") == "测试员"


def _run_without_event_loop(monkeypatch) -> list[MainWindow]:
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    return []


def _close_windows() -> list[MainWindow]:
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    for w in windows:
        w.close()
        w.deleteLater()
    return windows


def test_run_gui_opens_the_window(qapp, tmp_path, monkeypatch):
    path = tmp_path / "town.sqlite3"
    open_database(path)
    close_database()
    _run_without_event_loop(monkeypatch)
    try:
        assert gui.run_gui(path) == 0
        windows = _close_windows()
        assert len(windows) == 1 and windows[0].windowTitle() == "五抓五提升 工作台"
    finally:
        close_database()


def test_second_copy_is_told_who_has_the_database(qapp, tmp_path, monkeypatch):
    from app.storage.lock import acquire

    path = tmp_path / "town.sqlite3"
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(title))
    _run_without_event_loop(monkeypatch)
    # An OS file lock is per open file, so this process's own second attempt is refused
    # just as another program's would be.
    with acquire(path):
        result = gui.run_gui(path)
    assert result == 1
    assert warned == ["程序已经打开"]
    assert _close_windows() == []


@pytest.mark.skipif(importlib.util.find_spec("app.demo") is None, reason="app/demo.py is not there yet")
def test_new_database_gets_the_demo_town(qapp, tmp_path, monkeypatch):
    from models import Organisation
    from ui.first_start import FIRST_START_ENV

    monkeypatch.setenv(FIRST_START_ENV, "demo")  # as bash .ci/start sets it; otherwise the clerk is asked
    path = tmp_path / "first.sqlite3"
    assert gui.open_or_explain(path) is True
    try:
        assert Organisation.branches().count() >= 10
    finally:
        close_database()
