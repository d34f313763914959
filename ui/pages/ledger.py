"""抓落实 → 问题台账管理: the ledger with overdue and reopened problems standing out.

A problem moves 待整改 → 整改中 → 已整改 → 已销号 by the buttons (only the next step is
offered); 回头看 and 跟进督办 are entered here, and a failed 回头看 reopens the problem.
The panel under the table follows a problem from the inspection that found it to its
re-checks and closing. The ledger exports to the office's Excel layout and prints.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.delivery import problems as rules
from app.records import InvalidRecord
from app.setup.identity import installation
from app.storage.errors import WRITE_ERRORS
from models import Notice
from models import Problem
from ui.context import AppContext
from ui.pages.delivery_common import as_of_edit
from ui.pages.delivery_common import save_file
from ui.pages.delivery_common import to_date
from ui.pages.ledger_model import FILTERS
from ui.pages.ledger_model import ID_ROLE
from ui.pages.ledger_model import LedgerTableModel
from ui.pages.problem_detail import detail_html
from ui.pages.problem_dialogs import AccountabilityDialog
from ui.pages.problem_dialogs import CheckDialog
from ui.pages.problem_dialogs import StepDialog
from ui.record_form import RecordFormDialog
from ui.widgets.error_dialog import show_write_error
from ui.widgets.file_dialogs import EXCEL_FILES
from ui.widgets.panes import column
from ui.widgets.panes import two_panes
from ui.widgets.read_only import mark_writes
from ui.widgets.rows_table import RoomForColumn
from ui.widgets.unsaved import GuardedDialog

# The ledger's buttons that only read: they stay on in a read-only window.
NOT_WRITING = ("导出Excel台账…", "打印台账…")


class LedgerView(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.last_message = ""
        self.write_failed = False
        top = QHBoxLayout()
        top.addWidget(QLabel("显示："))
        self.which = QComboBox(self)
        self.which.addItems(list(FILTERS))
        top.addWidget(self.which)
        top.addWidget(QLabel("截至："))
        self.as_of = as_of_edit(self)
        top.addWidget(self.as_of)
        # The count sentence (it wraps) beside the filters; the ledger's files on a row of their
        # own: all on one row were wider than 1366×768 at 150 %.
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)
        files = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, slot in (
            ("新增问题…", self.add_problem),
            ("导出Excel台账…", self.export_excel),
            ("打印台账…", self.print_pdf),
            ("生成逾期问题通报…", self.overdue_notice),
        ):
            files.addWidget(self._button(name, slot))
        files.addStretch(1)

        self.model = LedgerTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        RoomForColumn(self.table, 3, chars=14)  # 问题描述: what the ledger is about

        actions = QHBoxLayout()
        # The town moves a problem; a village reports its 整改 and the town confirms or sends it
        # back (models.authority: the state, 回头看 and 销号 are the town's to write).
        self.is_town = installation().is_town
        steps = (
            (
                ("开始整改", self.start),
                ("整改完成", self.rectified),
                ("确认整改", self.confirm),
                ("退回…", self.send_back),
                ("回头看…", lambda: self.check("回头看")),
                ("跟进督办…", lambda: self.check("跟进督办")),
                ("销号", self.close_problem),
                ("问责…", self.accountability),
                ("编辑…", self.edit),
            )
            if self.is_town
            else (("报整改完成…", self.report), ("编辑…", self.edit))
        )
        for name, slot in steps:
            actions.addWidget(self._button(name, slot))
        if not self.is_town:
            self.buttons["新增问题…"].setEnabled(False)
            self.buttons["新增问题…"].setToolTip("问题由镇党委在督查中发现并登记，随交换包下发")
            self.buttons["生成逾期问题通报…"].hide()
        mark_writes(*(self.buttons[name] for name in self.buttons if name not in NOT_WRITING))
        actions.addStretch(1)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        lower = column(self, actions, self.detail, grow=self.detail)
        split = two_panes(Qt.Orientation.Vertical, self.table, lower, self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(files)
        layout.addWidget(split, 1)

        self.which.currentIndexChanged.connect(self.refresh)
        self.as_of.dateChanged.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.refresh()

    def _button(self, name: str, slot) -> QPushButton:
        button = QPushButton(name, self)
        # as narrow as its words when the screen is (Qt would keep every button 80 pixels wide
        # or more: the nine steps were wider than 1366×768 at 150 %)
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance(name) + 24)
        button.clicked.connect(lambda _=False: slot())
        self.buttons[name] = button
        return button

    # -- reading ------------------------------------------------------------------------
    def day(self):
        return to_date(self.as_of.date())

    def refresh(self) -> None:
        keep = self.selected()
        self.model.load(self.day(), self.context.org_ids(), self.which.currentText())
        late = len(rules.overdue_problems(self.day(), self.context.org_ids()))
        self.summary.setText(
            f"列出 {self.model.rowCount()} 个问题；全部逾期未整改 {late} 个（红色），黄色为回头看未通过重新整改的问题。"
        )
        if keep is None or not self.select_problem(keep.id):
            self._selection_changed()

    def selected(self) -> Problem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        problem = self.model.problem_at(self.proxy.mapToSource(rows[0]).row())
        return Problem.get_or_none(Problem.id == problem.id)

    def select_problem(self, problem_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == problem_id:
                self.table.selectRow(row)
                self._selection_changed()
                return True
        return False

    def _selection_changed(self, *_args) -> None:
        problem = self.selected()
        self.buttons["编辑…"].setEnabled(problem is not None)
        if not self.is_town:
            self.buttons["报整改完成…"].setEnabled(problem is not None and problem.state in rules.OPEN_STATES)
        else:
            moves = rules.allowed_moves(problem) if problem else ()
            pending = problem is not None and rules.is_pending(problem)
            self.buttons["开始整改"].setEnabled("整改中" in moves)
            self.buttons["整改完成"].setEnabled("已整改" in moves)
            self.buttons["确认整改"].setEnabled(pending)
            self.buttons["退回…"].setEnabled(pending)
            self.buttons["销号"].setEnabled("已销号" in moves)
            self.buttons["回头看…"].setEnabled(problem is not None and rules.can_look_back(problem))
            self.buttons["跟进督办…"].setEnabled(problem is not None)
            late = problem is not None and (rules.is_overdue(problem, self.day()) or rules.was_late(problem))
            self.buttons["问责…"].setEnabled(late)
        self.detail.setText(
            detail_html(problem, self.day()) if problem else "选择一个问题，查看它从发现到销号的经过。"
        )

    # -- changing -------------------------------------------------------------------------
    def apply(self, action, *args, **kwargs) -> bool:
        """Run one ledger action on the selected problem; a refusal is shown, not raised."""
        problem = self.selected()
        if problem is None:
            return False
        try:
            action(problem, *args, **kwargs)
        except (rules.StateRefused, InvalidRecord) as refusal:
            self.warn(str(refusal))
            return False
        except WRITE_ERRORS as error:
            self.write_failed = True
            show_write_error(self, "这一步办理", error)
            return False
        self.context.notify_changed(Problem)
        self.refresh()
        self.select_problem(problem.id)
        return True

    def until_written(self, dialog: GuardedDialog, write: Callable[[], bool]) -> None:
        """Show a step's dialog until its step is written or cancelled.

        A refused step (a rule, a bad date) or a write the disk refused keeps the dialog
        open, with everything typed in it.
        """

        def written() -> bool:
            self.write_failed = False
            return bool(write()) and not self.write_failed

        dialog.write = written
        dialog.exec()

    def warn(self, text: str) -> None:
        self.last_message = text
        QMessageBox.warning(self, "未能办理", text)

    def start(self) -> None:
        problem = self.selected()
        dialog = StepDialog("开始整改", None, "整改方案", problem.plan if problem else "", self)
        self.until_written(dialog, lambda: self.apply(rules.start_rectification, dialog.values()[1]))

    def rectified(self) -> None:
        problem = self.selected()
        dialog = StepDialog("整改完成", "整改完成日期", "整改佐证", problem.evidence if problem else "", self)
        self.until_written(dialog, lambda: self.apply(rules.mark_rectified, *dialog.values()))

    def report(self) -> None:
        """A village: 整改完成 reported to the town with its 整改佐证 (待确认 there)."""
        problem = self.selected()
        dialog = StepDialog(
            "报整改完成", "整改完成日期", "整改佐证", problem.evidence if problem else "", self
        )
        self.until_written(dialog, lambda: self.apply(rules.report_rectified, *dialog.values()))

    def confirm(self) -> None:
        self.apply(rules.confirm_rectified)

    def send_back(self) -> None:
        dialog = StepDialog("退回", None, "退回原因（如：佐证不足）", "", self)
        self.until_written(dialog, lambda: self.apply(rules.send_back, dialog.values()[1]))

    def close_problem(self) -> None:
        dialog = StepDialog("销号", "销号日期", None, "", self)
        self.until_written(dialog, lambda: self.apply(rules.close_problem, dialog.values()[0]))

    def check(self, kind: str) -> None:
        dialog = CheckDialog(kind, self)

        def write() -> bool:
            v = dialog.values()
            return self.apply(rules.record_check, v["kind"], v["day"], v["result"], v["checker"], v["note"])

        self.until_written(dialog, write)

    def accountability(self) -> None:
        dialog = AccountabilityDialog(self)
        self.until_written(dialog, lambda: self.apply(rules.hold_accountable, *dialog.values()))

    def edit(self) -> None:
        """编辑 the chosen problem here, in the ledger (not in the raw 问题台账 table)."""
        problem = self.selected()
        if problem is None:
            return
        dialog = RecordFormDialog(Problem, problem, self.context.org_ids(), self)
        if dialog.exec() == RecordFormDialog.DialogCode.Accepted and dialog.saved is not None:
            self.context.notify_changed(Problem)
            self.refresh()
            self.select_problem(problem.id)

    def add_problem(self) -> None:
        dialog = RecordFormDialog(Problem, None, self.context.org_ids(), self)
        if dialog.exec() == RecordFormDialog.DialogCode.Accepted and dialog.saved is not None:
            self.context.notify_changed(Problem)
            self.refresh()
            self.select_problem(dialog.saved.id)

    # -- files ---------------------------------------------------------------------------
    def export_excel(self) -> None:
        from app.delivery.ledger import export_ledger  # noqa: PLC0415 (start-up: openpyxl only for a workbook)

        day, ids = self.day(), self.context.org_ids()
        save_file(
            self,
            "导出问题台账",
            f"问题整改台账_{day.isoformat()}.xlsx",
            EXCEL_FILES,
            lambda path: export_ledger(path, day, ids),
        )

    def print_page(self) -> None:
        """Ctrl+P: the problem ledger."""
        self.print_pdf()

    def print_pdf(self) -> None:
        from app.printing.delivery import print_ledger  # noqa: PLC0415 (start-up: ReportLab only when printing)

        day, ids = self.day(), self.context.org_ids()
        save_file(
            self,
            "打印问题台账",
            f"问题整改台账_{day.isoformat()}.pdf",
            "PDF 文件 (*.pdf)",
            lambda path: print_ledger(path, day, ids),
        )

    def overdue_notice(self) -> None:
        """Print the town-wide notice of overdue problems (GB/T 9704), numbered once per day."""
        from app.printing.overdue_notice import print_overdue_notice  # noqa: PLC0415 (start-up: ReportLab only when printing)

        day, ids = self.day(), self.context.org_ids()
        if not rules.overdue_problems(day, ids):
            self.warn(f"截至{day.isoformat()}没有逾期未整改的问题，无需通报。")
            return
        saved = save_file(
            self,
            "生成逾期问题通报",
            f"逾期问题通报_{day.isoformat()}.pdf",
            "PDF 文件 (*.pdf)",
            lambda path: print_overdue_notice(path, day, ids),
        )
        if saved is not None:
            self.context.notify_changed(Notice)


def create(context: AppContext) -> QWidget:
    return LedgerView(context)
