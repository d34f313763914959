"""出勤登记: the part of a meeting / study session / training form that lists who came.

One row per member of the organisation; the columns 出席, 请假 and 缺席 are exclusive
check boxes, 原因 is free text. A member with no box ticked gets no attendance row.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.conduct.attendance import AttendanceSheet
from app.conduct.attendance import members_of
from models.conduct import ATTENDANCE_STATES

_Index = QModelIndex | QPersistentModelIndex
_REASON = 1 + len(ATTENDANCE_STATES)


class AttendanceModel(QAbstractTableModel):
    """Members × (出席, 请假, 缺席, 原因)."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._members: list[tuple[int, str]] = []
        self._states: dict[int, str] = {}
        self._reasons: dict[int, str] = {}

    def load(self, members: list[tuple[int, str]], sheet: AttendanceSheet) -> None:
        self.beginResetModel()
        self._members = list(members)
        known = {mid for mid, _ in self._members}
        # Someone recorded earlier who has since moved stays visible, so nothing is lost.
        for member_id in sheet:
            if member_id not in known:
                self._members.append((member_id, f"党员#{member_id}"))
        self._states = {mid: state for mid, (state, _r) in sheet.items()}
        self._reasons = {mid: reason for mid, (_s, reason) in sheet.items()}
        self.endResetModel()
        self.changed.emit()

    def sheet(self) -> AttendanceSheet:
        """The attendance as ticked: member id → (state, reason)."""
        return {mid: (state, self._reasons.get(mid, "")) for mid, state in self._states.items() if state}

    def set_all(self, state: str) -> None:
        for member_id, _name in self._members:
            self._states[member_id] = state
        if self._members:
            self.dataChanged.emit(
                self.index(0, 1), self.index(len(self._members) - 1, len(ATTENDANCE_STATES))
            )
        self.changed.emit()

    def counts(self) -> dict[str, int]:
        result = dict.fromkeys(ATTENDANCE_STATES, 0)
        for state in self._states.values():
            if state in result:
                result[state] += 1
        return result

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2 + len(ATTENDANCE_STATES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            names = ["党员", *ATTENDANCE_STATES, "请假/缺席原因"]
            return names[section] if 0 <= section < len(names) else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if 1 <= index.column() <= len(ATTENDANCE_STATES):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == _REASON:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._members):
            return None
        member_id, name = self._members[index.row()]
        column = index.column()
        if column == 0 and role == Qt.ItemDataRole.DisplayRole:
            return name
        if 1 <= column <= len(ATTENDANCE_STATES) and role == Qt.ItemDataRole.CheckStateRole:
            ticked = self._states.get(member_id) == ATTENDANCE_STATES[column - 1]
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if column == _REASON and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._reasons.get(member_id, "")
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.row() >= len(self._members):
            return False
        member_id, _name = self._members[index.row()]
        column = index.column()
        if 1 <= column <= len(ATTENDANCE_STATES) and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            state = ATTENDANCE_STATES[column - 1]
            if checked:
                self._states[member_id] = state
            elif self._states.get(member_id) == state:
                self._states.pop(member_id, None)
            row = index.row()
            self.dataChanged.emit(self.index(row, 1), self.index(row, len(ATTENDANCE_STATES)))
            self.changed.emit()
            return True
        if column == _REASON and role == Qt.ItemDataRole.EditRole:
            self._reasons[member_id] = str(value or "").strip()
            self.dataChanged.emit(index, index)
            return True
        return False


class AttendancePanel(QWidget):
    """The 出勤登记 list with 全部出席 / 清空 buttons and a running count."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = AttendanceModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.summary = QLabel(self)
        all_present = QPushButton("全部出席", self)
        all_present.clicked.connect(lambda: self.model.set_all(ATTENDANCE_STATES[0]))
        clear = QPushButton("清空", self)
        clear.clicked.connect(lambda: self.model.load(self._members, {}))
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(all_present)
        buttons.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self._members: list[tuple[int, str]] = []
        self._org_id: int | None = None
        self.model.changed.connect(self._update_summary)

    def show_org(self, org_id: int | None, sheet: AttendanceSheet, default_present: bool) -> None:
        """List the members of ``org_id`` with ``sheet`` ticked (everyone present when asked)."""
        self._org_id = org_id
        self._members = [(m.id, m.name) for m in members_of(org_id)]
        if default_present and not sheet:
            sheet = {mid: (ATTENDANCE_STATES[0], "") for mid, _n in self._members}
        self.model.load(self._members, sheet)

    def change_org(self, org_id: int | None) -> None:
        """The form's organisation changed: keep the ticks of members still listed."""
        if org_id == self._org_id:
            return
        kept = self.model.sheet()
        self._org_id = org_id
        self._members = [(m.id, m.name) for m in members_of(org_id)]
        ids = {mid for mid, _n in self._members}
        present = {mid: (ATTENDANCE_STATES[0], "") for mid in ids}
        present.update({mid: value for mid, value in kept.items() if mid in ids})
        self.model.load(self._members, present)

    def sheet(self) -> AttendanceSheet:
        return self.model.sheet()

    def _update_summary(self) -> None:
        counts = self.model.counts()
        parts = "，".join(f"{state} {n} 人" for state, n in counts.items())
        total = self.model.rowCount()
        self.summary.setText(f"应到 {total} 人：{parts}" if total else "所选党组织没有在册党员。")
