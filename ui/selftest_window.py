"""Drawing the main window offscreen, for the self-test and the start-up benchmark."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from models import close_database, open_database


def application() -> QApplication:
    """The program's QApplication (Chinese texts, CJK font), as the window start-up makes it."""
    try:
        from ui.main import make_application  # noqa: PLC0415
    except ImportError:
        app = QApplication.instance()
        return app if isinstance(app, QApplication) else QApplication([])
    return make_application([])


def view_modules() -> list:
    """The auto-discovered views of ``ui.views`` (the same rule as the main window uses)."""
    import ui.views as pkg  # noqa: PLC0415

    found = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"ui.views.{info.name}")
            if hasattr(module, "create"):
                found.append(module)
    return found


def build_main_window(db_path: Path) -> QWidget:
    """The program's main window on ``db_path`` (the database must be open)."""
    try:
        from ui.main_window import MainWindow  # noqa: PLC0415
    except ImportError:
        MainWindow = None  # noqa: N806 (the window is being written; draw the views alone)
    if MainWindow is not None:
        params = inspect.signature(MainWindow).parameters
        if "context" in params:
            from ui.context import AppContext  # noqa: PLC0415

            return MainWindow(AppContext(db_path))
        return MainWindow(db_path)
    from ui.context import AppContext  # noqa: PLC0415

    context = AppContext(db_path)
    tabs = QTabWidget()
    tabs.setWindowTitle("五抓五提升 工作台")
    for module in view_modules():
        tabs.addTab(module.create(context), f"{module.TAB} · {module.TITLE}")
    return tabs


def count_tabs(window: QWidget) -> int:
    tabs = window if isinstance(window, QTabWidget) else window.findChild(QTabWidget)
    return tabs.count() if tabs is not None else 0


def render_main_window(db_path: Path, png: Path) -> tuple[int, int, int]:
    """Open ``db_path``, show the main window offscreen, save a picture of it to ``png``.

    Returns (width, height, number of tabs); raises when the picture is empty.
    """
    app = application()
    open_database(db_path)
    try:
        window = build_main_window(db_path)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        # views fill themselves in the background: let them finish before the picture
        QThreadPool.globalInstance().waitForDone(30_000)
        app.processEvents()
        image = window.grab()
        if image.isNull() or not image.save(str(png)):
            raise RuntimeError("主窗口无法绘制")
        size = (image.width(), image.height(), count_tabs(window))
        window.close()
        window.deleteLater()
        app.processEvents()
        return size
    finally:
        close_database()
