"""基础信息 → 操作日志: every change to a record, filterable, with deletions undoable.

The page itself is :mod:`ui.pages.audit_log`, loaded when it is first shown.
"""

from __future__ import annotations

TAB = "基础信息"
TITLE = "操作日志"
ORDER = 190  # after the record lists of 基础信息


def create(context):
    from ui.pages.audit_log import create as create_page  # noqa: PLC0415

    return create_page(context)
