"""筛选 on a record list's column, as in Excel: tick the values to keep."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.text import matches_text
from app.text import sort_by_pinyin
from ui.widgets.dialog_buttons import ok_cancel

EMPTY = "（空白）"


class ColumnFilterDialog(QDialog):
    """The distinct values of one column, ticked when kept; ``chosen()`` after 确定."""

    def __init__(
        self, header: str, values: set[str], kept: frozenset[str] | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(f"筛选：{header}")
        self.finder = QLineEdit(self)
        self.finder.setPlaceholderText("查找值（可用拼音首字母）")
        self.finder.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        for value in sort_by_pinyin(values):
            item = QListWidgetItem(value or EMPTY)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = kept is None or value in kept
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        all_button = QPushButton("全选", self)
        none_button = QPushButton("全不选", self)
        all_button.clicked.connect(lambda: self._tick_shown(True))
        none_button.clicked.connect(lambda: self._tick_shown(False))
        self.finder.textChanged.connect(self._narrow)
        buttons = ok_cancel(self)
        row = QHBoxLayout()
        row.addWidget(all_button)
        row.addWidget(none_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.finder)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(320, 420)

    def _narrow(self, text: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(not matches_text(item.text(), text))

    def _tick_shown(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.list.count()):
            item = self.list.item(row)
            if not item.isHidden():
                item.setCheckState(state)

    def tick_only(self, values: set[str]) -> None:
        """Tick exactly ``values`` (as the clerk would, one by one)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            keep = item.data(Qt.ItemDataRole.UserRole) in values
            item.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)

    def chosen(self) -> frozenset[str] | None:
        """The values kept; None when every value is (the column is not filtered)."""
        items = [self.list.item(r) for r in range(self.list.count())]
        kept = {i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked}
        return None if len(kept) == len(items) else frozenset(kept)
