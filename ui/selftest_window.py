"""Drawing the main window offscreen, for the self-test and the start-up benchmark."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QTabWidget

from models import close_database
from models import open_database
from ui.background import wait_for_background_work
from ui.context import AppContext
from ui.main import make_application
from ui.main_window import MainWindow
from ui.main_window import view_modules

__all__ = ["render_main_window", "view_modules"]


def render_main_window(db_path: Path, png: Path) -> tuple[int, int, int]:
    """Open ``db_path``, show the main window offscreen, save a picture of it to ``png``.

    Returns (width, height, number of tabs); raises when the picture is empty.
    """
    app = make_application([])
    open_database(db_path)
    try:
        window = MainWindow(AppContext(db_path))
        window.resize(1280, 800)
        painted = []
        window.firstPainted.connect(lambda: painted.append(True))
        window.show()
        deadline = time.monotonic() + 30
        while not painted and time.monotonic() < deadline:
            app.processEvents()
        # views fill themselves in the background: let them finish before the picture
        wait_for_background_work(30_000)
        app.processEvents()
        image = window.grab()
        if image.isNull() or not image.save(str(png)):
            raise RuntimeError("主窗口无法绘制")
        tabs = window.findChild(QTabWidget)
        size = (image.width(), image.height(), tabs.count() if tabs is not None else 0)
        window.close()
        window.deleteLater()
        app.processEvents()
        return size
    finally:
        close_database()
