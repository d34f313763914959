"""基础信息 → 数据交换: export templates and packages, and the guided import of a file.

Importing goes in two steps: the file is checked first (in the background) and a preview
shows, per sheet, what would be new, changed, unchanged, conflicting or refused; the clerk
then decides about conflicts and refused rows and only then is anything written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import backup, exchange
from models import ImportLog, Organisation
from ui.background import database_writes, run_in_background

TAB = "基础信息"
TITLE = "数据交换"
ORDER = 60

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole


class RowsModel(QAbstractTableModel):
    """A read-only table of rows of text (per-sheet counts, problems, the import log)."""

    def __init__(self, headers: tuple[str, ...], parent=None):
        super().__init__(parent)
        self.headers = headers
        self.rows: list[tuple] = []

    def set_rows(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        if role in (_DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return str(self.rows[index.row()][index.column()])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None


class ConflictModel(RowsModel):
    """The conflicting records, each with a check box: 采用文件中的 (else the computer's own stays)."""

    def __init__(self, plan: exchange.ImportPlan, parent=None):
        super().__init__(("采用文件中的", "工作表", "行", "改动的内容", "说明"), parent)
        self.conflicts = plan.conflicts()
        self.take: set[str] = set()
        self.set_rows(
            [("", r.incoming.sheet, r.incoming.row, "、".join(_labels(r)), r.note) for r in self.conflicts]
        )

    def flags(self, index: _Index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            chosen = self.conflicts[index.row()].uuid in self.take
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        uuid = self.conflicts[index.row()].uuid
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        self.take.add(uuid) if checked else self.take.discard(uuid)
        self.dataChanged.emit(index, index, [role])
        return True

    def choices(self) -> dict[str, str]:
        return {
            r.uuid: exchange.TAKE_FILE if r.uuid in self.take else exchange.KEEP_LOCAL for r in self.conflicts
        }


def _labels(row) -> list[str]:
    fields = row.incoming.model._meta.fields
    return [fields[n].verbose_name if n in fields else n for n in row.changed_fields]


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ImportDialog(QDialog):
    """The preview of one checked file, and the button that merges it."""

    def __init__(self, plan: exchange.ImportPlan, parent: QWidget | None = None, db_path: Path | None = None):
        super().__init__(parent)
        self.plan = plan
        self.db_path = db_path
        self.result_: exchange.ImportResult | None = None
        info = plan.info
        kind = "填报模板" if info.kind == "template" else "交换包"
        self.setWindowTitle(f"导入 {plan.path.name}")
        totals = plan.totals()
        summary = QLabel(
            f"{info.org_name}（{info.org_code}）的{kind}，导出于 {info.exported_at}。"
            f"共 新增 {totals['新增']} 条、修改 {totals['修改']} 条、无变化 {totals['无变化']} 条、"
            f"冲突 {totals['冲突']} 条、有错误 {totals['拒绝']} 条。"
        )
        summary.setWordWrap(True)
        self.counts = RowsModel(("工作表", *exchange.STATUSES), self)
        self.counts.set_rows([(sheet, *c.values()) for sheet, c in plan.counts().items()])
        self.problems = RowsModel(("工作表", "行", "列", "内容", "应为"), self)
        self.problems.set_rows([(p.sheet, p.row, p.column, p.value, p.expected) for p in plan.problems()])
        self.conflicts = ConflictModel(plan, self)
        conflict_view = _table(self.conflicts)
        conflict_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)

        self.skip_refused = QCheckBox(
            "跳过有错误的行，先导入其余的行（有错误的行改正后可再次导入，不会重复）"
        )
        self.skip_refused.setVisible(bool(plan.problems()) and not plan.sheet_problems)
        self.skip_refused.toggled.connect(self._update_buttons)
        self.errors_button = QPushButton("保存标出错误的工作簿…")
        self.errors_button.setVisible(bool(plan.problems()))
        self.errors_button.clicked.connect(self.save_errors)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.import_button = buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.merge)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(_table(self.counts), 2)
        if self.conflicts.rowCount():
            layout.addWidget(
                QLabel("以下记录上次交换后两边都改过：勾选的采用文件中的内容，未勾选的保留本机的内容。")
            )
            layout.addWidget(conflict_view, 1)
        if self.problems.rowCount():
            layout.addWidget(QLabel("以下单元格有错误（可保存标出错误的工作簿，交给村里改正）："))
            layout.addWidget(_table(self.problems), 2)
        for note in plan.notes:
            layout.addWidget(QLabel(note))
        row = QHBoxLayout()
        row.addWidget(self.errors_button)
        row.addWidget(self.skip_refused)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(820, 560)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        blocked = bool(self.plan.sheet_problems) or (
            bool(self.plan.problems()) and not self.skip_refused.isChecked()
        )
        self.import_button.setEnabled(not blocked)

    def save_errors(self, path: str | Path | None = None) -> Path | None:
        if not path:
            suggested = self.plan.path.with_name(self.plan.path.stem + "-错误标注.xlsx")
            path, _ = QFileDialog.getSaveFileName(
                self, "保存标出错误的工作簿", str(suggested), "Excel 工作簿 (*.xlsx)"
            )
            if not path:
                return None
        out = exchange.write_errors(self.plan.path, self.plan.problems(), path)
        return out

    def merge(self) -> exchange.ImportResult | None:
        """Write the file in one transaction; the dialog closes when it is done."""
        try:
            if self.db_path is not None:
                backup.make_backup(self.db_path, reason="导入前")  # a wrong import can be undone
        except backup.BackupError as error:
            QMessageBox.warning(self, "未导入", f"导入前备份数据库失败，为安全起见没有导入。\n{error}")
            return None
        try:
            with database_writes():
                self.result_ = exchange.apply_plan(
                    self.plan, conflicts=self.conflicts.choices(), skip_refused=self.skip_refused.isChecked()
                )
        except exchange.ImportRefused as refusal:
            QMessageBox.warning(self, "未导入", f"文件有错误，未导入任何内容。\n{refusal}")
            return None
        self.accept()
        return self.result_


