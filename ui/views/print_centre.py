"""抓落实 → 打印中心 (the page itself is :mod:`ui.print_centre`).

Kept apart so that finding the window's views does not load ReportLab and the fonts at
start-up; they load when the clerk first opens the print centre.
"""

from __future__ import annotations

TAB = "抓落实"
TITLE = "打印中心"
ORDER = 32


def create(context):
    from ui.print_centre import create as create_page  # noqa: PLC0415

    return create_page(context)
