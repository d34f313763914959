"""抓落实 → 督查排名: a quarter's ranking (ties, bottom 3, twice in a row) and a village's history.

The page itself is :mod:`ui.pages.ranking`, loaded when it is first shown.
"""

from __future__ import annotations

TAB = "抓落实"
TITLE = "督查排名"
ORDER = 31


def create(context):
    from ui.pages.ranking import create as create_page  # noqa: PLC0415

    return create_page(context)
