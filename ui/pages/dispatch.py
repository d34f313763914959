"""抓落实 → 月调度汇总: one month's reports of all villages, who has not reported, what stands still."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import QSortFilterProxyModel
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

from app.campaign_time import as_of_day
from app.delivery.dispatch import MISSING
from app.delivery.dispatch import STILL
from app.delivery.dispatch import DispatchRow
from app.delivery.dispatch import DispatchTable
from app.delivery.dispatch import month_table
from models import KeyTask
from models import Progress
from ui.context import AppContext
from ui.pages.delivery_common import save_file
from ui.pages.delivery_common import to_date
from ui.record_form import RecordFormDialog
from ui.widgets.date_box import DateBox
from ui.widgets.read_only import mark_writes
from ui.widgets.rows_model import RowListModel
from ui.widgets.rows_table import RoomForColumn

COLUMNS = (
    "村（社区）",
    "重点任务",
    "责任人",
    "完成时限",
    "上月进度",
    "本月进度",
    "本月完成情况",
    "存在困难",
    "状态",
)
ID_ROLE = Qt.ItemDataRole.UserRole
MISSING_RED, STILL_ORANGE = QColor("#C00000"), QColor("#B85C00")
_Index = QModelIndex | QPersistentModelIndex


class DispatchTableModel(RowListModel):
    def __init__(self, parent=None):
        super().__init__(COLUMNS, parent)
        self.table = DispatchTable(month=None)  # type: ignore[arg-type]

    def set_table(self, table: DispatchTable) -> None:
        self.table = table
        self.set_rows(table.rows)

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.shown_row(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _cells(row)[index.column()]
        if role == ID_ROLE:
            return row.task_id
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status == MISSING:
                return QBrush(MISSING_RED)
            if row.status == STILL:
                return QBrush(STILL_ORANGE)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (6, 7):
            return _cells(row)[index.column()]
        return None


def _cells(row: DispatchRow) -> tuple[str, ...]:
    status = row.status + ("（逾期）" if row.overdue else "")
    return (
        row.village,
        row.title,
        row.owner,
        row.deadline.isoformat(),
        "" if row.previous is None else f"{row.previous}%",
        "未报" if row.percent is None else f"{row.percent}%",
        row.done,
        row.difficulties,
        status,
    )


class DispatchView(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        top = QHBoxLayout()
        top.addWidget(QLabel("调度月份："))
        self.month = DateBox(as_of_day().replace(day=1), self, display="yyyy年M月")
        top.addWidget(self.month)
        top.addStretch(1)
        add = QPushButton("录入进度…", self)
        add.clicked.connect(lambda _=False: self.add_report())
        mark_writes(add)
        top.addWidget(add)
        printing = QPushButton("打印调度表…", self)
        printing.clicked.connect(lambda _=False: self.print_sheet())
        top.addWidget(printing)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = DispatchTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        # keep the villages' own order until the clerk clicks a heading
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        RoomForColumn(self.view, 6, chars=12)  # 本月完成情况: what the dispatch is for
        self.view.doubleClicked.connect(self._open_task)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.month.dateChanged.connect(self.refresh)
        self.refresh()

    def chosen_month(self):
        return to_date(self.month.date()).replace(day=1)

    def refresh(self) -> None:
        table = month_table(self.chosen_month(), self.context.org_ids())
        self.model.set_table(table)
        m = table.month
        if not table.rows:
            self.summary.setText(f"{m.year}年{m.month}月没有需要调度的重点任务。")
            return
        text = (
            f"{m.year}年{m.month}月：应报 {len(table.rows)} 项，已报 {table.reported_share():g}%，"
            f"停滞 {len(table.standing_still)} 项（橙色）。"
        )
        missing = table.missing_by_village()
        if missing:
            owing = "、".join(f"{v}（{n}项）" for v, n in missing.items())
            text += f"<br/><span style='color:#C00000'><b>未报送：</b>{owing}</span>"
        self.summary.setText(text)

    def _open_task(self, index: QModelIndex) -> None:
        task_id = index.data(ID_ROLE)
        if task_id is not None:
            self.context.open_record(KeyTask, task_id)

    def add_report(self) -> None:
        dialog = RecordFormDialog(Progress, None, self.context.org_ids(), self)
        if dialog.exec() == RecordFormDialog.DialogCode.Accepted and dialog.saved is not None:
            self.context.notify_changed(Progress)
            self.refresh()

    def print_page(self) -> None:
        """Ctrl+P: the month's dispatch sheet."""
        self.print_sheet()

    def print_sheet(self) -> None:
        from app.printing.delivery import print_dispatch  # noqa: PLC0415 (start-up: ReportLab only when printing)

        month, ids = self.chosen_month(), self.context.org_ids()
        save_file(
            self,
            "打印调度表",
            f"月调度表_{month.year}年{month.month}月.pdf",
            "PDF 文件 (*.pdf)",
            lambda path: print_dispatch(path, month, ids),
        )


def create(context: AppContext) -> QWidget:
    return DispatchView(context)
