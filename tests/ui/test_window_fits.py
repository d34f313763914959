"""The window fits a 1366×768 screen, also at 125 % (1093 logical pixels wide), whatever page
has been opened: no page asks for more width than that."""

from __future__ import annotations

from ui.context import AppContext
from ui.main_window import MainWindow
from ui.main_window import TrackTab

SCREEN_125 = 1366 * 100 // 125  # logical pixels across a 1366-pixel screen at 125 %


def test_no_page_widens_the_window_beyond_the_screen(db_location, demo_db, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    window = MainWindow(AppContext(db_location))
    qtbot.addWidget(window)
    window.show()
    too_wide = []
    for name, tab in window.tab_widgets.items():
        window.show_tab(name)
        if not isinstance(tab, TrackTab):
            continue
        for row, (title, _target) in enumerate(tab.entries):
            tab.show_entry(row)
            width = window.minimumSizeHint().width()
            if width > SCREEN_125:
                too_wide.append(f"{name}/{title}: {width}")
    assert too_wide == []
    assert window.minimumSizeHint().height() <= 768 - 40  # the taskbar


def test_every_page_fits_1366x768_at_100_125_and_150_percent(demo_db, qtbot, tmp_path, monkeypatch):
    """At each scale the window fits the screen (less the taskbar), no page is wider than the
    window leaves it, and none is squeezed below its own minimum: what is too tall scrolls, so
    no button or total is cut off."""
    from PySide6.QtWidgets import QApplication
    from PySide6.QtWidgets import QScrollArea

    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    window = MainWindow(AppContext(tmp_path / "demo.sqlite3"))
    qtbot.addWidget(window)
    window.show()
    problems = []
    for scale in (100, 125, 150):
        width, height = 1366 * 100 // scale, (768 - 40) * 100 // scale  # logical pixels
        hint = window.minimumSizeHint()
        if hint.width() > width or hint.height() > height:
            problems.append(f"{scale}%: the window needs {hint.width()}×{hint.height()}")
        window.resize(width, height)
        for name, tab in window.tab_widgets.items():
            window.show_tab(name)
            pages = []
            if isinstance(tab, TrackTab):
                for row in range(len(tab.entries)):
                    if row != tab.heading_row:
                        pages.append((tab.entries[row][0], tab.show_entry(row)))
            else:
                pages.append((name, getattr(tab, "page", None)))
            for title, page in pages:
                if page is None:
                    continue
                for _ in range(3):  # the page fills in, then the scroll area sizes it
                    QApplication.processEvents()
                holder = page.parentWidget().parentWidget() if page.parentWidget() else None
                if not isinstance(holder, QScrollArea):
                    problems.append(f"{scale}% {name}/{title}: not in a scroll area")
                    continue
                need = page.minimumSizeHint()
                if page.hasHeightForWidth():  # wrapped text: as tall as it is at this width
                    need.setHeight(min(need.height(), page.heightForWidth(page.width())))
                if need.width() > holder.viewport().width():  # a button or a total off to the right
                    problems.append(
                        f"{scale}% {name}/{title}: needs {need.width()} pixels across, has {holder.viewport().width()}"
                    )
                if page.width() < need.width() or page.height() < need.height():
                    problems.append(
                        f"{scale}% {name}/{title}: squeezed to {page.width()}×{page.height()}, needs {need.width()}×{need.height()}"
                    )
    assert problems == []
