"""Long work off the GUI thread: results and errors come back by signal, cancelling works."""

from __future__ import annotations

import errno
import threading

from modal import answer_dialogs
from modal import close_box
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken

from app import __version__
from app.storage.logs import start_logging
from models import Organisation
from ui import gui_collector
from ui.background import database_writes
from ui.background import end_background_work
from ui.background import run_in_background
from ui.background import wait_for_background_work
from ui.widgets.error_dialog import ErrorDialog


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


def test_a_refused_write_without_handler_is_told_in_chinese(db, qtbot):
    seen = answer_dialogs(close_box)

    def work(_progress):
        raise OSError(errno.ENOSPC, "No space left on device")

    run_in_background(None, "正在导出…", work)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0].kind is QMessageBox and seen[0].title == "操作未完成"
    assert "导出未完成" in seen[0].text and "磁盘已满" in seen[0].text


def test_an_unexpected_error_is_logged_with_its_traceback_and_shown(db, qtbot):
    log_file = start_logging()
    copied = []

    def read_and_copy(dialog):
        copied.append(dialog.isVisible())
        dialog.copy_button.click()  # must not close the dialog
        copied.append(dialog.isVisible())
        dialog.done(0)

    seen = answer_dialogs(read_and_copy)

    def work(_progress):
        return {}["没有这一项"]

    run_in_background(None, "正在生成报表…", work)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    shown = seen[0]
    assert shown.kind is ErrorDialog and shown.title == "出现意外错误"
    assert "生成报表时出现意外错误" in shown.text and "没有丢失" in shown.text
    assert str(log_file) in shown.text and "复制详细信息" in shown.text
    assert copied == [True, True]
    clipboard = QGuiApplication.clipboard().text()
    assert "Traceback" in clipboard and "KeyError" in clipboard and __version__ in clipboard
    logged = log_file.read_text(encoding="utf-8")
    assert "后台任务出错" in logged and "Traceback (most recent call last)" in logged
    assert 'return {}["没有这一项"]' in logged  # the worker's own line: the whole traceback


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


def test_cycles_are_freed_on_the_gui_thread_only(qtbot):
    """A worker that allocates (as a peewee insert does) never frees a cycle: the GUI thread does.

    A dialog run with exec() is freed by the cycle collector; freed on a worker thread its
    widgets were deleted off the GUI thread and the program segfaulted (督查评分's 全部村建督查).
    """
    assert gui_collector.install() and gui_collector.installed()
    freed_on = []

    class Cycle:
        def __init__(self):
            self.me = self

        def __del__(self):
            freed_on.append(threading.current_thread())

    Cycle()
    held = []  # kept alive: Python counts what was allocated and not yet freed
    worker = threading.Thread(target=lambda: held.extend([] for _ in range(20_000)))
    worker.start()
    worker.join()
    assert freed_on == []
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)
    assert freed_on == [threading.main_thread()]


def test_closing_the_program_stops_the_work_and_waits_for_it(db, qtbot):
    """What the program does once its window has closed, before the backup on close."""
    parent = QWidget()
    qtbot.addWidget(parent)
    started, stopped, told = threading.Event(), threading.Event(), []

    def work(progress):
        started.set()
        while not progress.cancelled:
            progress.report(0, 0, "正在导入…")
            threading.Event().wait(0.01)
        stopped.set()
        return "stopped"

    run_in_background(parent, "正在导入…", work, on_done=told.append)
    assert started.wait(10)
    assert end_background_work(10_000)  # asked to stop, and waited for
    assert stopped.is_set() and told == []  # no callback into a closed window
    # (in a test the event loop goes on: the task's end arrives as a cancelled run's None)
    assert wait_for_background_work() and told == [None]
