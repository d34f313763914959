"""抓落实 → 下发重点任务: define a task once, choose villages, plan the steps back from the deadline.

The program proposes each step's dates (倒排工期); the clerk may change any date. 下发
creates one task per chosen village, all sharing one batch, in a single transaction.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.campaign_time import as_of_day
from app.delivery import schedule
from app.delivery.tasks import TaskDefinition
from app.delivery.tasks import issue_task
from app.records import InvalidRecord
from app.storage.errors import WRITE_ERRORS
from app.storage.errors import describe_write_error
from app.text import sort_by_pinyin
from models import Campaign
from models import KeyTask
from models import Organisation
from models import settings
from models.campaign import TRACK_TITLES
from ui.context import AppContext
from ui.pages.delivery_common import as_of_edit
from ui.pages.delivery_common import to_date
from ui.pages.delivery_common import to_qdate
from ui.pages.steps_model import StepsModel
from ui.widgets.error_dialog import show_write_error
from ui.widgets.read_only import mark_writes

DEFAULT_STEPS = (("制定方案", 5), ("组织实施", 20), ("检查验收", 5))


class TaskIssueView(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.last_message = ""
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("如：人居环境整治提升")
        self.track = QComboBox(self)
        for key, label in TRACK_TITLES.items():
            self.track.addItem(label, key)
        self.track.setCurrentIndex(len(TRACK_TITLES) - 1)
        self.office = QLineEdit(self)
        self.office.setPlaceholderText("如：党建办")
        self.owner = QLineEdit(self)
        self.owner.setPlaceholderText("留空则由各村（社区）书记负责")
        self.start = as_of_edit(self, "任务开始日期")
        self.deadline = as_of_edit(self, "完成时限：各步骤从这一天往前倒排")
        # two months on, but never after the campaign's last day
        deadline, end = as_of_day() + dt.timedelta(days=60), self._campaign_end()
        self.deadline.setDate(to_qdate(min(deadline, end) if end else deadline))
        self.output = QPlainTextEdit(self)
        self.output.setMaximumHeight(60)
        form = QFormLayout()
        form.addRow("任务名称", self.title)
        form.addRow("所属行动", self.track)
        form.addRow("责任科室", self.office)
        form.addRow("责任人", self.owner)
        form.addRow("开始日期", self.start)
        form.addRow("完成时限", self.deadline)
        form.addRow("预期成果", self.output)

        self.villages = QListWidget(self)
        pick = QHBoxLayout()
        for text, state in (("全选", True), ("全不选", False)):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, s=state: self.check_all(s))
            pick.addWidget(button)
        village_box = QGroupBox("下发到（可多选）", self)
        vb = QVBoxLayout(village_box)
        vb.addLayout(pick)
        vb.addWidget(self.villages)

        self.steps = StepsModel(self)
        self.steps.weekends = schedule.weekends_are_workdays()
        self.table = QTableView(self)
        self.table.setModel(self.steps)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.weekends = QCheckBox("周六、周日算工作日", self)
        self.weekends.setChecked(self.steps.weekends)
        steps_bar = QHBoxLayout()
        for text, slot in (
            ("添加步骤", self.add_step),
            ("删除步骤", self.remove_step),
            ("重新倒排", self.replan),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, s=slot: s())
            steps_bar.addWidget(button)
        steps_bar.addWidget(self.weekends)
        steps_bar.addStretch(1)
        steps_box = QGroupBox("步骤与工期（倒排工期：从完成时限往前推，日期可直接修改）", self)
        sb = QVBoxLayout(steps_box)
        sb.addLayout(steps_bar)
        sb.addWidget(self.table)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #C00000;")
        sb.addWidget(self.problems)

        self.issue_button = QPushButton("下发任务", self)
        self.issue_button.clicked.connect(lambda _=False: self.issue())
        mark_writes(self.issue_button, self.weekends)
        upper = QHBoxLayout()
        upper.addLayout(form, 3)
        upper.addWidget(village_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(upper)
        layout.addWidget(steps_box, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.issue_button)
        layout.addLayout(bottom)

        # 开始日期 follows the first step (倒排) until the clerk sets it: left alone, the two defaults
        # (today, and a deadline held to the campaign's last day) could contradict the steps
        self.start_set_by_clerk = False
        self._placing_start = False
        self.deadline.dateChanged.connect(lambda _d: self.replan())
        self.start.dateChanged.connect(lambda _d: self._start_changed())
        self.weekends.toggled.connect(self._weekends_toggled)
        self.steps.dataChanged.connect(lambda *_a: self.check())
        self.steps.rowsRemoved.connect(lambda *_a: self.check())
        for title, days in DEFAULT_STEPS:
            self.steps.add_step(title, days)
        self.replan()
        self.refresh()
        self._saved_form = self._form_text()

    # -- unsaved input (asked about when the window closes) ---------------------------------
    def _form_text(self) -> tuple[str, ...]:
        return (
            self.title.text().strip(),
            self.office.text().strip(),
            self.owner.text().strip(),
            self.output.toPlainText().strip(),
        )

    def has_unsaved_input(self) -> bool:
        """Something typed into the form that has not been issued."""
        return self._form_text() != self._saved_form

    def save_page(self) -> bool:
        """Ctrl+S (and 保存 when the window closes): issue the task; False when refused."""
        return bool(self.issue())

    # -- villages ---------------------------------------------------------------------------
    def refresh(self) -> None:
        chosen = set(self.chosen_org_ids())
        self.villages.clear()
        selection = self.context.org_ids()
        for org in sort_by_pinyin(Organisation.branches(), key=lambda o: o.short_name or o.name):
            item = QListWidgetItem(f"{org.label}（书记：{org.secretary or '未填'}）", self.villages)
            item.setData(Qt.ItemDataRole.UserRole, org.id)
            wanted = org.id in chosen or (selection is not None and org.id in selection)
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def check_all(self, state: bool) -> None:
        for i in range(self.villages.count()):
            self.villages.item(i).setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    def chosen_org_ids(self) -> list[int]:
        return [
            self.villages.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.villages.count())
            if self.villages.item(i).checkState() == Qt.CheckState.Checked
        ]

    # -- steps ------------------------------------------------------------------------------
    def add_step(self) -> None:
        self.steps.add_step("", 5)

    def remove_step(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.steps.remove_step(rows[0].row())

    def replan(self) -> None:
        self.steps.deadline = to_date(self.deadline.date())
        self.steps.replan()
        first = min((s.start for s in self.steps.steps if s.start), default=None)
        if first is not None and not self.start_set_by_clerk:
            self._placing_start = True
            try:
                self.start.setDate(to_qdate(first))
            finally:
                self._placing_start = False
        self.check()

    def _start_changed(self) -> None:
        if not self._placing_start:
            self.start_set_by_clerk = True
        self.check()

    def _weekends_toggled(self, checked: bool) -> None:
        try:
            settings.put(schedule.WEEKENDS_KEY, checked)
        except WRITE_ERRORS as error:  # still used for this plan, only not remembered
            show_write_error(self, "“周六、周日算工作日”设置", error, typed_kept=False)
        self.steps.weekends = checked
        self.replan()

    @staticmethod
    def _campaign_end() -> dt.date | None:
        try:
            return Campaign.current().end
        except LookupError:
            return None

    def check(self) -> list[str]:
        """What stops the task from being issued, shown under the steps."""
        found = schedule.check_plan(
            to_date(self.start.date()), to_date(self.deadline.date()), self.steps.steps, self._campaign_end()
        )
        self.problems.setText("\n".join(f"· {p}" for p in found))
        return found

    # -- issuing ----------------------------------------------------------------------------
    def issue(self) -> list[KeyTask]:
        refusals = []
        if not self.title.text().strip():
            refusals.append("请填写任务名称。")
        org_ids = self.chosen_org_ids()
        if not org_ids:
            refusals.append("请至少选择一个村（社区）。")
        if not self.steps.steps:
            refusals.append("请至少添加一个步骤。")
        refusals += self.check()
        if refusals:
            self.tell("未能下发", "\n".join(refusals))
            return []
        definition = TaskDefinition(
            title=self.title.text().strip(),
            track=self.track.currentData(),
            start=to_date(self.start.date()),
            deadline=to_date(self.deadline.date()),
            owner=self.owner.text().strip(),
            office=self.office.text().strip(),
            output=self.output.toPlainText().strip(),
        )
        orgs = list(
            Organisation.select().where(Organisation.id.in_(org_ids)).order_by(Organisation.sort_order)
        )
        try:
            tasks = issue_task(definition, orgs, self.steps.steps)
        except InvalidRecord as refusal:
            hint = "（未填责任人时由各村书记负责，请先在“基础信息”中填写书记，或在此填写责任人）"
            self.tell("未能下发", f"{refusal}{hint if '责任人' in str(refusal) else ''}")
            return []
        except WRITE_ERRORS as error:
            self.last_message = describe_write_error(error)
            show_write_error(self, "下发任务", error)  # nothing issued, everything typed kept
            return []
        # issued: the name and the villages are cleared, so that the same task is not issued
        # twice by a second press; dates, office and steps stay for the next task of the batch
        self.title.clear()
        self.output.clear()
        self.check_all(False)
        self._saved_form = self._form_text()
        self.context.notify_changed(KeyTask)
        self.tell("已下发", f"“{definition.title}”已下发到 {len(tasks)} 个村（社区），可在“挂图作战”中查看。")
        return tasks

    def tell(self, title: str, text: str) -> None:
        self.last_message = text
        if title == "已下发":
            QMessageBox.information(self, title, text)
        else:
            QMessageBox.warning(self, title, text)


def create(context: AppContext) -> QWidget:
    return TaskIssueView(context)
