"""基础信息 → 批量登记党组织: branches and 党小组 typed as a list (or read from a sheet), saved at once.

The list is an editable table (组织名称, 简称, 组织代码, 组织类别, 上级组织); 建议代码 fills
empty codes from the town's code and the next free number; 保存 checks the whole list and
writes it in one transaction, or marks what is wrong and writes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.exchange import FileRefused
from app.roster.orgs import COLUMNS
from app.roster.orgs import LABELS
from app.roster.orgs import OrgRow
from app.roster.orgs import apply_orgs
from app.roster.orgs import plan_orgs
from app.roster.orgs import propose_codes
from app.roster.orgs import read_org_sheet
from ui.background import database_writes
from ui.widgets.file_dialogs import EXCEL_FILES
from ui.widgets.file_dialogs import ask_open_path

_Index = QModelIndex | QPersistentModelIndex
_BAD = QBrush(QColor("#ffebee"))


class OrgListModel(QAbstractTableModel):
    """The rows being typed: plain text per column, bad rows shaded after a check."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict[str, str]] = []
        self.bad: dict[int, str] = {}  # row → what is wrong

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.rows[index.row()].get(COLUMNS[index.column()], "")
        if role == Qt.ItemDataRole.BackgroundRole and index.row() in self.bad:
            return _BAD
        if role == Qt.ItemDataRole.ToolTipRole and index.row() in self.bad:
            return self.bad[index.row()]
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self.rows[index.row()][COLUMNS[index.column()]] = str(value or "").strip()
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return (
            super().flags(index) | Qt.ItemFlag.ItemIsEditable if index.isValid() else Qt.ItemFlag.NoItemFlags
        )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return LABELS[COLUMNS[section]]
        return str(section + 1) if orientation == Qt.Orientation.Vertical else None

    def set_rows(self, rows: list[dict[str, str]], bad: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self.rows = [dict(r) for r in rows]
        self.bad = bad or {}
        self.endResetModel()

    def add_rows(self, count: int = 1) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + count - 1)
        self.rows.extend({} for _ in range(count))
        self.endInsertRows()

    def filled(self) -> list[dict[str, str]]:
        return [r for r in self.rows if any(r.values())]


class OrgListPage(QWidget):
    """Type or read the list, propose codes, save it all at once."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        intro = QLabel(
            "一次登记全镇的村（社区）党支部和党小组：每行一个组织。组织代码可以空着，点“建议代码”按镇党委代码"
            "和序号编排（党小组在所在支部代码后再加两位）；类别空着时按名称判断；上级组织填名称、简称或代码，"
            "村党支部可不填（即镇党委）。点“保存”时整张表一起检查，有错误时不保存任何一行。"
        )
        intro.setWordWrap(True)
        self.model = OrgListModel(self)
        self.model.add_rows(5)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("添加 5 行")
        self.add_button.clicked.connect(lambda: self.model.add_rows(5))
        self.codes_button = QPushButton("建议代码")
        self.codes_button.clicked.connect(self.propose_codes)
        self.sheet_button = QPushButton("从表格读入…")
        self.sheet_button.clicked.connect(lambda: self.read_sheet())
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.codes_button, self.sheet_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    def propose_codes(self) -> None:
        self.model.set_rows(propose_codes(self.model.filled()))
        self.status.setText("已为空着的组织代码给出建议，可直接修改。")

    def read_sheet(self, path: str | Path | None = None) -> None:
        if not path:
            path = ask_open_path(self, "选择党组织列表", EXCEL_FILES)
            if not path:
                return
        try:
            rows = read_org_sheet(path)
        except FileRefused as refusal:
            self.status.setText(str(refusal))
            return
        self.model.set_rows([{k: r.values.get(k, "") for k in COLUMNS} for r in rows])
        self.status.setText(f"已从“{Path(path).name}”读入 {len(rows)} 个党组织，请核对后点“保存”。")

    def save(self) -> int:
        """Check the whole list; write it (one transaction) only when every row is right."""
        rows = self.model.filled()
        plan = plan_orgs([OrgRow(dict(r), row=n) for n, r in enumerate(rows, start=1)])
        problems = plan.problems()
        if problems:
            bad: dict[int, str] = {}
            for p in problems:
                bad[p.row - 1] = (bad.get(p.row - 1, "") + "\n" if p.row - 1 in bad else "") + str(p)
            self.model.set_rows(
                [r.values | {"parent": rows[i].get("parent", "")} for i, r in enumerate(plan.rows)], bad
            )
            self.status.setText("未保存，请改正标红的行：\n" + "\n".join(str(p) for p in problems[:10]))
            return 0
        with database_writes():
            written = apply_orgs(plan)
        totals = plan.totals()
        self.status.setText(f"已保存：新增 {totals['新增']} 个、修改 {totals['修改']} 个党组织。")
        self.model.set_rows([])
        self.model.add_rows(5)
        self.context.notify_changed(None)
        return written


def _said(problem) -> str:
    """A problem of a typed list: its row and column (there is no file or sheet to name)."""
    where = f"第{problem.row}行“{problem.header}”" if problem.header else f"第{problem.row}行"
    if problem.value:
        return f"{where}：“{problem.value}”不对，应为{problem.expected}"
    return f"{where}：{problem.expected}"


def create(context) -> QWidget:
    return OrgListPage(context)
