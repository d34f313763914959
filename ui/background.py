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
thread**, through a queued signal, so it may touch widgets. Without ``on_error`` an error
is shown in a message box in Chinese (never a traceback).

The worker thread gets its own SQLite connection (peewee opens one per thread) and closes
it when the work ends. Writes from several threads are serialised by one lock,
:func:`database_writes`; wrap every write transaction made in a worker in it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from models import database
from ui.widgets.error_dialog import show_failed_work

log = logging.getLogger("wuzhua.background")

_WRITE_LOCK = threading.RLock()


@contextlib.contextmanager
def database_writes() -> Iterator[None]:
    """Hold the one database write lock and run the block in a transaction."""
    with _WRITE_LOCK, database.atomic():
        yield


def _emit(signal, *args: Any) -> None:
    # The window that asked for the work may have closed meanwhile (its signal object is
    # then deleted): there is nobody left to tell, which is not an error.
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)


class Progress:
    """Handed to the work function: report how far it got, and ask whether to stop."""

    def __init__(self, signals: _Signals):
        self._signals = signals
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        """``done`` out of ``total`` steps (total 0: unknown), with an optional message."""
        _emit(self._signals.progress, int(done), int(total), text)


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals, progress: Progress):
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._signals = signals
        self._progress = progress

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as error:  # handed to the GUI thread, shown there
            # Logged here, where the traceback is whole: the GUI thread only gets the error.
            log.exception("后台任务出错：%s", error)
            _emit(self._signals.failed, error)
        else:
            _emit(self._signals.finished, None if self._progress.cancelled else result)
        finally:
            # The connection peewee opened for this thread must not outlive it.
            if not database.is_closed():
                with contextlib.suppress(Exception):
                    database.close()


class BackgroundTask(QObject):
    """A running piece of work; keep a reference if you want to cancel it yourself."""

    done = Signal(object)
    error = Signal(object)

    def __init__(self, parent: QWidget | None, title: str, cancellable: bool):
        super().__init__(parent)
        self.signals = _Signals()
        self.progress = Progress(self.signals)
        self.dialog = QProgressDialog(title, "取消" if cancellable else "", 0, 0, parent)
        self.dialog.setWindowTitle("请稍候")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # quick work shows no dialog at all
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.dialog.canceled.connect(self._on_cancel)
        self.signals.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.running = True

    def cancel(self) -> None:
        self.progress.cancel()

    def _on_cancel(self) -> None:
        self.progress.cancel()
        self.dialog.setLabelText("正在取消…")

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.dialog.setRange(0, total)
            self.dialog.setValue(min(done, total))
        if text and not self.progress.cancelled:
            self.dialog.setLabelText(text)

    def _close(self) -> None:
        self.running = False
        self.dialog.canceled.disconnect(self._on_cancel)
        self.dialog.close()
        self.dialog.deleteLater()

    def _on_finished(self, result: Any) -> None:
        self._close()
        self.done.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self._close()
        self.error.emit(error)


_running: set[BackgroundTask] = set()


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

    ``on_done(result)`` / ``on_error(exception)`` run on the GUI thread. A cancelled run
    delivers ``None`` to ``on_done``.
    """
    task = BackgroundTask(parent, title, cancellable)
    _running.add(task)

    def finished(result: Any) -> None:
        _running.discard(task)
        if on_done is not None:
            on_done(result)
        task.deleteLater()

    def failed(error: BaseException) -> None:
        _running.discard(task)
        if on_error is not None:
            on_error(error)
        else:
            show_failed_work(parent, title.rstrip("…").removeprefix("正在"), error)
        task.deleteLater()

    task.done.connect(finished)
    task.error.connect(failed)
    QThreadPool.globalInstance().start(_Job(work, task.signals, task.progress))
    return task
