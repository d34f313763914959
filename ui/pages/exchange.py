"""基础信息 → 数据交换: export templates and packages, and the guided import of a file.

Importing goes in two steps: the file is checked first (in the background) and a preview
shows, per sheet, what would be new, changed, unchanged, conflicting or refused; the clerk
then decides about conflicts and refused rows and only then is anything written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app import exchange
from app.exchange.receipt import write_receipt
from app.setup.identity import installation
from app.storage.errors import WRITE_ERRORS
from app.storage.safe_write import WriteFailed
from models import ImportLog
from models import Organisation
from ui.background import database_writes
from ui.background import run_in_background
from ui.pages.import_dialog import ImportDialog
from ui.widgets.error_dialog import show_failed_work
from ui.widgets.error_dialog import show_write_error
from ui.widgets.file_dialogs import EXCEL_FILES
from ui.widgets.file_dialogs import ask_open_path
from ui.widgets.file_dialogs import ask_save_path
from ui.widgets.read_only import mark_writes
from ui.widgets.rows_model import RowsModel
from ui.widgets.rows_model import by_position
from ui.widgets.rows_table import table_view


class ExchangeView(QWidget):
    """Export a village's template or package; import a file; the import log."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.village = QComboBox()
        self.template_button = QPushButton("导出填报模板…")
        self.package_button = QPushButton("导出交换包…")
        self.prefilled_button = QPushButton("导出预填模板…")
        self.prefilled_button.setToolTip(
            "填报模板中预先填入镇里已有的本村记录、未销号的问题和退回修改的记录：村里核对、补充即可，不必重抄"
        )
        self.prefilled_button.clicked.connect(lambda: self.export("prefilled"))
        self.template_button.clicked.connect(lambda: self.export("template"))
        self.package_button.clicked.connect(lambda: self.export("package"))
        export_box = QGroupBox("导出（用 U 盘带给村里或镇里）")
        row = QHBoxLayout(export_box)
        for widget in (
            QLabel("村（社区）："),
            self.village,
            self.template_button,
            self.prefilled_button,
            self.package_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        self.import_button = QPushButton("导入文件…")
        self.import_button.clicked.connect(lambda: self.choose_and_import())
        # 回执: after an import the town writes the village's receipt (also sent in its next package)
        self.receipt_button = QPushButton("写回执…")
        self.receipt_button.setToolTip(
            "给报送的村（社区）写回执：接收了什么、哪些行未接收及原因、退回修改的内容"
        )
        self.receipt_button.setEnabled(False)
        self.receipt_button.setVisible(installation().is_town)
        self.receipt_button.clicked.connect(lambda: self.write_receipt())
        self._last_import: tuple[exchange.ImportPlan, str] | None = None
        mark_writes(self.import_button, self.receipt_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.log = RowsModel(by_position(("导入时间", "文件", "村（社区）", "结果", "条数", "说明")), self)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "村里填好的模板、村里或镇里导出的交换包都从这里导入。程序按文件内容识别是哪个村的文件，"
            "先检查、后预览，确认后一次性写入；有错误的文件不会写入任何内容。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(export_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.receipt_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(QLabel("导入记录："))
        layout.addWidget(table_view(self.log), 1)
        self.refresh()

    def refresh(self) -> None:
        current = self.village.currentData()
        self.village.clear()
        for org in Organisation.branches():
            self.village.addItem(f"{org.code} {org.label}", org.code)
        if current:
            self.village.setCurrentIndex(max(0, self.village.findData(current)))
        rows = []
        for log in ImportLog.select().order_by(ImportLog.id.desc()).limit(200):
            counts = json.loads(log.counts or "{}")
            total = sum(n for c in counts.values() for k, n in c.items() if k in ("新增", "修改"))
            rows.append(
                (
                    f"{log.time:%Y-%m-%d %H:%M}",
                    log.file_name,
                    log.org_code,
                    log.outcome,
                    total,
                    log.message[:80],
                )
            )
        self.log.set_rows(rows)

    def export(
        self, kind: str, path: str | Path | None = None, on_done: Callable[[Path], object] | None = None
    ) -> None:
        """Write a village's template, prefilled template or package, in the background.

        A prefilled template of a big village takes seconds: a progress dialog shows meanwhile.
        ``on_done(path)`` is told once the file is whole.
        """
        code = self.village.currentData()
        if not code:
            QMessageBox.information(self, "导出", "请先在“党组织”中登记村（社区）党支部。")
            return
        village = exchange.find_village(code)
        label = {"template": "填报模板", "prefilled": "预填的填报模板"}.get(kind, "交换包")
        if not path:
            path = ask_save_path(self, f"保存{label}", f"{village.label}-{label}.xlsx", EXCEL_FILES)
            if not path:
                return
        target = Path(path)

        def work(progress) -> Path:
            progress.report(0, 0, f"正在写出 {village.name} 的{label}：{target.name}…")
            if kind in ("template", "prefilled"):
                exchange.write_template(village, target, prefilled=kind == "prefilled")
            else:
                with database_writes():
                    exchange.export_package(village, target)
            return target

        def done(written: Path) -> None:
            self.status.setText(f"已导出 {village.name} 的{label}：{written}")
            if on_done is not None:
                on_done(written)

        def failed(error: BaseException) -> None:
            self.status.setText(f"{label}没有导出。")
            if isinstance(error, WriteFailed):
                QMessageBox.warning(self, f"导出{label}", str(error))
            elif isinstance(error, PermissionError):
                QMessageBox.warning(
                    self, f"导出{label}", f"无法写入“{target}”：文件可能正在 Excel/WPS 中打开，请关闭后重试。"
                )
            else:
                show_failed_work(self, f"导出{label}", error)

        run_in_background(self, f"正在导出{label}…", work, on_done=done, on_error=failed, cancellable=False)

    def choose_and_import(self) -> None:
        path = ask_open_path(self, "选择要导入的文件", "Excel 工作簿 (*.xlsx);;所有文件 (*)")
        if path:
            run_in_background(
                self,
                "正在检查文件…",
                lambda progress: exchange.plan_import(path, cancelled=lambda: progress.cancelled),
                self.show_preview,
                lambda error: self.file_refused(path, error),
                cancellable=True,
            )

    def file_refused(self, path: str | Path, error: BaseException) -> None:
        if isinstance(error, exchange.CheckCancelled):
            return  # the clerk pressed 取消: nothing was written, nothing to say
        if isinstance(error, exchange.FileRefused):
            exchange.log_import(Path(path), "已拒绝", str(error))
            self.refresh()
            QMessageBox.warning(self, "文件不能导入", str(error))
        else:
            show_failed_work(self, "检查文件", error)

    def show_preview(self, plan: exchange.ImportPlan | None, *, run: bool = True) -> ImportDialog | None:
        if plan is None:  # the check was cancelled
            return None
        dialog = ImportDialog(plan, self, self.context.db_path)
        if run and dialog.exec() == QDialog.DialogCode.Accepted:
            self.imported(dialog)
        return dialog

    def imported(self, dialog: ImportDialog) -> None:
        result = dialog.result_
        self.context.notify_changed(None)
        self.refresh()
        if result is not None:
            lines = [f"{result.outcome}：{dialog.plan.path.name}，写入 {result.written} 条记录。"]
            kept = dialog.plan.totals()["冲突"] - result.conflicts_taken
            if kept:
                lines.append(
                    f"{kept} 条两边都改过的记录保留了本机的内容（在预览中勾选“采用文件中的”才会改用文件中的）。"
                )
            if result.resubmitted:
                lines.append(
                    f"其中 {result.resubmitted} 条是退回后改正、再次报送的记录，请审核后接收或再次退回。"
                )
            lines += result.messages  # at a village: the town's receipts that came with its package
            self.status.setText("\n".join(lines))
            self._last_import = (dialog.plan, result.outcome)
            self.receipt_button.setEnabled(installation().is_town)

    def write_receipt(self, path: str | Path | None = None) -> Path | None:
        """The 写回执 button: the receipt of the last import, for the village that sent the file."""
        if self._last_import is None:
            return None
        plan, outcome = self._last_import
        if not path:
            path = ask_save_path(self, "保存回执", f"{plan.info.org_name}-回执.xlsx", EXCEL_FILES)
            if not path:
                return None
        try:
            with database_writes():
                written = write_receipt(plan, outcome, path)
        except WRITE_ERRORS as error:
            show_write_error(self, "写回执", error, typed_kept=False)
            return None
        self.status.setText(f"已写回执：{written}（下次给{plan.info.org_name}导出交换包时一并带去）")
        return written


def create(context) -> QWidget:
    return ExchangeView(context)
