"""The editable table of a task's steps (倒排工期): name and days in, proposed dates out.

Changing a name or a duration re-plans every step back from the deadline; changing a date
by hand keeps it (the clerk knows something the calendar does not) until 重新倒排.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt

from app.delivery.schedule import Step
from app.delivery.schedule import plan_backwards
from ui.pages.delivery_common import to_date
from ui.pages.delivery_common import to_qdate

COLUMNS = ("步骤", "节点名称", "工期（天）", "开始日期", "完成日期")
_Index = QModelIndex | QPersistentModelIndex


class StepsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.steps: list[Step] = []
        self.deadline: dt.date | None = None
        self.weekends = True

    # -- planning -----------------------------------------------------------------------
    def replan(self) -> None:
        """Propose every step's dates back from the deadline (discarding hand changes)."""
        if self.deadline is None or not self.steps:
            return
        planned = plan_backwards(
            self.deadline, [(s.title, s.days) for s in self.steps], weekends=self.weekends
        )
        self.steps = planned
        self._changed_all()

    def add_step(self, title: str = "", days: int = 7) -> None:
        row = len(self.steps)
        self.beginInsertRows(QModelIndex(), row, row)
        self.steps.append(Step(row + 1, title, days))
        self.endInsertRows()
        self.replan()

    def remove_step(self, row: int) -> None:
        if not 0 <= row < len(self.steps):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.steps[row]
        for i, step in enumerate(self.steps, start=1):
            step.order = i
        self.endRemoveRows()
        self.replan()

    def _changed_all(self) -> None:
        if self.steps:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.steps) - 1, len(COLUMNS) - 1))

    # -- the Qt model ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.steps)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def flags(self, index: _Index):
        base = super().flags(index)
        if index.isValid() and index.column() > 0:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        step = self.steps[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == 0:
                return f"第{step.order}步"
            if col == 1:
                return step.title
            if col == 2:
                return step.days
            day = step.start if col == 3 else step.due
            if day is None:
                return None
            return to_qdate(day) if role == Qt.ItemDataRole.EditRole else day.isoformat()
        return None

    def setData(self, index: _Index, value: Any, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        step = self.steps[index.row()]
        col = index.column()
        if col == 1:
            step.title = str(value).strip()
            self.dataChanged.emit(index, index)
            return True
        if col == 2:
            try:
                step.days = max(0, int(value))
            except (TypeError, ValueError):
                return False
            self.replan()
            return True
        if col in (3, 4):
            day = to_date(value) if hasattr(value, "year") and callable(value.year) else value
            if not isinstance(day, dt.date):
                return False
            if col == 3:
                step.start = day
            else:
                step.due = day
            self.dataChanged.emit(index, index)
            return True
        return False
