"""Long work (import, export, printing a batch, creating the demo town) off the GUI thread.

Use :func:`run_in_background`::

    def work(progress):                     # runs on a worker thread: no widgets here!
        for i, village in enumerate(villages):
            if progress.cancelled:
                return None                 # stop early; on_done receives None
            progress.report(i, len(villages), f"正在处理 {village}…")
            with database_writes():         # one writer at a time
                write_something(village)
        return result

    run_in_background(parent_widget, "正在导出…", work, on_done=show_result)

While the work runs a Chinese progress dialog (with a 取消 button when ``cancellable``)
is shown. ``on_done(result)`` or ``on_error(exception)`` is then called **on the GUI
thread**, from the event loop itself (never from inside a signal of this module), so it
may touch widgets and may run a modal dialog with ``exec()``. Without ``on_error`` an
error is shown in a message box in Chinese (never a traceback). When ``parent`` has been
deleted meanwhile nobody is told.

The worker thread gets its own SQLite connection (peewee opens one per thread) and closes
it before it reports the end. Writes from several threads are serialised by one lock,
:func:`database_writes`; wrap every write transaction made in a worker in it.

Who owns what (each rule closes a way this module once crashed the program):

- The worker reports through one relay object that lives as long as the program, naming
  the task by number: a queued report can never reach, or come from, a deleted object.
- A task is a plain Python object kept in ``_running`` until its callbacks have returned;
  it is nobody's Qt child, so deleting a widget never deletes a task behind its back.
- The worker drops its references to the work, its result and its error before it
  reports the end. The last reference to anything the work's closure holds (often a
  dialog: PySide6's ``QDialog.exec()`` makes a dialog Python's to delete) is then always
  dropped on the GUI thread, after the callbacks, never on the worker thread.
- The progress dialog is deleted at once (not ``deleteLater``) from the zero-timer that
  runs the callbacks, when no code of it is running; its bar is updated without
  ``QProgressDialog.setValue``, which would spin the event loop inside the dialog.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
from collections.abc import Callable
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QDeadlineTimer
from PySide6.QtCore import QObject
from PySide6.QtCore import QRunnable
from PySide6.QtCore import Qt
from PySide6.QtCore import QThreadPool
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QProgressBar
from PySide6.QtWidgets import QProgressDialog
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken

from models import database
from ui import gui_collector
from ui.widgets.error_dialog import show_failed_work

log = logging.getLogger("wuzhua.background")

_WRITE_LOCK = threading.RLock()


@contextlib.contextmanager
def database_writes() -> Iterator[None]:
    """Hold the one database write lock and run the block in a transaction."""
    with _WRITE_LOCK, database.atomic():
        yield


class _Relay(QObject):
    """Carries the workers' reports to the GUI thread, naming the task by its number."""

    progress = Signal(int, int, int, str)
    ended = Signal(int)

    def __init__(self) -> None:
        super().__init__()  # no parent: owned by this module for the life of the program
        self.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self.ended.connect(self._ended, Qt.ConnectionType.QueuedConnection)

    def _progress(self, number: int, done: int, total: int, text: str) -> None:
        task = _running.get(number)
        if task is not None:
            task._show_progress(done, total, text)

    def _ended(self, number: int) -> None:
        task = _running.get(number)
        if task is not None:
            # Not from here: a callback that runs exec() would nest a whole event loop
            # inside this signal's delivery.
            QTimer.singleShot(0, task._finish)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class _Outcome:
    """What the work came to; written by the worker, read and emptied on the GUI thread."""

    def __init__(self) -> None:
        self.result: Any = None
        self.error: BaseException | None = None


class Progress:
    """Handed to the work function: report how far it got, and ask whether to stop."""

    def __init__(self, number: int, relay: _Relay):
        self._number = number
        self._relay = relay
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        """``done`` out of ``total`` steps (total 0: unknown), with an optional message."""
        with contextlib.suppress(RuntimeError):  # the relay is gone only when the program exits
            self._relay.progress.emit(self._number, int(done), int(total), text)


class _Job(QRunnable):
    def __init__(self, number: int, work: Callable[[Progress], Any], progress: Progress, outcome: _Outcome):
        super().__init__()
        self.setAutoDelete(True)
        self._number = number
        self._relay = progress._relay
        self._work: Callable[[Progress], Any] | None = work
        self._progress: Progress | None = progress
        self._outcome: _Outcome | None = outcome

    def run(self) -> None:
        work, progress, outcome = self._work, self._progress, self._outcome
        self._work = self._progress = self._outcome = None  # the task keeps its own
        assert work is not None and progress is not None and outcome is not None
        try:
            outcome.result = work(progress)
        except BaseException as error:  # handed to the GUI thread, shown there
            # Logged here, where the traceback is whole: the GUI thread only gets the error.
            log.exception("后台任务出错：%s", error)
            outcome.error = error
        finally:
            # The connection peewee opened for this thread must not outlive it, nor be
            # still open when the GUI thread hears the work is over (and closes the file).
            if not database.is_closed():
                with contextlib.suppress(Exception):
                    database.close()
        del work, progress, outcome
        with contextlib.suppress(RuntimeError):  # the relay is gone only when the program exits
            self._relay.ended.emit(self._number)


