"""党员积分: every member's points and places, the ledger behind one member's points, the scheme.

The page itself is :mod:`ui.pages.points`, loaded when it is first shown.
"""

from __future__ import annotations

TAB = "抓制度"
TITLE = "党员积分"
ORDER = 30


def create(context):
    from ui.pages.points import create as create_page  # noqa: PLC0415

    return create_page(context)
