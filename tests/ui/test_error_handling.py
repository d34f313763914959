"""An error nothing caught, in the window: logged with its traceback, told in a dialog, no crash."""

from __future__ import annotations

import pytest
from modal import answer_dialogs
from modal import close_box
from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal

from ui.error_handling import watch_errors
from ui.widgets.error_dialog import ErrorDialog


class _Button(QObject):
    clicked = Signal()


def test_an_error_in_a_handler_is_logged_and_shown(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WUZHUA_DATA_DIR", str(tmp_path))
    button = _Button()

    def count_members() -> None:
        raise LookupError("找不到党组织 ZD09")

    button.clicked.connect(count_members)
    seen = answer_dialogs(close_box)
    with qtbot.capture_exceptions() as caught:
        watch_errors()  # as the window's start does: after the test runner's own hook
        QTimer.singleShot(0, button.clicked.emit)  # from the event loop, as a click would come
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert [type(e[1]) for e in caught] == [LookupError]  # the error still reached the runner
    assert seen[0].kind is ErrorDialog and "找不到党组织 ZD09" in seen[0].text
    assert str(tmp_path / "logs" / "wuzhua.log") in seen[0].text
    logged = (tmp_path / "logs" / "wuzhua.log").read_text(encoding="utf-8")
    assert "未处理的错误：找不到党组织 ZD09" in logged and "in count_members" in logged


@pytest.mark.qt_log_ignore("测试：字体缺失")
def test_qt_warnings_go_to_the_log(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import qWarning

    monkeypatch.setenv("WUZHUA_DATA_DIR", str(tmp_path))
    watch_errors()
    qWarning("测试：字体缺失")
    logged = (tmp_path / "logs" / "wuzhua.log").read_text(encoding="utf-8")
    assert "WARNING" in logged and "wuzhua.qt" in logged and "测试：字体缺失" in logged
