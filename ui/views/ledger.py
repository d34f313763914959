"""抓落实 → 问题台账管理: the ledger with overdue and reopened problems standing out.

The page itself is :mod:`ui.pages.ledger`, loaded when it is first shown.
"""

from __future__ import annotations

TAB = "抓落实"
TITLE = "问题台账管理"
ORDER = 30


def create(context):
    from ui.pages.ledger import create as create_page  # noqa: PLC0415

    return create_page(context)
