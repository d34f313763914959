"""基础信息 → 操作日志: every change to a record, filterable, with deletions undoable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QDate
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app import audit
from models import AuditEntry
from models import record_type
from ui.pages.delivery_common import to_date
from ui.widgets.date_box import DateBox
from ui.widgets.error_dialog import attempt_write
from ui.widgets.read_only import mark_writes

COLUMNS = ("时间", "操作人员", "操作", "记录类型", "记录", "改动内容")
BATCH_SIZE = 200
ENTRY_ROLE = Qt.ItemDataRole.UserRole

_Index = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    """Audit entries matching a filter, newest first, read from SQLite page by page."""

    def __init__(self, parent=None, batch_size: int = BATCH_SIZE):
        super().__init__(parent)
        self.batch_size = batch_size
        self.filter = audit.AuditFilter()
        self._rows: list[tuple[AuditEntry, tuple[str, ...]]] = []
        self._total = 0
        self.reload()

    def set_filter(self, flt: audit.AuditFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._total = audit.entries(self.filter).count()
        self._rows = self._read(0, self.batch_size)
        self.endResetModel()

    def _read(self, offset: int, n: int) -> list[tuple[AuditEntry, tuple[str, ...]]]:
        rows: list[tuple[AuditEntry, tuple[str, ...]]] = []
        for entry in audit.entries(self.filter).offset(offset).limit(n):
            shown = (
                entry.time.strftime("%Y-%m-%d %H:%M:%S"),
                entry.operator or "（未填）",
                entry.action,
                audit.table_label(entry.table),
                entry.summary,
                audit.describe_changes(entry),
            )
            rows.append((entry, shown))
        return rows

    def total(self) -> int:
        """How many entries match the filter (also those not yet read)."""
        return self._total

    def entry(self, row: int) -> AuditEntry:
        return self._rows[row][0]

    # -- Qt ---------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        first = len(self._rows)
        batch = self._read(first, self.batch_size)
        if not batch:  # the log shrank meanwhile (a restored backup): stop asking
            self._total = first
            return
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        entry, shown = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return shown[index.column()]
        if role == ENTRY_ROLE:
            return entry.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None


def _combo(first: str) -> QComboBox:
    box = QComboBox()
    box.addItem(first, "")
    return box


class AuditLogView(QWidget):
    """The 操作日志 page: filters on top, the log, and 撤销删除 / 打开记录 below."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = AuditTableModel(self)

        # by default the last year up to today; refresh() moves "today" on after midnight
        self._default_until = QDate.currentDate()
        self.since = DateBox(self._default_until.addYears(-1), self)
        self.until = DateBox(self._default_until, self)
        self.operator = _combo("全部操作人员")
        self.action = _combo("全部操作")
        for action in audit.ACTIONS:
            self.action.addItem(action, action)
        self.table_type = _combo("全部记录类型")
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)  # the sentence for an empty log wraps beside the filters

        filters = QHBoxLayout()
        for widget in (QLabel("从"), self.since, QLabel("至"), self.until):
            filters.addWidget(widget)
        for box in (self.operator, self.action, self.table_type):
            filters.addWidget(box)
        filters.addSpacing(12)
        filters.addWidget(self.count_label, 1)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        for col in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setVisible(False)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())

        self.undo_button = QPushButton("撤销删除")
        self.undo_button.setToolTip("把选中的“删除”操作删掉的记录恢复回来")
        self.open_button = QPushButton("打开记录")
        self.undo_button.clicked.connect(self.undo_selected)
        mark_writes(self.undo_button)
        self.open_button.clicked.connect(self.open_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        for edit in (self.since, self.until):
            edit.dateChanged.connect(self.apply_filter)
        for box in (self.operator, self.action, self.table_type):
            box.currentIndexChanged.connect(self.apply_filter)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    # -- filters ----------------------------------------------------------------------------
    def current_filter(self) -> audit.AuditFilter:
        return audit.AuditFilter(
            since=to_date(self.since.date()),
            until=to_date(self.until.date()),
            operator=self.operator.currentData() or "",
            action=self.action.currentData() or "",
            table=self.table_type.currentData() or "",
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        shown = self.model.total()
        if shown:
            self.count_label.setText(f"共 {shown} 条")
        elif AuditEntry.select().exists():
            self.count_label.setText("所选的日期、人员和类型中没有操作记录，可改变上面的条件")
        else:  # a new database, or the demo (built without a clerk)
            self.count_label.setText(
                "还没有操作记录：在本程序中新增、修改、删除记录或导入文件后，这里列出谁在何时做了什么"
            )
        self._update_buttons()

    def _fill_combo(self, box: QComboBox, items: list[tuple[str, str]]) -> None:
        keep = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for value, text in items:
            box.addItem(text, value)
        found = box.findData(keep)
        box.setCurrentIndex(max(found, 0))
        box.blockSignals(False)

    def refresh(self) -> None:
        """Re-read the log (called by the window when data changes or the page is shown)."""
        self._fill_combo(self.operator, [(name, name or "（未填）") for name in audit.operators()])
        self._fill_combo(self.table_type, audit.tables())
        if self.until.date() == self._default_until != QDate.currentDate():
            self._default_until = QDate.currentDate()
            self.until.setDate(self._default_until)
        self.apply_filter()

    # -- actions ----------------------------------------------------------------------------
    def selected_entry(self) -> AuditEntry | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        entry_id = self.model.data(rows[0], ENTRY_ROLE)
        return AuditEntry.get_or_none(AuditEntry.id == entry_id) if entry_id else None

    def _update_buttons(self, *_args) -> None:
        entry = self.selected_entry()
        self.undo_button.setEnabled(entry is not None and audit.can_undo(entry))
        self.open_button.setEnabled(entry is not None and audit.record_of(entry) is not None)

    def undo_selected(self) -> bool:
        """Restore the record deleted by the selected entry; True when done."""
        entry = self.selected_entry()
        if entry is None:
            return False
        done, record = attempt_write(
            self, "撤销删除", lambda: audit.undo_deletion(entry), ValueError, typed_kept=False
        )
        if not done:
            return False
        self.context.notify_changed(type(record))
        self.refresh()
        return True

    def open_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        record = audit.record_of(entry)
        if record is not None:
            self.context.open_record(record_type(entry.table), record.id)


def create(context) -> QWidget:
    """The 操作日志 page for the main window."""
    return AuditLogView(context)
