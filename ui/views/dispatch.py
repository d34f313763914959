"""抓落实 → 月调度汇总: one month's reports of all villages, who has not reported, what stands still.

The page itself is :mod:`ui.pages.dispatch`, loaded when it is first shown.
"""

from __future__ import annotations

TAB = "抓落实"
TITLE = "月调度汇总"
ORDER = 20


def create(context):
    from ui.pages.dispatch import create as create_page  # noqa: PLC0415

    return create_page(context)
