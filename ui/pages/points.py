"""党员积分: every member's points and places, the ledger behind one member's points, the scheme.

Points come from the records (meetings attended, deeds, services…), so the ledger names
the record behind every point; double-clicking a ledger line opens that record.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDoubleSpinBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.campaign_time import as_of_day
from app.points import ITEM_LABELS
from app.points import SCHEME_KEY
from app.points import member_ledger
from app.points import member_totals
from app.points import scheme
from app.storage.errors import WRITE_ERRORS
from models import Campaign
from models import settings
from ui.widgets.date_box import DateBox
from ui.widgets.dialog_buttons import ok_cancel
from ui.widgets.error_dialog import show_write_error
from ui.widgets.panes import column
from ui.widgets.read_only import mark_writes
from ui.widgets.rows_model import ROW_ROLE
from ui.widgets.rows_model import RowsModel
from ui.widgets.rows_model import by_name
from ui.widgets.rows_model import iso_day
from ui.widgets.rows_table import table_view


def create(context) -> QWidget:
    return PointsView(context)


def scheme_text(current: dict) -> str:
    """The scheme in one line, as a clerk reads it."""
    parts = [f"基础分 {current['base']:g}"]
    for item, value in current["points"].items():
        if value:
            cap = current.get("caps", {}).get(item)
            parts.append(f"{ITEM_LABELS[item]} {value:+g}" + (f"（最多 {cap:g}）" if cap is not None else ""))
    parts.append(f"总分上限 {current.get('max_total') or '不限'}")
    parts.append("每年清零" if current.get("yearly_reset", True) else "不清零")
    return "；".join(parts)


class SchemeDialog(QDialog):
    """Edit the points scheme: base, points per item, caps, highest total, yearly reset."""

    def __init__(self, current: dict, parent=None):
        super().__init__(parent)
        self.setWindowTitle("党员量化积分办法")
        self.current = current
        layout = QFormLayout(self)
        self.base = self._spin(current["base"], 0, 1000)
        layout.addRow("基础分", self.base)
        self.points: dict[str, QDoubleSpinBox] = {}
        self.caps: dict[str, QDoubleSpinBox] = {}
        for item, label in ITEM_LABELS.items():
            row = QHBoxLayout()
            self.points[item] = self._spin(current["points"].get(item, 0), -100, 100)
            cap = current.get("caps", {}).get(item)
            self.caps[item] = self._spin(cap if cap is not None else 0, 0, 1000)
            self.caps[item].setSpecialValueText("不限")
            row.addWidget(QLabel("每次", self))
            row.addWidget(self.points[item])
            row.addWidget(QLabel("分，最多", self))
            row.addWidget(self.caps[item])
            row.addWidget(QLabel("分", self))
            layout.addRow(label, row)
        self.max_total = self._spin(current.get("max_total") or 0, 0, 10000)
        self.max_total.setSpecialValueText("不限")
        layout.addRow("总分上限", self.max_total)
        self.yearly = QCheckBox("每年 1 月 1 日起重新计分", self)
        self.yearly.setChecked(bool(current.get("yearly_reset", True)))
        layout.addRow("", self.yearly)
        buttons = ok_cancel(self, "保存")
        layout.addRow(buttons)

    def _spin(self, value: float, low: float, high: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(low, high)
        spin.setDecimals(1)
        spin.setValue(float(value))
        return spin

    def scheme(self) -> dict:
        """The scheme as entered (0 as a cap or highest total means no limit)."""
        return {
            "base": self.base.value(),
            "points": {item: spin.value() for item, spin in self.points.items()},
            "caps": {item: spin.value() for item, spin in self.caps.items() if spin.value() > 0},
            "max_total": self.max_total.value() or None,
            "yearly_reset": self.yearly.isChecked(),
        }


class PointsView(QWidget):
    """Members by points (highest first) and the ledger of the chosen member."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.as_of_edit = DateBox(parent=self)
        self.as_of_edit.dateChanged.connect(lambda _d: self.refresh())
        self.scheme_label = QLabel(self)
        self.scheme_label.setWordWrap(True)
        edit = QPushButton("修改积分办法…", self)
        edit.clicked.connect(self.edit_scheme)
        mark_writes(edit)

        self.members_model = RowsModel(
            by_name(
                ("党员", "name"),
                ("所在支部", "org_name"),
                ("积分", "total"),
                ("支部名次", "branch_rank"),
                ("全镇名次", "town_rank"),
            ),
            self,
        )
        self.members_view = table_view(self.members_model, self, sortable=True, one_row=True)
        self.members_view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.show_ledger(current)
        )
        self.ledger_title = QLabel("选择左侧党员查看积分明细", self)
        self.ledger_model = RowsModel(
            by_name(
                ("日期", lambda e: iso_day(e.day)),
                ("项目", "label"),
                ("分值", lambda e: f"{e.points:+g}"),
                ("依据", "text"),
            ),
            self,
        )
        self.ledger_view = table_view(self.ledger_model, self, one_row=True)
        self.ledger_view.doubleClicked.connect(
            lambda index: self.open_entry(self.ledger_model.data(index, ROW_ROLE))
        )

        top = QHBoxLayout()
        top.addWidget(QLabel("计分截至：", self))
        top.addWidget(self.as_of_edit)
        top.addWidget(self.scheme_label, 1)
        top.addWidget(edit)
        right = column(self, self.ledger_title, self.ledger_view)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.members_view)
        splitter.addWidget(right)
        splitter.setSizes([420, 600])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._started = False

    def as_of(self) -> dt.date:
        day = self.as_of_edit.date()
        return dt.date(day.year(), day.month(), day.day())

    def refresh(self) -> None:
        if not self._started:
            self._started = True
            try:
                day = as_of_day(Campaign.current())
            except LookupError:
                day = dt.date.today()
            self.as_of_edit.blockSignals(True)
            self.as_of_edit.setDate(QDate(day.year, day.month, day.day))
            self.as_of_edit.blockSignals(False)
        self.scheme_label.setText("积分办法：" + scheme_text(scheme()))
        self.members_model.set_rows(member_totals(self.as_of(), self.context.org_ids()))
        self.ledger_model.set_rows([])
        self.ledger_title.setText("选择左侧党员查看积分明细")

    def show_ledger(self, index) -> None:
        member = self.members_view.model().data(index, ROW_ROLE) if index.isValid() else None
        if member is None:
            return
        entries, total = member_ledger(member.member_id, self.as_of())
        self.ledger_model.set_rows(entries)
        self.ledger_title.setText(
            f"{member.name}（{member.org_name}）积分 {total:g} 分，共 {len(entries)} 条明细"
        )

    def open_entry(self, entry) -> None:
        if entry is not None and entry.model is not None and entry.record_id is not None:
            self.context.open_record(entry.model, entry.record_id)

    def edit_scheme(self) -> None:
        dialog = SchemeDialog(scheme(), self)
        # A write the disk refused opens the dialog again, with the scheme as edited.
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                settings.put(SCHEME_KEY, dialog.scheme())
            except WRITE_ERRORS as error:
                show_write_error(self, "积分办法", error)
                continue
            self.refresh()
            return
