"""The ledger's table model: problems chosen by a filter, overdue red, reopened yellow."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor

from app.delivery import problems as rules
from models import Problem
from ui.widgets.rows_model import RowListModel

COLUMNS = (
    "序号",
    "村（社区）",
    "问题来源",
    "问题描述",
    "整改责任人",
    "整改时限",
    "整改状态",
    "逾期",
    "重新整改",
    "问责",
)
FILTERS = ("未销号", "全部", "待确认", "被退回", "逾期", "重新整改过", "待整改", "整改中", "已整改", "已销号")
ID_ROLE = Qt.ItemDataRole.UserRole
LATE_RED, REOPENED_YELLOW = QColor("#C00000"), QColor("#FFF2CC")
_Index = QModelIndex | QPersistentModelIndex


class LedgerTableModel(RowListModel):
    """The problems chosen by the filter, with overdue (red) and reopened (yellow) marked."""

    rows: list[tuple[Problem, tuple[Any, ...], bool]]

    def __init__(self, parent=None):
        super().__init__(COLUMNS, parent)

    def load(self, day, org_ids: list[int] | None, which: str) -> None:
        listed = []
        for number, p in enumerate(rules.ledger_problems(org_ids), start=1):
            late = rules.is_overdue(p, day)
            if not _wanted(p, which, late):
                continue
            late_days = rules.days_overdue(p, day)
            shown = (
                number,
                p.org.label,
                p.source,
                p.description,
                p.responsible,
                p.deadline.isoformat(),
                rules.shown_state(p),  # 待确认 when the village has reported it fixed
                f"逾期{late_days}天" if late else ("超期完成" if late_days else ""),
                f"{p.reopened}次" if p.reopened else "",
                p.accountability,
            )
            listed.append((p, shown, late))
        self.set_rows(listed)

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if self.shown_row(index) is None:
            return None
        problem, shown, late = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = shown[index.column()]
            return value if isinstance(value, int) else str(value)  # 序号 sorts as a number
        if role == ID_ROLE:
            return problem.id
        if role == Qt.ItemDataRole.ForegroundRole and late:
            return QBrush(LATE_RED)
        if role == Qt.ItemDataRole.BackgroundRole and problem.reopened:
            return QBrush(REOPENED_YELLOW)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return problem.description
        return None

    def problem_at(self, row: int) -> Problem:
        return self.rows[row][0]


def _wanted(p: Problem, which: str, late: bool) -> bool:
    if which == "全部":
        return True
    if which == "未销号":
        return p.state != "已销号"
    if which == "逾期":
        return late
    if which == "重新整改过":
        return p.reopened > 0
    if which == rules.PENDING:
        return rules.is_pending(p)
    if which == rules.RETURNED:
        return rules.shown_state(p).startswith(rules.RETURNED)
    return p.state == which
