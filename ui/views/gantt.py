"""抓落实 → 挂图作战: key tasks and milestones as a Gantt chart against the campaign calendar.

The page itself is :mod:`ui.pages.gantt`, loaded when it is first shown.
"""

from __future__ import annotations

TAB = "抓落实"
TITLE = "挂图作战"
ORDER = 10


def create(context):
    from ui.pages.gantt import create as create_page  # noqa: PLC0415

    return create_page(context)
