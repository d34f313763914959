"""基础信息 → 备份与恢复: the backups with their time and record counts, 立即备份, 恢复.

The page itself is :mod:`ui.pages.backups`, loaded when it is first shown.
"""

from __future__ import annotations

TAB = "基础信息"
TITLE = "备份与恢复"
ORDER = 191


def create(context):
    from ui.pages.backups import create as create_page  # noqa: PLC0415

    return create_page(context)
