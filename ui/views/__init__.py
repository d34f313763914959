"""Special views inside the main window's tabs, found automatically (no list to edit).

A module in this package defines:

``TAB``     the tab it lives in: 总览, 抓学习, 抓制度, 抓作风, 抓品牌, 抓落实, 日历 or 基础信息.
``TITLE``   its entry in the tab's side list (for 总览 and 日历, which have no side list,
            the view is the whole tab).
``ORDER``   its place in the side list; record lists have ORDER 100 + their position, so a
            view with ORDER < 100 comes before them.
``create(context) -> QWidget``  builds the view; ``context`` is :class:`ui.context.AppContext`.

The widget may define ``refresh()``; the window calls it when the village selection or the
data changes and when the view is shown.
"""
