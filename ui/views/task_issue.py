"""抓落实 → 下发重点任务: define a task once, choose villages, plan the steps back from the deadline.

The page itself is :mod:`ui.pages.task_issue`, loaded when it is first shown.
"""

from __future__ import annotations

TAB = "抓落实"
TITLE = "下发重点任务"
ORDER = 5


def create(context):
    from ui.pages.task_issue import create as create_page  # noqa: PLC0415

    return create_page(context)
