"""总览: which village is behind on what, at a glance.

The page itself is :mod:`ui.pages.overview`, loaded when it is first shown.
"""

from __future__ import annotations

TAB = "总览"
TITLE = "总览"
ORDER = 0


def create(context):
    from ui.pages.overview import create as create_page  # noqa: PLC0415

    return create_page(context)
