"""政治生日: the members whose join date falls in a chosen month, and recording the branch's ceremony.

The page itself is :mod:`ui.pages.birthdays`, loaded when it is first shown.
"""

from __future__ import annotations

TAB = "抓作风"
TITLE = "政治生日"
ORDER = 20


def create(context):
    from ui.pages.birthdays import create as create_page  # noqa: PLC0415

    return create_page(context)
