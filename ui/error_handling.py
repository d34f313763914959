"""The window's side of logging: Qt's own messages go to the log; an uncaught error shows a dialog.

Without this an error in a button's handler would only print to a console the bundle does
not have, and the clerk would see nothing at all, or the program vanish.
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QMessageLogContext
from PySide6.QtCore import QtMsgType
from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from app.storage.logs import start_logging
from ui.widgets.error_dialog import show_unexpected_error

qt_log = logging.getLogger("wuzhua.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_installed: list[object] = []


def _chain_qt_messages(previous):
    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        where = f" ({context.file}:{context.line})" if context.file else ""
        qt_log.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)
        if previous is not None:
            previous(kind, context, message)

    handler.logs_to_file = True  # type: ignore[attr-defined]
    return handler


def route_qt_messages() -> None:
    """Send Qt's warnings (and worse) to the log, still passing them to the handler found."""
    handler = _chain_qt_messages(None)
    previous = qInstallMessageHandler(handler)
    if getattr(previous, "logs_to_file", False):
        qInstallMessageHandler(previous)  # ours already: keep the one that chains on
        return
    handler = _chain_qt_messages(previous)
    qInstallMessageHandler(handler)
    _installed[:] = [handler]  # PySide6 keeps no reference to a Python handler


def _chain_dialog_hook(previous):
    def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        previous(kind, error, tb)  # logs it first (app.storage.logs), then whatever was there
        app = QApplication.instance()
        if (
            app is None
            or issubclass(kind, KeyboardInterrupt)
            or threading.current_thread() is not threading.main_thread()
        ):
            return
        error.__traceback__ = tb
        # Not waited for: the handler that failed is still on the stack below us.
        show_unexpected_error(
            QApplication.activeWindow(), "刚才的操作", error, nothing_lost=False, wait=False
        )

    excepthook.shows_dialog = True  # type: ignore[attr-defined]
    return excepthook


def watch_errors() -> None:
    """At the window's start: the log, Qt's messages into it, and a dialog for uncaught errors."""
    start_logging()
    route_qt_messages()
    if not getattr(sys.excepthook, "shows_dialog", False):
        sys.excepthook = _chain_dialog_hook(sys.excepthook)
