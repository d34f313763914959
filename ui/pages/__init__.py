"""Every page of the window that is more than a record list, declared in one table.

The window reads :data:`PAGES` at start-up for each page's tab, title and place; the page's
module, with the libraries and rules it needs, is imported only when the clerk opens it.
A page module defines ``create(context) -> QWidget`` (``context`` is
:class:`ui.context.AppContext`); the widget may define ``refresh()``, which the window calls
when the village selection or the data changes and when the page is shown.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.context import AppContext


@dataclass(frozen=True)
class Page:
    """A page: its tab, its entry in the tab's side list, its place there, and its module."""

    tab: str
    title: str
    order: int  # record lists come at 100 + their position, so a page below 100 leads them
    module: str  # under ui.pages
    town_only: bool = (
        False  # the town's own work (issuing tasks, ranking villages): not on a village's computer
    )

    def create(self, context: AppContext) -> QWidget:
        """Import the page's module (first time only) and build the page."""
        widget: QWidget = importlib.import_module(f"ui.pages.{self.module}").create(context)
        return widget


PAGES: tuple[Page, ...] = (
    # 总览 and 日历 have no side list: the page is the whole tab.
    Page("总览", "总览", 0, "overview"),
    Page("抓制度", "党员积分", 30, "points"),
    Page("抓作风", "政治生日", 104, "birthdays"),  # after 三会一课, 民主评议, 突击队和先锋岗
    Page("抓落实", "下发重点任务", 5, "task_issue", town_only=True),
    Page("抓落实", "挂图作战", 10, "gantt"),
    Page("抓落实", "月调度汇总", 20, "dispatch"),
    Page("抓落实", "督查评分", 30, "inspection"),
    Page("抓落实", "问题台账管理", 30, "ledger"),
    Page("抓落实", "督查排名", 31, "ranking", town_only=True),
    Page("抓落实", "打印中心", 32, "print_centre"),
    Page("日历", "日历", 0, "calendar"),
    Page("基础信息", "批量登记党组织", 40, "org_list"),
    Page("基础信息", "导入花名册", 50, "roster_import"),
    Page("基础信息", "数据交换", 60, "exchange"),
    Page("基础信息", "报送情况", 61, "submissions", town_only=True),
    Page("基础信息", "操作日志", 190, "audit_log"),  # after the record lists of 基础信息
    Page("基础信息", "备份与恢复", 191, "backups"),
    Page("基础信息", "设置", 192, "settings"),
)


#: Record tables a workflow page already covers: listed per tab under one collapsible
#: 台账明细 heading at the end, so that the side list leads with the work itself and no raw
#: table (督查得分, 问题台账) sits beside the page a clerk means (督查评分, 问题台账管理).
DETAIL_RECORDS: dict[str, frozenset[str]] = {
    "抓作风": frozenset({"Attendance", "BirthdayCeremony", "BirthdayHonoree"}),
    "抓落实": frozenset(
        {
            "KeyTask",
            "Milestone",
            "Progress",
            "Inspection",
            "InspectionScore",
            "Problem",
            "ProblemCheck",
            "Notice",
            "Disposal",
            "ScoreTemplate",
            "ScoreSection",
            "ScoreItem",
        }
    ),
}
DETAIL_HEADING = "台账明细"


def page(module: str) -> Page:
    """The declared page whose module is ``module`` (e.g. ``"inspection"``)."""
    for entry in PAGES:
        if entry.module == module:
            return entry
    raise KeyError(module)


def pages_in_order(town: bool = True) -> list[Page]:
    """The pages in the order the window shows them (by place, then module name).

    ``town`` False: a village's computer, without the town's own pages.
    """
    return sorted((p for p in PAGES if town or not p.town_only), key=lambda p: (p.order, p.module))
