"""Python's cycle collector runs on the GUI thread only.

Python collects reference cycles whenever enough objects have been allocated, on whichever
thread happens to allocate them. A dialog run with ``exec()`` belongs to Python, and its
widgets hold it in cycles (a button connected to its bound ``accept``), so it is freed by the
collector: if a worker thread of :mod:`ui.background` is allocating at that moment, Qt widgets
are deleted on the worker thread, and the program segfaults inside whatever the worker was
doing (a peewee insert, say). Deleting widgets off the GUI thread is never allowed in Qt.

:func:`install` switches the automatic collector off and collects from a timer of the GUI
thread instead, with Python's own thresholds, so every cycle is freed where its widgets live.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from shiboken6 import Shiboken

INTERVAL_MS = 250


class _Collector(QObject):
    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Collect the oldest generation that is over its threshold, as Python itself would."""
        counts = gc.get_count()
        generation = -1
        for number, (count, threshold) in enumerate(zip(counts, self.thresholds, strict=False)):
            if threshold and count > threshold:
                generation = number
        if generation >= 0:
            gc.collect(generation)


_installed: _Collector | None = None


def install() -> bool:
    """From now on cycles are collected on the GUI thread only (needs the application; idempotent).

    Returns whether the collector runs (False before a QApplication exists).
    """
    global _installed
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _installed is not None and Shiboken.isValid(_installed) and _installed.parent() is app:
        return True
    gc.disable()
    _installed = _Collector(app)
    return True


def installed() -> bool:
    return _installed is not None and Shiboken.isValid(_installed) and not gc.isenabled()
