"""督查评分 → 导入评分表: the inspection team's workbook checked, previewed per village, then written.

The same steps as importing a village's file (数据交换): the workbook is checked in the
background, a preview shows per village what would change (old → new points and the
reasons), which problems would go into the 问题台账 and what stays as it is, and every bad
cell by sheet, row and column; with errors nothing can be imported (导出错误清单 writes the
workbook with the cells marked). 取消 writes nothing; 导入 writes everything in one
transaction, after a backup, in the background.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.inspection.scoresheet import ScoresheetPlan
from app.inspection.scoresheet import apply_scores
from app.inspection.scoring import InspectionRefused
from app.storage import backup
from ui.background import database_writes
from ui.background import run_in_background
from ui.pages.import_dialog import PreviewButtons
from ui.pages.import_dialog import not_imported_text
from ui.pages.import_dialog import save_errors_workbook
from ui.widgets.rows_model import RowsModel
from ui.widgets.rows_model import by_position
from ui.widgets.rows_table import table_view


class ScoresImportDialog(QDialog):
    """The preview of one checked score workbook, and the button that writes it."""

    def __init__(self, plan: ScoresheetPlan, parent: QWidget | None = None, db_path: Path | None = None):
        super().__init__(parent)
        self.plan = plan
        self.db_path = db_path
        self.result_: dict[str, int] | None = None
        self.setWindowTitle(f"导入评分表 {plan.file.name}")
        self.villages = plan.villages()
        counts = plan.counts()
        summary = QLabel(
            f"督查评分表“{plan.file.name}”，{len(self.villages)} 个村（社区）："
            f"修改 {counts['修改']} 项、无变化 {counts['无变化']} 项、"
            f"发现问题 {counts['发现问题']} 个（记入问题台账）、有错误 {counts['有错误']} 行。"
        )
        summary.setWordWrap(True)
        self.village_rows = RowsModel(
            by_position(("村（社区）代码", "村（社区）", "修改", "发现问题", "无变化")), self
        )
        self.village_rows.set_rows(
            [(v.code, v.name, len(v.items), len(v.problems), v.unchanged) for v in self.villages]
        )
        self.changes = RowsModel(
            by_position(("村（社区）", "行", "评分细则", "原得分", "新得分", "理由或说明")), self
        )
        self.changes.set_rows(
            [
                (v.name, c.row, c.item, c.old, c.new, "；".join(t for t in (c.reason, c.remark) if t))
                for v in self.villages
                for c in v.items
            ]
        )
        self.new_problems = RowsModel(by_position(("村（社区）", "发现的问题")), self)
        self.new_problems.set_rows([(v.name, text) for v in self.villages for text in v.problems])
        self.problems = RowsModel(by_position(("工作表", "行", "列", "内容", "应为")), self)
        self.problems.set_rows([(p.sheet, p.row, p.column, p.value, p.expected) for p in plan.problems])

        foot = PreviewButtons(self, "导出错误清单…", bool(plan.problems), self.save_errors, self.start_write)
        self.errors_button, self.import_button = foot.errors_button, foot.import_button
        self.errors_button.setToolTip("保存这个工作簿，有错误的单元格标红并写明原因，交督查组改正")

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(table_view(self.village_rows), 3)
        if self.changes.rowCount():
            layout.addWidget(QLabel("改动的得分（原得分 → 新得分）："))
            layout.addWidget(table_view(self.changes), 2)
        if self.new_problems.rowCount():
            layout.addWidget(QLabel("将记入问题台账的问题（整改时限按督查日期后的默认天数）："))
            layout.addWidget(table_view(self.new_problems), 1)
        if self.problems.rowCount():
            layout.addWidget(QLabel("以下单元格有错误，全部改正前不能导入（可导出错误清单，交督查组改正）："))
            layout.addWidget(table_view(self.problems), 2)
        if not plan.changes and not plan.problems:
            layout.addWidget(QLabel("工作簿与本机的得分相同，没有需要导入的内容。"))
        foot.add_to(layout)
        self.resize(900, 680)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(not self.plan.problems and bool(self.plan.changes))

    def save_errors(self, path: str | Path | None = None) -> Path | None:
        return save_errors_workbook(self, self.plan.file, self.plan.problems, path)

    def write(self) -> dict[str, int]:
        """Back up, then write in one transaction (touches no widget: runs on a worker thread)."""
        if self.db_path is not None:
            backup.auto_backup(self.db_path, reason="导入督查评分前")  # a wrong import can be undone
        with database_writes():
            return apply_scores(self.plan)

    def start_write(self) -> None:
        """The 导入 button: write in the background behind a progress dialog."""
        self.import_button.setEnabled(False)
        run_in_background(
            self,
            "正在导入评分…",
            lambda _progress: self.write(),
            self._written,
            self._failed,
            cancellable=False,
        )

    def _written(self, result: dict[str, int]) -> None:
        self.result_ = result
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._update_buttons()
        QMessageBox.warning(self, "未导入", not_imported_text(error, InspectionRefused))
