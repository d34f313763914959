"""政治生日: the members whose join date falls in a chosen month, and recording the branch's ceremony.

Recording the ceremony (date, form, content, the members honoured) marks those members
done for the year; the list shows who is still waiting.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.conduct.birthdays import BirthdayMember
from app.conduct.birthdays import birthday_members
from app.conduct.birthdays import record_ceremony
from app.records import InvalidRecord
from app.storage.errors import WRITE_ERRORS
from models import BirthdayCeremony
from models import Campaign
from models import Member
from models import Organisation
from ui.widgets.date_box import DateBox
from ui.widgets.dialog_buttons import ok_cancel
from ui.widgets.error_dialog import show_write_error
from ui.widgets.read_only import mark_writes
from ui.widgets.rows_model import ROW_ROLE
from ui.widgets.rows_model import RowsModel

FORMS = ("重温入党誓词", "赠送政治生日贺卡", "讲一次党课", "参观红色基地", "集体过政治生日")


def create(context) -> QWidget:
    return BirthdayView(context)


class CeremonyDialog(QDialog):
    """Date, form and content of a 政治生日 ceremony for the listed members."""

    def __init__(self, org: Organisation, people: list[BirthdayMember], day: dt.date, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"记录政治生日活动：{org.label}")
        self.date = DateBox(day, self)
        self.form = QComboBox(self)
        self.form.setEditable(True)
        self.form.addItems(FORMS)
        self.content = QPlainTextEdit(self)
        self.content.setPlaceholderText("活动内容（可不填）")
        names = QLabel("、".join(p.name for p in people), self)
        names.setWordWrap(True)
        layout = QFormLayout(self)
        layout.addRow("活动日期", self.date)
        layout.addRow("活动形式", self.form)
        layout.addRow(f"过政治生日的党员（{len(people)} 人）", names)
        layout.addRow("活动内容", self.content)
        buttons = ok_cancel(self, "保存")
        layout.addRow(buttons)

    def values(self) -> tuple[dt.date, str, str]:
        day = self.date.date()
        return (
            dt.date(day.year(), day.month(), day.day()),
            self.form.currentText().strip(),
            self.content.toPlainText(),
        )


class BirthdayView(QWidget):
    """The month's 政治生日 list with a button to record the ceremony."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.month = QComboBox(self)
        for month in range(1, 13):
            self.month.addItem(f"{month}月", month)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setSuffix("年")
        self.month.currentIndexChanged.connect(lambda _i: self.refresh())
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.summary = QLabel(self)
        self.record_button = QPushButton("记录政治生日活动…", self)
        self.record_button.setToolTip("为所选党员（未选时为本月尚未过政治生日的全部党员）记录活动")
        self.record_button.clicked.connect(self.ask_and_record)
        self.write_failed = False
        mark_writes(self.record_button)

        self.model = RowsModel(
            [
                ("党员", lambda p: p.name),
                ("所在支部", lambda p: p.org_name),
                ("入党日期", lambda p: p.join_date.isoformat()),
                ("党龄", lambda p: f"{p.party_years}年"),
                ("政治生日", lambda p: "已过" if p.done else "未过"),
            ],
            self,
            state_of=lambda p: "达标" if p.done else "滞后",
            state_column=4,
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(
            lambda index: self.context.open_record(Member, self.model.data(index, ROW_ROLE).member_id)
        )

        top = QHBoxLayout()
        top.addWidget(QLabel("入党月份：", self))
        top.addWidget(self.month)
        top.addWidget(self.year)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)
        top.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        hint = QLabel(
            "党员的“政治生日”即入党日期。支部每月（或每季度）为本月入党的党员集中过政治生日；双击党员查看其信息。"
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self._started = False

    def refresh(self) -> None:
        if not self._started:
            self._started = True
            today = dt.date.today()
            try:
                campaign = Campaign.current()
                day = min(max(today, campaign.start), campaign.end)
            except LookupError:
                day = today
            self.year.blockSignals(True)
            self.year.setValue(day.year)
            self.year.blockSignals(False)
            self.month.blockSignals(True)
            self.month.setCurrentIndex(day.month - 1)
            self.month.blockSignals(False)
        people = birthday_members(self.month.currentData(), self.year.value(), self.context.org_ids())
        self.model.set_rows(people)
        done = sum(p.done for p in people)
        self.summary.setText(f"共 {len(people)} 人，已过 {done} 人，未过 {len(people) - done} 人")

    def chosen(self) -> list[BirthdayMember]:
        """The selected members not yet honoured, or, when none is selected, everyone not yet honoured."""
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        people = [self.model.rows[r] for r in sorted(rows)] if rows else self.model.rows
        return [p for p in people if not p.done]

    def ceremony_day(self) -> dt.date:
        """A sensible default date: today within the chosen month, else the month's last working day."""
        year, month = self.year.value(), self.month.currentData()
        today = dt.date.today()
        if (today.year, today.month) == (year, month):
            return today
        last = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return last

    def check_choice(self) -> tuple[Organisation | None, list[BirthdayMember], str]:
        people = self.chosen()
        if not people:
            return None, [], "本月没有尚未过政治生日的党员。"
        branches = {p.org_id for p in people}
        if len(branches) > 1:
            return None, people, "政治生日活动按支部记录：请在上方选择一个村（社区），或只选同一支部的党员。"
        return Organisation.get_by_id(branches.pop()), people, ""

    def ask_and_record(self) -> None:
        org, people, problem = self.check_choice()
        if problem or org is None:  # no branch comes only with a problem to tell
            QMessageBox.information(self, "记录政治生日活动", problem)
            return
        dialog = CeremonyDialog(org, people, self.ceremony_day(), self)
        # A write the disk refused opens the dialog again, with everything typed in it.
        while dialog.exec() == QDialog.DialogCode.Accepted:
            self.write_failed = False
            self.record(org, people, *dialog.values())
            if not self.write_failed:
                return

    def record(
        self, org: Organisation, people: list[BirthdayMember], day: dt.date, form: str, content: str
    ) -> bool:
        """Save the ceremony; a refused value is explained in a message, nothing is written."""
        try:
            record_ceremony(org, day, self.month.currentData(), [p.member_id for p in people], form, content)
        except InvalidRecord as refusal:
            QMessageBox.warning(self, "未能保存", f"政治生日活动未保存：{refusal}")
            return False
        except WRITE_ERRORS as error:
            self.write_failed = True
            show_write_error(self, "政治生日活动", error)
            return False
        self.context.notify_changed(BirthdayCeremony)
        self.refresh()
        return True
