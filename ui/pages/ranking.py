"""抓落实 → 督查排名: a quarter's ranking (ties, bottom 3, twice in a row) and a village's history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QStandardItem
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.campaign_time import quarter_label
from app.inspection.ranking import Place
from app.inspection.ranking import history
from app.inspection.ranking import inspected_quarters
from app.inspection.ranking import previous_quarter
from app.inspection.ranking import propose_disposals
from app.inspection.ranking import quarter_progress
from app.inspection.ranking import rank_quarter
from app.storage.errors import WRITE_ERRORS
from models import Disposal
from ui.pages import page
from ui.widgets.error_dialog import show_write_error
from ui.widgets.read_only import mark_writes
from ui.widgets.rows_model import RowListModel

TITLE = page("ranking").title

COLUMNS = ("名次", "党组织", "得分（百分制）", "备注")
_Index = QModelIndex | QPersistentModelIndex


class RankingModel(RowListModel):
    rows: list[Place]

    def __init__(self, parent=None):
        super().__init__(COLUMNS, parent)

    def load(self, quarter: str | None) -> None:
        self.set_rows(rank_quarter(quarter) if quarter else [])

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.shown_row(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.place_text, row.name, f"{row.score:.2f}", row.notes)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and row.bottom:
            return QColor("#b00020")
        return None


class RankingView(QWidget):
    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.quarter = QComboBox()
        self.summary = QLabel()
        self.summary.setWordWrap(True)  # a long summary wraps instead of widening the window
        self.dispose_button = QPushButton("为连续2次后3位的书记建立处置记录")
        self.dispose_button.setToolTip("建立“待研究”的书记处置记录，由镇党委研究后填写处置方式")
        self.dispose_button.clicked.connect(self.propose)
        mark_writes(self.dispose_button)
        top = QHBoxLayout()
        for widget in (QLabel("季度"), self.quarter):
            top.addWidget(widget)
        top.addWidget(self.summary, 1)
        top.addWidget(self.dispose_button)

        self.model = RankingModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history_model = QStandardItemModel(0, 3, self)
        self.history_model.setHorizontalHeaderLabels(("季度", "得分", "名次"))
        self.history_view = QTableView()
        self.history_view.setModel(self.history_model)
        self.history_view.verticalHeader().setVisible(False)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # three short columns share the panel's width (no scroll bar for a few pixels)
        self.history_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.history_label = QLabel("选中一个党组织查看历次排名")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.history_label)
        side_layout.addWidget(self.history_view, 1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.quarter.currentIndexChanged.connect(self.load)
        self.table.selectionModel().selectionChanged.connect(self._show_history)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.quarter.currentData()
        self.quarter.blockSignals(True)
        self.quarter.clear()
        for q in reversed(inspected_quarters()):
            self.quarter.addItem(quarter_label(q), q)
        self.quarter.setCurrentIndex(max(self.quarter.findData(chosen), 0))
        self.quarter.blockSignals(False)
        self.load()

    def load(self) -> None:
        quarter = self.quarter.currentData()
        self.model.load(quarter)
        rows = self.model.rows
        twice = [r for r in rows if r.twice_bottom]
        if not rows:
            self.summary.setText("还没有季度督查记录。")
        else:
            before = previous_quarter(quarter)
            progress = quarter_progress(quarter)
            bottom = (
                f"后3位：{'、'.join(r.name for r in rows if r.bottom)}"
                if progress.complete
                else "尚未评完，不确定后3位（全部评分或写明不参评理由后确定）"
            )
            self.summary.setText(
                f"{progress.text}；{bottom}"
                + (
                    f"；与{quarter_label(before)}相比连续2次后3位：{'、'.join(r.name for r in twice)}"
                    if twice and before is not None  # two bottoms need an earlier quarter
                    else ""
                )
            )
        self.dispose_button.setEnabled(bool(twice))
        self.history_model.setRowCount(0)

    def _show_history(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        self.history_model.setRowCount(0)
        if not selected:
            return
        row = self.model.rows[selected[0].row()]
        self.history_label.setText(f"{row.name}历次季度督查排名")
        for quarter, place in history(row.org_id):
            items = [
                QStandardItem(quarter_label(quarter)),
                QStandardItem(f"{place.score:.2f}"),
                QStandardItem(place.place_text),
            ]
            if place.bottom:
                for item in items:
                    item.setForeground(QColor("#b00020"))
            self.history_model.appendRow(items)

    def propose(self) -> None:
        try:
            made = propose_disposals(self.quarter.currentData())
        except WRITE_ERRORS as error:
            show_write_error(self, "书记处置记录", error, typed_kept=False)
            return
        if made:
            self.context.notify_changed(Disposal)
            names = "、".join(d.org.label for d in made)
            QMessageBox.information(
                self, TITLE, f"已为{names}的书记建立处置记录（待研究），可在“书记处置”中查看。"
            )
        else:
            QMessageBox.information(self, TITLE, "处置记录此前已经建立，没有新增。")


def create(context) -> QWidget:
    return RankingView(context)
