"""基础信息 → 数据交换: export templates and packages, and the guided import of a file.

The page itself is :mod:`ui.pages.exchange`, loaded when it is first shown (with openpyxl).
"""

from __future__ import annotations

TAB = "基础信息"
TITLE = "数据交换"
ORDER = 60


def create(context):
    from ui.pages.exchange import create as create_page  # noqa: PLC0415

    return create_page(context)
