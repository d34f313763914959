"""抓落实 → 督查评分: enter a village's scores for an inspection; problems found go to the ledger.

Choose the quarter and the village, then the inspection (or make a new one). Computed
items are filled in from the records; changing one asks for the reason. Problems found
are written straight into the 问题台账 with a deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.campaign_time import QuarterRefused
from app.campaign_time import campaign_quarters
from app.campaign_time import day_in_quarter
from app.campaign_time import parse_quarter
from app.campaign_time import quarter_label
from app.campaign_time import quarter_of
from app.inspection.ranking import quarter_progress
from app.inspection.scorecard import default_template
from app.inspection.scoresheet import ScoresheetPlan
from app.inspection.scoresheet import ScoresheetRefused
from app.inspection.scoresheet import create_quarter_inspections
from app.inspection.scoresheet import export_scoresheet
from app.inspection.scoresheet import plan_scores
from app.inspection.scoring import InspectionRefused
from app.inspection.scoring import item_counts
from app.inspection.scoring import record_problem
from app.inspection.scoring import totals
from app.records import InvalidRecord
from app.records import save_record
from app.setup.identity import installation
from app.storage.errors import WRITE_ERRORS
from app.storage.safe_write import WriteFailed
from models import Campaign
from models import Inspection
from models import Organisation
from models import Problem
from models.delivery import INSPECTION_KINDS
from ui.background import database_writes
from ui.background import run_in_background
from ui.pages import page
from ui.pages.score_model import ScoreTableModel
from ui.pages.scores_import import ScoresImportDialog
from ui.widgets.error_dialog import show_failed_work
from ui.widgets.error_dialog import show_write_error
from ui.widgets.file_dialogs import EXCEL_FILES
from ui.widgets.file_dialogs import ask_open_path
from ui.widgets.file_dialogs import ask_save_path
from ui.widgets.grid_keys import enter_moves_down
from ui.widgets.read_only import mark_writes
from ui.widgets.small_form import SmallForm

TITLE = page("inspection").title


class InspectionForm(SmallForm):
    """The date and team of new inspections, and their kind when for one village."""

    def __init__(self, title: str, village: str | None, quarter: str, day: dt.date, parent: QWidget):
        super().__init__(title, parent)
        if village is not None:
            self.info("党组织", village)
        self.info("季度", quarter)
        self.kind = QComboBox(self)  # for one village: 季督查, 专项督查…; the whole quarter: 季督查
        self.kind.addItems(INSPECTION_KINDS)
        if village is not None:
            self.field("督查类型", self.kind)
        else:
            self.kind.hide()
        self.day = self.date("督查日期", day)
        self.inspectors = self.field("督查组成员", QLineEdit())
        self.finish()


class InspectionView(QWidget):
    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.last_message = ""
        self.quarter = QComboBox()
        self.village = QComboBox()
        self.inspection = QComboBox()
        self.new_button = QPushButton("新建督查…")
        self.new_button.clicked.connect(self.new_inspection_dialog)
        self.all_button = QPushButton("全部村（社区）建立本季度督查…")
        self.all_button.setToolTip("为还没有本季度季督查的每个村（社区）建立督查，并计算自动计分的项目")
        self.all_button.clicked.connect(self.quarter_inspections_dialog)
        self.export_sheet_button = QPushButton("导出评分表…")
        self.export_sheet_button.setToolTip(
            "本季度各村（社区）每项评分细则一行的工作簿，交督查组现场填写（自动计分项目已填好并锁定）"
        )
        self.export_sheet_button.clicked.connect(lambda: self.export_scoresheet())
        self.import_sheet_button = QPushButton("导入评分表…")
        self.import_sheet_button.setToolTip("督查组填好的评分表：先检查、后预览，全部无误才一次写入")
        self.import_sheet_button.clicked.connect(lambda: self.choose_scoresheet())
        top = QHBoxLayout()
        for widget in (
            QLabel("季度"),
            self.quarter,
            QLabel("党组织"),
            self.village,
            QLabel("督查"),
            self.inspection,
        ):
            top.addWidget(widget)
        top.addStretch(1)
        # the buttons on a row of their own: with the three choosers they were wider than
        # 1366×768 at 125 %, and 导入评分表… went off-screen
        steps = QHBoxLayout()
        for button in (self.new_button, self.all_button, self.export_sheet_button, self.import_sheet_button):
            steps.addWidget(button)
        steps.addStretch(1)

        self.model = ScoreTableModel(self._ask_reason, self._report, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        enter_moves_down(self.table)  # scores are typed top to bottom, as in Excel
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(6, 220)
        header.resizeSection(7, 110)
        self.total = QLabel()
        self.recompute_button = QPushButton("重新计算")
        self.recompute_button.setToolTip("按台账重新计算自动计分的项目（已填写理由改动过的得分保留）")
        self.problem_button = QPushButton("记录发现的问题…")
        self.evidence_button = QPushButton("评分依据…")
        self.evidence_button.setToolTip("所选细则计入了哪些记录、缺少哪些（双击一行也可查看）")
        self.evidence_button.clicked.connect(lambda: self.show_evidence(self.table.currentIndex().row()))
        self.table.doubleClicked.connect(self._double_clicked)
        self.recompute_button.clicked.connect(lambda: self.reload_scores(recompute=True))
        self.problem_button.clicked.connect(self.problem_dialog)
        town_buttons = (
            self.new_button,
            self.all_button,
            self.export_sheet_button,  # fills in the computed items first
            self.import_sheet_button,
            self.recompute_button,
            self.problem_button,
        )
        mark_writes(*town_buttons)
        if not installation().is_town:
            # the town's inspection results: read on a village's computer, never re-scored there
            for button in town_buttons:
                button.setEnabled(False)
                button.setToolTip("督查评分由镇党委录入，随交换包下发，本机只读")
        bottom = QHBoxLayout()
        bottom.addWidget(self.total, 1)
        bottom.addWidget(self.evidence_button)
        bottom.addWidget(self.recompute_button)
        bottom.addWidget(self.problem_button)

        self.total.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(steps)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.model.totalChanged.connect(self._show_total)
        self.quarter.currentIndexChanged.connect(self._fill_inspections)
        self.village.currentIndexChanged.connect(self._fill_inspections)
        self.inspection.currentIndexChanged.connect(lambda _i: self.reload_scores())
        self.refresh()

    # -- choices ----------------------------------------------------------------------------
    def refresh(self) -> None:
        chosen_q, chosen_v = self.quarter.currentData(), self.village.currentData()
        for box in (self.quarter, self.village):
            box.blockSignals(True)
            box.clear()
        quarters = {q for (q,) in Inspection.live(Inspection.quarter).distinct().tuples()}
        if chosen_q is None and quarters:  # first time: the latest quarter that was inspected
            chosen_q = max(quarters, key=parse_quarter)
        quarters |= campaign_quarters()
        for q in sorted(quarters, key=parse_quarter, reverse=True):
            self.quarter.addItem(quarter_label(q), q)
        ids = self.context.org_ids()
        for org in Organisation.branches():
            if ids is None or org.id in ids:
                self.village.addItem(org.label, org.id)
        for box, chosen in ((self.quarter, chosen_q), (self.village, chosen_v)):
            box.setCurrentIndex(max(box.findData(chosen), 0))
            box.blockSignals(False)
        self._fill_inspections()

    def _fill_inspections(self) -> None:
        chosen = self.inspection.currentData()
        self.inspection.blockSignals(True)
        self.inspection.clear()
        query = Inspection.live().where(
            (Inspection.quarter == self.quarter.currentData())
            & (Inspection.org == self.village.currentData())
        )
        for i in query.order_by(Inspection.date):
            self.inspection.addItem(f"{i.kind} {i.date.isoformat()}", i.id)
        self.inspection.setCurrentIndex(max(self.inspection.findData(chosen), 0))
        self.inspection.blockSignals(False)
        self.reload_scores()

    def current_inspection(self) -> Inspection | None:
        inspection_id = self.inspection.currentData()
        return Inspection.get_or_none(Inspection.id == inspection_id) if inspection_id else None

    def reload_scores(self, recompute: bool = False) -> None:
        inspection = self.current_inspection()
        try:
            self.model.load(inspection, recompute)
        except (InspectionRefused, QuarterRefused) as error:
            self.model.load(None)
            self._report(str(error))
        except WRITE_ERRORS as error:  # the computed scores could not be written
            self.model.load(None)
            show_write_error(self, "督查评分", error, typed_kept=False)
        self.problem_button.setEnabled(inspection is not None and self.model.writable)
        self.evidence_button.setEnabled(inspection is not None)
        self.recompute_button.setEnabled(inspection is not None and self.model.writable)
        # Numbers as wide as they need and the section's name whole, measured once per load
        # (not on every relayout, which would read every row again).
        for column in (0, 2, 3, 4, 5):
            self.table.resizeColumnToContents(column)
        # 评分内容 wraps onto a second line rather than shrinking to “三…” on a small screen
        self.table.resizeRowsToContents()

    def _show_total(self) -> None:
        inspection = self.current_inspection()
        if inspection is None:
            self.total.setText("本季度还没有这个党组织的督查记录，可点击“新建督查…”。")
            return
        total = totals([inspection.id])[inspection.id]
        problems = Problem.live().where(Problem.inspection == inspection).count()
        text = f"合计 {total.points:g} / {total.max_points:g} 分，百分制 {total.score:.2f} 分；发现问题 {problems} 个"
        text += f"；还有 {total.unscored} 项未打分" if total.unscored else ""
        text += f"；{total.unreported} 项未报送（不计分）" if total.unreported else ""
        self.total.setText(text + f"。全镇{quarter_progress(inspection.quarter).text}")

    # -- evidence ---------------------------------------------------------------------------
    def _double_clicked(self, index) -> None:
        # the cells one types into open their editor; the others show what the score rests on
        if not (self.model.flags(index) & Qt.ItemFlag.ItemIsEditable):
            self.show_evidence(index.row())

    def evidence_text(self, row: int) -> str:
        """What one item of the current inspection rests on: the records counted, or the remark."""
        inspection = self.current_inspection()
        if inspection is None or not 0 <= row < len(self.model.scores):
            return ""
        score = self.model.scores[row]
        item = score.item
        lines = [f"{item.name}（分值 {item.max_points:g}）"]
        if item.rule:
            count = item_counts(inspection).get(item.rule)
            lines += count.evidence() if count else ["（这项计算依据已不再使用）"]
            if score.override_reason:
                lines.append(
                    f"督查组改动了计算得分（{score.computed or 0:g} 分），理由：{score.override_reason}"
                )
        else:
            lines.append(
                "由督查组评分。" + (f"督查组说明：{score.remark}" if score.remark else "督查组没有填写说明。")
            )
        return "\n".join(lines)

    def show_evidence(self, row: int) -> None:
        text = self.evidence_text(row)
        if not text:
            self._report("请先在表中选择一项评分细则。")
            return
        dialog = QDialog(self)
        dialog.setWindowTitle("评分依据")
        view = QPlainTextEdit(text)
        view.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        layout.addWidget(buttons)
        dialog.resize(640, 420)
        dialog.exec()

    # -- actions ----------------------------------------------------------------------------
    def _ask_reason(self, item: str, computed: float) -> str | None:
        text, ok = QInputDialog.getText(
            self, "改动计算得分", f"“{item}”是系统根据台账计算的（{computed:g} 分）。\n请写明改动的理由："
        )
        return text.strip() if ok and text.strip() else None

    def _report(self, message: str) -> None:
        QMessageBox.warning(self, TITLE, message)

    def new_inspection(self, kind: str, day: dt.date, inspectors: str = "") -> Inspection:
        """Create an inspection of the chosen village in the chosen quarter (audited)."""
        values = {
            "campaign": Campaign.current(),
            "org": self.village.currentData(),
            "kind": kind,
            "quarter": self.quarter.currentData(),
            "date": day,
            "template": default_template(),
            "inspectors": inspectors,
        }
        inspection = save_record(Inspection, values)
        self.context.notify_changed(Inspection)
        self._fill_inspections()
        self.inspection.setCurrentIndex(self.inspection.findData(inspection.id))
        return inspection

    def _inspection_form(self, title: str, *, one_village: bool) -> InspectionForm:
        day = day_in_quarter(self.quarter.currentData() or quarter_of(dt.date.today()))
        village = self.village.currentText() if one_village else None
        return InspectionForm(title, village, self.quarter.currentText(), day, self)

    def new_inspection_dialog(self) -> SmallForm | None:
        if self.village.currentData() is None:
            self._report("还没有村（社区）党组织，请先在“基础信息”中登记。")
            return None
        form = self._inspection_form("新建督查", one_village=True)
        return self._run_form(
            form,
            lambda: self.new_inspection(
                form.kind.currentText(), form.day_of(form.day), form.inspectors.text().strip()
            ),
            (InvalidRecord, LookupError),
            "新建督查",
            refused="没有建立督查：{}",
        )

    def _run_form(
        self,
        form: SmallForm,
        step: Callable[[], object],
        refusals: tuple[type[Exception], ...],
        title: str,
        refused: str = "{}",
    ) -> SmallForm:
        """Show ``form``; 确定 runs ``step``. A refused value (one of ``refusals``, reported as
        ``refused``) or a write the disk refused keeps the dialog open, with what was typed."""

        def write() -> bool:
            try:
                step()
            except refusals as error:
                self._report(refused.format(error))
                return False
            except WRITE_ERRORS as error:
                show_write_error(form, title, error)
                return False
            return True

        form.write = write
        form.exec()
        return form

    def create_quarter_inspections(self, day: dt.date, inspectors: str, on_done=None) -> None:
        """In the background: the chosen quarter's 季督查 of every village that has none yet."""
        quarter = self.quarter.currentData()

        def work(progress):
            with database_writes():
                made, existing = create_quarter_inspections(quarter, day, inspectors=inspectors)
            return len(made), len(existing)

        def done(result) -> None:
            if result is None:
                return
            made, existing = result
            self.context.notify_changed(Inspection)
            self._fill_inspections()
            self.last_message = f"{quarter_label(quarter)}：新建督查 {made} 个，已有 {existing} 个。"
            self._show_total()
            self.total.setText(f"{self.last_message}{self.total.text()}")
            if on_done is not None:
                on_done(self.last_message)

        def failed(error: BaseException) -> None:
            if isinstance(error, InspectionRefused | QuarterRefused):
                self._report(str(error))
            elif isinstance(error, WRITE_ERRORS):
                show_write_error(self, "建立督查", error)
            else:
                raise error

        run_in_background(
            self, "正在建立督查并计算得分…", work, on_done=done, on_error=failed, cancellable=False
        )

    def quarter_inspections_dialog(self) -> SmallForm:
        form = self._inspection_form("全部村（社区）建立本季度督查", one_village=False)
        if form.exec() == QDialog.DialogCode.Accepted:
            self.create_quarter_inspections(form.day_of(form.day), form.inspectors.text().strip())
        return form

    # -- the inspection team's workbook -------------------------------------------------------
    def export_scoresheet(self, path: str | Path | None = None, on_done=None) -> None:
        """Write the chosen quarter's score workbook (asks where when ``path`` is None), in the background."""
        quarter = self.quarter.currentData()
        if not quarter:
            return
        if not path:
            path = ask_save_path(self, "导出评分表", f"{quarter_label(quarter)}督查评分表.xlsx", EXCEL_FILES)
            if path is None:
                return
        target = Path(path)

        def work(progress):
            progress.report(0, 0, f"正在计算并写出 {target.name}…")
            with database_writes():  # the computed items of a new inspection are filled in first
                return export_scoresheet(quarter, target)

        def done(rows) -> None:
            if rows is None:
                return
            self.context.notify_changed(Inspection)
            self.reload_scores()
            self.last_message = f"已导出评分表：{target}（{rows} 行）。"
            self.total.setText(self.last_message)
            if on_done is not None:
                on_done(target)

        def failed(error: BaseException) -> None:
            if isinstance(error, ScoresheetRefused | InspectionRefused | QuarterRefused | WriteFailed):
                self._report(str(error))
            elif isinstance(error, PermissionError):
                self._report(f"无法写入“{target}”：文件可能正在 Excel/WPS 中打开，请关闭后重试。")
            elif isinstance(error, WRITE_ERRORS):
                show_write_error(self, "导出评分表", error, typed_kept=False)
            else:
                show_failed_work(self, "导出评分表", error)

        run_in_background(self, "正在导出评分表…", work, on_done=done, on_error=failed, cancellable=False)

    def choose_scoresheet(self) -> None:
        path = ask_open_path(self, "选择督查组填好的评分表", f"{EXCEL_FILES};;所有文件 (*)")
        if path is not None:
            self.check_scoresheet(path)

    def check_scoresheet(self, path: Path, *, run: bool = True) -> None:
        """Check the workbook in the background (with progress, cancellable), then the preview."""

        def work(progress):
            def report(done: int, total: int) -> None:
                progress.report(done, total, f"正在检查第 {done} / {total} 行…")

            return plan_scores(path, report, lambda: progress.cancelled)

        def refused(error: BaseException) -> None:
            if isinstance(error, ScoresheetRefused):
                self._report(str(error))
            else:
                show_failed_work(self, "检查评分表", error)

        run_in_background(
            self,
            "正在检查评分表…",
            work,
            lambda plan: self.show_scores_preview(plan, run=run),
            refused,
            cancellable=True,
        )

    def show_scores_preview(
        self, plan: ScoresheetPlan | None, *, run: bool = True
    ) -> ScoresImportDialog | None:
        if plan is None:  # the check was cancelled: nothing read, nothing written
            return None
        dialog = ScoresImportDialog(plan, self, self.context.db_path)  # not kept: as the exchange page
        if run and dialog.exec() == QDialog.DialogCode.Accepted:
            self.scores_imported(dialog)
        return dialog

    def scores_imported(self, dialog: ScoresImportDialog) -> None:
        result = dialog.result_ or {}
        self.context.notify_changed(None)
        self._fill_inspections()
        self.last_message = (
            f"已导入评分表 {dialog.plan.file.name}：写入 {result.get('得分', 0)} 项得分，"
            f"记入问题台账 {result.get('问题', 0)} 个问题。"
        )
        self.total.setText(self.last_message + self.total.text())

    def add_problem(self, description: str, deadline: dt.date, responsible: str, plan: str = "") -> Problem:
        """Write a problem found in the current inspection into the 问题台账."""
        inspection = self.current_inspection()
        if inspection is None:  # the dialog opens only with an inspection chosen
            raise InspectionRefused("请先选择一次督查。")
        problem = record_problem(
            inspection,
            description=description,
            deadline=deadline,
            responsible=responsible,
            plan=plan,
        )
        self.context.notify_changed(Problem)
        self._show_total()
        return problem

    def problem_dialog(self) -> SmallForm | None:
        inspection = self.current_inspection()
        if inspection is None:
            return None
        form = SmallForm("记录发现的问题", self)
        description = form.field("问题描述", QLineEdit())
        responsible = form.field("整改责任人", QLineEdit(inspection.org.secretary))
        deadline = form.date("整改时限", inspection.date + dt.timedelta(days=30))
        plan = form.field("整改方案", QPlainTextEdit())
        form.finish()
        return self._run_form(
            form,
            lambda: self.add_problem(
                description.text(), form.day_of(deadline), responsible.text(), plan.toPlainText()
            ),
            (InspectionRefused, QuarterRefused, InvalidRecord),
            "发现的问题",
        )


def create(context) -> QWidget:
    return InspectionView(context)