class ExchangeView(QWidget):
    """Export a village's template or package; import a file; the import log."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.village = QComboBox()
        self.template_button = QPushButton("导出填报模板…")
        self.package_button = QPushButton("导出交换包…")
        self.template_button.clicked.connect(lambda: self.export("template"))
        self.package_button.clicked.connect(lambda: self.export("package"))
        export_box = QGroupBox("导出（用 U 盘带给村里或镇里）")
        row = QHBoxLayout(export_box)
        for widget in (QLabel("村（社区）："), self.village, self.template_button, self.package_button):
            row.addWidget(widget)
        row.addStretch(1)
        self.import_button = QPushButton("导入文件…")
        self.import_button.clicked.connect(lambda: self.choose_and_import())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.log = RowsModel(("导入时间", "文件", "村（社区）", "结果", "条数", "说明"), self)
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
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(QLabel("导入记录："))
        layout.addWidget(_table(self.log), 1)
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

    def export(self, kind: str, path: str | Path | None = None) -> Path | None:
        code = self.village.currentData()
        if not code:
            QMessageBox.information(self, "导出", "请先在“党组织”中登记村（社区）党支部。")
            return None
        village = exchange.find_village(code)
        label = "填报模板" if kind == "template" else "交换包"
        if not path:
            suggested = str(Path.home() / f"{village.label}-{label}.xlsx")
            path, _ = QFileDialog.getSaveFileName(self, f"保存{label}", suggested, "Excel 工作簿 (*.xlsx)")
            if not path:
                return None
        if kind == "template":
            exchange.write_template(village, path)
        else:
            with database_writes():
                exchange.export_package(village, path)
        self.status.setText(f"已导出 {village.name} 的{label}：{path}")
        return Path(path)

    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "选择要导入的文件", str(Path.home()), "Excel 工作簿 (*.xlsx);;所有文件 (*)"
        )
        if path:
            run_in_background(
                self,
                "正在检查文件…",
                lambda _progress: exchange.plan_import(path),
                self.show_preview,
                lambda error: self.file_refused(path, error),
                cancellable=False,
            )

    def file_refused(self, path: str | Path, error: BaseException) -> None:
        if isinstance(error, exchange.FileRefused):
            exchange.log_import(Path(path), "已拒绝", str(error))
            self.refresh()
            QMessageBox.warning(self, "文件不能导入", str(error))
        else:
            QMessageBox.critical(self, "文件不能导入", f"检查文件时出错：{error}")

    def show_preview(self, plan: exchange.ImportPlan, *, run: bool = True) -> ImportDialog:
        dialog = ImportDialog(plan, self, self.context.db_path)
        if run and dialog.exec() == QDialog.DialogCode.Accepted:
            self.imported(dialog)
        return dialog

    def imported(self, dialog: ImportDialog) -> None:
        result = dialog.result_
        self.context.notify_changed(None)
        self.refresh()
        if result is not None:
            self.status.setText(f"{result.outcome}：{dialog.plan.path.name}，写入 {result.written} 条记录。")


def create(context) -> QWidget:
    return ExchangeView(context)
