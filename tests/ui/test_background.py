"""Long work off the GUI thread: results and errors come back by signal, cancelling works."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QVBoxLayout, QWidget
from shiboken6 import Shiboken

from models import Organisation
from ui.background import database_writes, run_in_background, wait_for_background_work


def test_result_arrives_on_the_gui_thread(db, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = {}

    def work(progress):
        seen["worker"] = threading.get_ident()
        progress.report(1, 2, "正在处理第一步…")
        with database_writes():
            Organisation.create(code="ZD", name="中共××镇委员会", kind="镇党委")
        progress.report(2, 2)
        return Organisation.select().count()

    def done(result):
        seen["result"] = result
        seen["gui"] = threading.get_ident()

    run_in_background(parent, "正在测试…", work, done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 1
    assert seen["gui"] == threading.main_thread().ident != seen["worker"]
    assert Organisation.get(Organisation.code == "ZD").name == "中共××镇委员会"  # visible to the GUI thread


def test_error_goes_to_on_error(db, qtbot):
    errors = []

    def work(_progress):
        raise ValueError("第3行“日期”无效")

    run_in_background(None, "正在导入…", work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError) and "第3行" in str(errors[0])


def test_error_without_handler_is_shown_in_chinese(db, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))

    def work(_progress):
        raise OSError("磁盘已满")

    run_in_background(None, "正在导出…", work)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown[0][0] == "操作未完成" and "正在导出时出错" in shown[0][1] and "磁盘已满" in shown[0][1]


def test_cancelled_work_delivers_none(db, qtbot):
    started = threading.Event()
    release = threading.Event()
    results = []

    def work(progress):
        started.set()
        release.wait(5)
        return "不该收到" if not progress.cancelled else "取消后的结果"

    task = run_in_background(None, "正在打印…", work, results.append)
    assert started.wait(5)
    task.dialog.canceled.emit()  # what the 取消 button sends
    release.set()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [None]


class _Asker(QDialog):
    """Like the import preview after exec(): Python's to delete, its last reference in our callbacks."""

    def __init__(self, answers: list):
        super().__init__()
        self.answers = answers
        QVBoxLayout(self).addWidget(QLabel("正在检查文件…"))

    def take(self, result) -> None:
        self.answers.append(result)


def test_the_callback_may_hold_the_last_reference_to_the_parent(db, qtbot):
    # The parent used to be deleted from inside the deletion of its child task (when that
    # released the callbacks): deleted twice, and the heap corrupted.
    answers, gone = [], []
    for n in range(30):
        dialog = _Asker(answers)
        dialog.destroyed.connect(lambda *_args: gone.append(True))
        run_in_background(dialog, "正在检查…", lambda _progress, n=n: n, dialog.take)
        del dialog
        qtbot.waitUntil(lambda n=n: len(gone) == n + 1, timeout=5000)
    assert answers == list(range(30))


def test_nobody_is_told_when_the_parent_has_gone(db, qtbot):
    release = threading.Event()
    told = []

    def work(progress):
        release.wait(5)
        progress.report(1, 2, "正在处理第二步…")  # to a progress dialog that has gone too
        return 1

    parent = QWidget()
    run_in_background(parent, "正在测试…", work, told.append, told.append)
    Shiboken.delete(parent)  # the window closed while the work ran
    release.set()
    assert wait_for_background_work(5000)
    assert told == []
