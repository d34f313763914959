"""The window fits a 1366×768 screen, also at 125 % (1093 logical pixels wide), whatever page
has been opened: no page asks for more width than that."""

from __future__ import annotations

from ui.context import AppContext
from ui.main_window import MainWindow, TrackTab

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