class BackgroundTask:
    """A running piece of work; keep a reference if you want to cancel it yourself."""

    def __init__(
        self,
        number: int,
        parent: QWidget | None,
        title: str,
        cancellable: bool,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], object] | None,
        on_error: Callable[[BaseException], None] | None,
    ):
        self.number = number
        self.title = title
        self.progress = Progress(number, _the_relay())
        self.outcome = _Outcome()
        self.running = True
        self._parent = parent
        self._work: Callable[[Progress], Any] | None = work
        self._on_done = on_done
        self._on_error = on_error
        self.dialog = QProgressDialog(title, "取消" if cancellable else "", 0, 0, parent)
        self._bar = QProgressBar()
        self.dialog.setBar(self._bar)
        self.dialog.setWindowTitle("请稍候")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # quick work shows no dialog at all
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.dialog.canceled.connect(self._on_cancel)

    def cancel(self) -> None:
        self.progress.cancel()

    def _on_cancel(self) -> None:
        self.progress.cancel()
        if Shiboken.isValid(self.dialog):
            self.dialog.setLabelText("正在取消…")

    def _show_progress(self, done: int, total: int, text: str) -> None:
        if not Shiboken.isValid(self._bar):
            return  # the parent, and the dialog with it, went away while the work ran
        if total > 0:
            self._bar.setRange(0, total)
            self._bar.setValue(min(done, total))
        if text and not self.progress.cancelled:
            self.dialog.setLabelText(text)

    def _delete_dialog(self) -> None:
        if Shiboken.isValid(self.dialog):
            self.dialog.canceled.disconnect(self._on_cancel)
            self.dialog.hide()
            Shiboken.delete(self.dialog)

    def _finish(self) -> None:
        """Runs from a zero-timer of the event loop, once the worker has let go of everything."""
        self.running = False
        self._delete_dialog()
        result, error = self.outcome.result, self.outcome.error
        self.outcome.result = self.outcome.error = None
        try:
            if self._parent is not None and not Shiboken.isValid(self._parent):
                return  # the window that asked has closed: nobody left to tell
            if error is None:
                if self._on_done is not None:
                    self._on_done(None if self.progress.cancelled else result)
            elif self._on_error is not None:
                self._on_error(error)
            else:
                show_failed_work(self._parent, self.title.rstrip("…").removeprefix("正在"), error)
        finally:
            # Whatever the callbacks and the work held (a dialog, a page) goes now, on this
            # thread, with no signal of ours being delivered.
            self._work = self._on_done = self._on_error = self._parent = None
            _running.pop(self.number, None)


_running: dict[int, BackgroundTask] = {}
_numbers = itertools.count(1)


def run_in_background(
    parent: QWidget | None,
    title: str,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], object] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    cancellable: bool = True,
) -> BackgroundTask:
    """Run ``work(progress)`` on a worker thread behind a progress dialog titled ``title``.

    ``on_done(result)`` / ``on_error(exception)`` run on the GUI thread, from the event loop.
    A cancelled run delivers ``None`` to ``on_done``.
    """
    gui_collector.install()  # a dialog's cycles must never be freed on the worker thread
    number = next(_numbers)
    task = BackgroundTask(number, parent, title, cancellable, work, on_done, on_error)
    _running[number] = task
    QThreadPool.globalInstance().start(_Job(number, work, task.progress, task.outcome))
    return task


def wait_for_background_work(timeout_ms: int = 30_000) -> bool:
    """Wait until every task has ended and its callbacks have run; False if time ran out.

    For the self-test's picture and between tests. The callbacks run from in here, so do not
    call this from inside one of them.
    """
    deadline = QDeadlineTimer(timeout_ms)
    while _running and not deadline.hasExpired():
        QThreadPool.globalInstance().waitForDone(20)
        QCoreApplication.processEvents()  # the relay's report, then the zero-timer's callbacks
    return not _running


def end_background_work(timeout_ms: int = 60_000) -> bool:
    """When the window has closed: ask every task to stop, and wait for the workers.

    Called before the backup on close and before Python tears the program down, so that no
    worker still writes while the file is copied, nor reports to objects already deleted.
    Their callbacks are not run (the window is gone). False if a worker is still busy.
    """
    for task in list(_running.values()):
        task.cancel()
    finished = QThreadPool.globalInstance().waitForDone(timeout_ms)
    if not finished:
        log.warning("后台任务在 %d 秒内没有结束", timeout_ms // 1000)
    return finished
