"""The guided import of one checked file: per-sheet preview, conflicts, refused cells, merge."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app import exchange
from app.storage import backup
from app.storage.errors import WRITE_ERRORS
from app.storage.errors import describe_database_error
from app.storage.errors import describe_write_error
from app.storage.safe_write import WriteFailed
from ui.background import database_writes
from ui.background import run_in_background
from ui.widgets.dialog_buttons import cancel_and
from ui.widgets.file_dialogs import EXCEL_FILES
from ui.widgets.file_dialogs import ask_save_path
from ui.widgets.rows_model import RowsModel
from ui.widgets.rows_model import by_position
from ui.widgets.rows_table import table_view

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole


class ConflictModel(RowsModel):
    """The conflicting records, each with a check box: 采用文件中的 (else the computer's own stays)."""

    def __init__(self, plan: exchange.ImportPlan, parent=None):
        super().__init__(by_position(("采用文件中的", "工作表", "行", "改动的内容", "说明")), parent)
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


class DuplicateModel(ConflictModel):
    """Rows that may repeat a stored record, each with a check box: 另存为新记录 (else it changes that record)."""

    def __init__(self, plan: exchange.ImportPlan, parent=None):
        RowsModel.__init__(self, by_position(("另存为新记录", "工作表", "行", "改动的内容", "说明")), parent)
        self.conflicts = plan.likely_duplicates()
        self.take = set()
        self.set_rows(
            [("", r.incoming.sheet, r.incoming.row, "、".join(_labels(r)), r.note) for r in self.conflicts]
        )

    def choices(self) -> dict[str, str]:
        return {
            r.uuid: exchange.KEEP_BOTH if r.uuid in self.take else exchange.MERGE_DUPLICATE
            for r in self.conflicts
        }


def _labels(row) -> list[str]:
    fields = row.incoming.model._meta.fields
    return [fields[n].verbose_name if n in fields else n for n in row.changed_fields]


def save_errors_workbook(
    parent: QWidget, source: Path, problems: list, path: str | Path | None = None
) -> Path | None:
    """The checked file with every bad cell marked, saved where the clerk chooses (asked when
    ``path`` is None); a full or read-only stick is said, nothing half-written is left."""
    if not path:
        suggested = source.with_name(source.stem + "-错误标注.xlsx")
        path = ask_save_path(parent, "保存标出错误的工作簿", str(suggested), EXCEL_FILES)
        if not path:
            return None
    try:
        return exchange.write_errors(source, problems, path)
    except WriteFailed as failed:
        QMessageBox.warning(parent, "保存标出错误的工作簿", str(failed))
        return None


class PreviewButtons:
    """The foot of an import preview: the errors button (shown when there are bad cells) on the
    left of its row, and 取消 and 导入 under it."""

    def __init__(
        self,
        dialog: QDialog,
        errors_text: str,
        has_problems: bool,
        save_errors: Callable[..., object],
        start: Callable[[], object],
    ):
        self.errors_button = QPushButton(errors_text)
        self.errors_button.setVisible(has_problems)
        self.errors_button.clicked.connect(save_errors)  # bound method: keeps no closed dialog alive
        self.box, self.import_button = cancel_and(dialog, "导入")
        self.import_button.clicked.connect(start)

    def add_to(self, layout: QVBoxLayout, *beside: QWidget) -> None:
        """Ends ``layout``; ``beside`` come after the errors button in its row."""
        row = QHBoxLayout()
        for widget in (self.errors_button, *beside):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.box)


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
            + (f"\n{nothing}" if (nothing := plan.nothing_to_import()) else "")
        )
        summary.setWordWrap(True)
        self.counts = RowsModel(by_position(("工作表", *exchange.STATUSES)), self)
        self.counts.set_rows([(sheet, *c.values()) for sheet, c in plan.counts().items()])
        self.problems = RowsModel(by_position(("工作表", "行", "列", "内容", "应为")), self)
        self.problems.set_rows([(p.sheet, p.row, p.column, p.value, p.expected) for p in plan.problems()])
        self.conflicts = ConflictModel(plan, self)
        conflict_view = table_view(self.conflicts)
        conflict_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.duplicates = DuplicateModel(plan, self)
        duplicate_view = table_view(self.duplicates)
        duplicate_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)

        self.skip_refused = QCheckBox(
            "跳过有错误的行，先导入其余的行（有错误的行改正后可再次导入，不会重复）"
        )
        self.skip_refused.setVisible(bool(plan.problems()) and not plan.sheet_problems)
        self.skip_refused.toggled.connect(self._update_buttons)
        foot = PreviewButtons(
            self, "保存标出错误的工作簿…", bool(plan.problems()), self.save_errors, self.start_merge
        )
        self.errors_button, self.import_button = foot.errors_button, foot.import_button

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(table_view(self.counts), 2)
        if self.conflicts.rowCount():
            layout.addWidget(
                QLabel("以下记录上次交换后两边都改过：勾选的采用文件中的内容，未勾选的保留本机的内容。")
            )
            layout.addWidget(conflict_view, 1)
        if self.duplicates.rowCount():
            layout.addWidget(
                QLabel(
                    "以下行没有标识，但关键内容与已有记录相同，可能与已有记录重复："
                    "未勾选的作为对已有记录的修改，勾选的另存为新记录。"
                )
            )
            layout.addWidget(duplicate_view, 1)
        if self.problems.rowCount():
            layout.addWidget(QLabel("以下单元格有错误（可保存标出错误的工作簿，交给村里改正）："))
            layout.addWidget(table_view(self.problems), 2)
        again = plan.resubmissions()
        if again:
            lines = [f"{r.incoming.sheet}第{r.incoming.row}行：{r.note}" for r in again[:8]]
            more = f"\n……共 {len(again)} 条" if len(again) > 8 else ""
            self.resubmitted = QLabel(
                f"以下 {len(again)} 条是镇党委退回后改正、再次报送的记录（导入后请审核，接收或再次退回）：\n"
                + "\n".join(lines)
                + more
            )
            self.resubmitted.setWordWrap(True)
            layout.addWidget(self.resubmitted)
        for note in plan.notes:
            layout.addWidget(QLabel(note))
        foot.add_to(layout, self.skip_refused)
        self.resize(820, 560)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        blocked = bool(self.plan.sheet_problems) or (
            bool(self.plan.problems()) and not self.skip_refused.isChecked()
        )
        self.import_button.setEnabled(not blocked)

    def save_errors(self, path: str | Path | None = None) -> Path | None:
        return save_errors_workbook(self, self.plan.path, self.plan.problems(), path)

    def write(
        self, conflicts: dict[str, str], skip_refused: bool, duplicates: dict[str, str] | None = None
    ) -> exchange.ImportResult:
        """Back up, then merge in one transaction (touches no widget: may run on a worker thread)."""
        if self.db_path is not None:
            backup.auto_backup(self.db_path, reason="导入前")  # a wrong import can be undone
        with database_writes():
            return exchange.apply_plan(
                self.plan,
                conflicts=conflicts,
                skip_refused=skip_refused,
                duplicates=duplicates if duplicates is not None else exchange.MERGE_DUPLICATE,
            )

    def start_merge(self) -> None:
        """The 导入 button: write in the background behind a progress dialog."""
        self.import_button.setEnabled(False)
        conflicts, skip = self.conflicts.choices(), self.skip_refused.isChecked()  # read on the GUI thread
        duplicates = self.duplicates.choices()
        run_in_background(
            self,
            "正在导入…",
            lambda _progress: self.write(conflicts, skip, duplicates),
            self._merged,
            self._failed,
            cancellable=False,
        )

    def merge(self) -> exchange.ImportResult | None:
        """Write the file now (on this thread); the dialog closes when it is done."""
        try:
            result = self.write(
                self.conflicts.choices(), self.skip_refused.isChecked(), self.duplicates.choices()
            )
        except (backup.BackupError, exchange.ImportRefused) + WRITE_ERRORS as error:
            self._failed(error)
            return None
        self._merged(result)
        return result

    def _merged(self, result: exchange.ImportResult) -> None:
        self.result_ = result
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._update_buttons()
        QMessageBox.warning(self, "未导入", not_imported_text(error, exchange.ImportRefused))


def not_imported_text(error: BaseException, refused: type[BaseException] | tuple = ()) -> str:
    """Why an import wrote nothing, for the clerk: the backup, the file (``refused``), the disk, the database."""
    if isinstance(error, backup.BackupError):
        return f"导入前备份数据库失败，为安全起见没有导入。\n{error}"
    if refused and isinstance(error, refused):
        return f"文件有错误，未导入任何内容。\n{error}"
    if isinstance(error, WRITE_ERRORS):
        return f"未导入任何内容（所有改动已撤回）：{describe_write_error(error)}。"
    return f"导入时出错，未导入任何内容（所有改动已撤回）。\n{describe_database_error(error)}"
