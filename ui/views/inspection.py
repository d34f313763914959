"""抓落实 → 督查评分: enter a village's scores for an inspection; problems found go to the ledger.

The page itself is :mod:`ui.pages.inspection`, loaded when it is first shown.
"""

from __future__ import annotations

TAB = "抓落实"
TITLE = "督查评分"
ORDER = 30


def create(context):
    from ui.pages.inspection import create as create_page  # noqa: PLC0415

    return create_page(context)
