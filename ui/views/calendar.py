"""日历: the campaign's months with its three phases shaded and named, and each day's events.

The page itself is :mod:`ui.pages.calendar`, loaded when it is first shown.
"""

from __future__ import annotations

TAB = "日历"
TITLE = "日历"
ORDER = 0


def create(context):
    from ui.pages.calendar import create as create_page  # noqa: PLC0415

    return create_page(context)
