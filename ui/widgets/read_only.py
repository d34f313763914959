"""The window opened on a database that cannot be written: every control that writes stays off.

Pages mark their writing controls once with :func:`mark_writes` when they build them. In
a read-only window these are disabled, and stay so however the page later enables its
buttons (selection changes, finished loads). A write that slips through anyway still fails
safely: the database itself is open read-only, and the refused write is explained.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

_PROPERTY = "wuzhua_read_only"
READ_ONLY_TIP = "数据库是只读的，不能修改"


def window_is_read_only() -> bool:
    """Whether this window was opened read-only (see :func:`set_read_only`)."""
    app = QApplication.instance()
    return bool(app is not None and app.property(_PROPERTY))


def set_read_only(read_only: bool) -> None:
    """Declare the whole window read-only; call before the pages are built."""
    app = QApplication.instance()
    if app is not None:
        app.setProperty(_PROPERTY, read_only)


class _KeepDisabled(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget) and watched.isEnabled():
            watched.setEnabled(False)
        return False


_keeper: list[_KeepDisabled] = []


def mark_writes(*widgets: QWidget) -> None:
    """These controls change the database: off (with a tooltip saying why) in a read-only window."""
    if not window_is_read_only():
        return
    if not _keeper:
        _keeper.append(_KeepDisabled())
    for widget in widgets:
        widget.setEnabled(False)
        widget.setToolTip(READ_ONLY_TIP)
        widget.installEventFilter(_keeper[0])
