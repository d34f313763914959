"""基础信息 → 导入花名册: the town's or a branch's roster as it is, checked, previewed, written at once.

The clerk chooses the workbook; columns the program does not know are offered for mapping
once (and remembered); the preview lists every member as 新增, 修改 (who moved branch) or
无变化 and every bad cell; 导入 writes all of it in one transaction, or nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app import exchange
from app import roster
from app.roster.headers import MEMBER_HEADERS
from app.roster.headers import SKIP
from app.roster.members import LABELS
from app.storage import backup
from models import Organisation
from ui.background import database_writes
from ui.background import run_in_background
from ui.pages.import_dialog import PreviewButtons
from ui.pages.import_dialog import save_errors_workbook
from ui.widgets.dialog_buttons import ok_cancel
from ui.widgets.file_dialogs import ask_open_path
from ui.widgets.rows_model import RowsModel
from ui.widgets.rows_model import by_position
from ui.widgets.rows_table import table_view

NOT_IMPORTED = "（不导入）"


class HeaderMappingDialog(QDialog):
    """Unknown columns of a roster, each given the member field it holds (or none); remembered."""

    def __init__(self, headers: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("花名册中有不认识的列")
        layout = QVBoxLayout(self)
        intro = QLabel("请说明这些列填的是什么（选一次即可，以后导入花名册时程序会记住）：")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.choices: dict[str, QComboBox] = {}
        for header in headers:
            combo = QComboBox(self)
            combo.addItem(NOT_IMPORTED, SKIP)
            for name in MEMBER_HEADERS:
                combo.addItem(LABELS[name], name)
            self.choices[header] = combo
            form.addRow(f"“{header}”：", combo)
        layout.addLayout(form)
        buttons = ok_cancel(self, "确定，重新检查")
        layout.addWidget(buttons)

    def mapping(self) -> dict[str, str]:
        return {header: combo.currentData() for header, combo in self.choices.items()}


class RosterPreviewDialog(QDialog):
    """Per member what importing would do, the bad cells, and the button that writes it all."""

    def __init__(self, plan: roster.RosterPlan, db_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan, self.db_path = plan, db_path
        self.result_: roster.RosterResult | None = None
        self.setWindowTitle(f"导入花名册 {plan.path.name}")
        totals = plan.totals()
        summary = QLabel(
            f"共 {sum(totals.values())} 名党员：新增 {totals['新增']} 名、修改 {totals['修改']} 名、"
            f"无变化 {totals['无变化']} 名、有错误 {totals['拒绝']} 名。"
            + (f"\n转支部 {len(plan.moves())} 名：" + "；".join(plan.moves()[:10]) if plan.moves() else "")
        )
        summary.setWordWrap(True)
        self.members = RowsModel(by_position(("工作表", "行", "姓名", "结果", "说明")), self)
        self.members.set_rows([(r.sheet, r.row, r.name, r.status, _explain(r)) for r in plan.rows])
        self.problems = RowsModel(by_position(("工作表", "行", "列", "内容", "应为")), self)
        self.problems.set_rows(
            [(p.sheet, p.row, p.column or "整行", p.value, p.expected) for p in plan.problems()]
        )
        foot = PreviewButtons(
            self, "保存标出错误的工作簿…", bool(plan.problems()), self.save_errors, self.start_import
        )
        self.errors_button, self.import_button = foot.errors_button, foot.import_button
        self.import_button.setEnabled(not plan.problems() and bool(totals["新增"] or totals["修改"]))
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(table_view(self.members), 3)
        if plan.problems():
            layout.addWidget(QLabel("以下单元格有错误，改正后再导入（有错误时不会导入任何党员）："))
            layout.addWidget(table_view(self.problems), 2)
        for note in plan.notes:
            layout.addWidget(QLabel(note))
        foot.add_to(layout)
        self.resize(860, 600)

    def save_errors(self, path: str | Path | None = None) -> Path | None:
        return save_errors_workbook(self, self.plan.path, self.plan.problems(), path)

    def write(self) -> roster.RosterResult:
        """Back up, then write every member in one transaction (no widget: runs on a worker)."""
        if self.db_path is not None:
            backup.make_backup(self.db_path, reason="导入花名册前")  # a wrong import can be undone
        with database_writes():
            return roster.apply_roster(self.plan)

    def start_import(self) -> None:
        self.import_button.setEnabled(False)
        run_in_background(
            self, "正在导入花名册…", lambda _p: self.write(), self._written, self._failed, cancellable=False
        )

    def _written(self, result: roster.RosterResult) -> None:
        self.result_ = result
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, backup.BackupError):
            text = f"导入前备份数据库失败，为安全起见没有导入。\n{error}"
        else:
            text = f"未导入任何党员（所有改动已撤回）。\n{error}"
        QMessageBox.warning(self, "未导入", text)


def _explain(row: roster.RosterRow) -> str:
    if row.moved_from:
        return f"从 {row.moved_from} 转到 {row.moved_to}"
    if row.changed:
        return "改动：" + "、".join(LABELS.get(n, n) for n in row.changed)
    if row.problems:
        return f"{len(row.problems)} 处错误"
    return ""


class RosterImportPage(QWidget):
    """The roster wizard: choose the file, map unknown columns, preview, import."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.mapping_dialog: HeaderMappingDialog | None = None
        self.preview: RosterPreviewDialog | None = None
        intro = QLabel(
            "把镇里或支部现有的党员花名册（Excel 工作簿）直接导入，不必改成模板：表头可在标题行下面，"
            "列名可用“公民身份号码”“所属支部”“文化程度”等常见写法。已登记的党员按身份证号识别，"
            "再次导入同一花名册只更新改动的内容，不会重复。先检查、后预览，确认后一次性写入。"
        )
        intro.setWordWrap(True)
        self.branch = QComboBox()
        self.choose_button = QPushButton("选择花名册文件…")
        self.choose_button.clicked.connect(lambda: self.choose_file())
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("表中没有“所在党支部”列时，党员所在的支部："))
        row.addWidget(self.branch)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        current = self.branch.currentData()
        self.branch.clear()
        self.branch.addItem("（按表中、工作表名称或标题判断）", None)
        for org in Organisation.branches():
            self.branch.addItem(f"{org.code} {org.label}", org.code)
        self.branch.setCurrentIndex(max(0, self.branch.findData(current)))

    def choose_file(self) -> None:
        path = ask_open_path(self, "选择党员花名册", "Excel 工作簿 (*.xlsx);;所有文件 (*)")
        if path:
            self.check(path)

    def check(self, path: Path) -> None:
        """Read and check the roster in the background, then map unknown columns or preview."""
        org = self.branch.currentData()
        run_in_background(
            self,
            "正在检查花名册…",
            lambda _p: roster.plan_roster(path, default_org=org),
            self.checked,
            self.refused,
            cancellable=False,
        )

    def checked(self, plan: roster.RosterPlan) -> None:
        if plan.unknown_headers:
            self.mapping_dialog = HeaderMappingDialog(plan.unknown_headers, self)
            self.mapping_dialog.accepted.connect(lambda: self._mapped(plan.path))
            self.mapping_dialog.rejected.connect(lambda: self._show_preview(plan))
            self.mapping_dialog.open()
            return
        self._show_preview(plan)

    def _mapped(self, path: Path) -> None:
        assert self.mapping_dialog is not None
        roster.remember(self.mapping_dialog.mapping())
        self.check(path)

    def _show_preview(self, plan: roster.RosterPlan) -> None:
        self.preview = RosterPreviewDialog(plan, self.context.db_path, self)
        self.preview.accepted.connect(self.imported)
        self.preview.open()

    def imported(self) -> None:
        assert self.preview is not None
        result = self.preview.result_
        self.context.notify_changed(None)
        if result is not None:
            moved = f"，其中 {len(result.moves)} 名转了支部" if result.moves else ""
            self.status.setText(
                f"已导入 {self.preview.plan.path.name}：新增 {result.added} 名、修改 {result.changed} 名党员{moved}。"
            )

    def refused(self, error: BaseException) -> None:
        if isinstance(error, exchange.FileRefused):
            QMessageBox.warning(self, "花名册不能导入", str(error))
        else:
            QMessageBox.critical(self, "花名册不能导入", f"检查文件时出错：{error}")


def create(context) -> QWidget:
    return RosterImportPage(context)
