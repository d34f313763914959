"""基础信息 → 备份与恢复: the backups with their time and record counts, 立即备份, 恢复."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.storage import backup
from app.storage import integrity
from app.storage.backup_status import last_failure
from app.storage.errors import WRITE_ERRORS
from app.storage.paths import backup_dir
from ui.widgets.error_dialog import show_write_error
from ui.widgets.read_only import mark_writes
from ui.widgets.rows_model import RowListModel

COLUMNS = ("备份时间", "原因", "记录数", "文件大小", "状态")

_Index = QModelIndex | QPersistentModelIndex


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(n // 1024, 1)} KB"


class BackupTableModel(RowListModel):
    """The backups of one database, newest first."""

    rows: list[backup.BackupInfo]

    def __init__(self, db_path, parent=None):
        super().__init__(COLUMNS, parent)
        self.db_path = db_path
        self.reload()

    def reload(self) -> None:
        self.set_rows(backup.list_backups(self.db_path))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        info = self.shown_row(index)
        if info is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                info.time.strftime("%Y-%m-%d %H:%M:%S"),
                info.reason,
                str(info.total) if info.ok else "",
                _size(info.size),
                "完好" if info.ok else "已损坏",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if not info.ok:
                return f"这份备份不能使用：{info.problem}"
            return "\n".join(f"{label}：{n}" for label, n in info.counts.items()) or "没有记录"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BackupsView(QWidget):
    """The 备份与恢复 page."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = BackupTableModel(context.db_path, self)

        intro = QLabel(
            "程序每次关闭时和每次导入前都会自动备份数据库。保留最近 10 份，"
            "另外最近 30 天每天保留一份、每月保留一份。"
            "恢复某份备份前，会先把当前数据再备份一次，恢复后也可以撤回。"
        )
        intro.setWordWrap(True)
        self.failure = QLabel()  # 上次自动备份失败…, until an automatic backup succeeds
        self.failure.setWordWrap(True)
        self.failure.setStyleSheet("color: #B00020;")
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)

        self.backup_button = QPushButton("立即备份")
        self.restore_button = QPushButton("恢复所选备份…")
        self.folder_button = QPushButton("打开备份文件夹")
        self.check_button = QPushButton("检查数据库完整性")
        self.check_button.setToolTip("对数据库做一次完整检查（PRAGMA integrity_check 和引用检查）")
        self.check_button.clicked.connect(self.check_database)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        mark_writes(self.restore_button)
        self.folder_button.clicked.connect(self.open_folder)
        self.status = QLabel()
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.folder_button, self.check_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.failure)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def refresh(self) -> None:
        """Re-read the backups folder (the window calls it when the page is shown)."""
        self.model.reload()
        self._update_buttons()
        if self.model.rowCount() == 0 and not self.status.text():
            self.status.setText("还没有备份：点“立即备份”做第一份；以后每次关闭程序和导入前都会自动备份。")
        failure = last_failure(self.context.db_path)
        self.failure.setText(failure.text if failure else "")
        self.failure.setVisible(failure is not None)

    def selected(self) -> backup.BackupInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self, *_args) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and info.ok)

    def backup_now(self) -> bool:
        """Back up now (reason 手动); True when done."""
        try:
            path = backup.make_backup(self.context.db_path, reason="手动")
        except (backup.BackupError, OSError) as error:
            QMessageBox.warning(self, "备份失败", str(error))
            return False
        self.refresh()
        self.status.setText(f"已备份：{path.name}")
        return True

    def confirm(self, info: backup.BackupInfo) -> bool:
        """Ask before replacing the data (tests answer for the clerk)."""
        text = (
            f"确定把数据库恢复到 {info.time:%Y-%m-%d %H:%M:%S} 的备份吗？\n\n"
            f"这份备份共有 {info.total} 条记录。恢复后，此后录入和修改的内容将不再显示；"
            "恢复前程序会先备份当前数据，需要时可以再恢复回来。"
        )
        answer = QMessageBox.question(
            self,
            "恢复备份",
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> bool:
        """Restore the selected backup after the clerk confirms; True when restored."""
        info = self.selected()
        if info is None or not info.ok or not self.confirm(info):
            return False
        try:
            before = backup.restore_backup(self.context.db_path, info.path)
        except backup.BackupError as error:
            QMessageBox.warning(self, "恢复失败", str(error))
            return False
        except WRITE_ERRORS as error:
            show_write_error(self, "恢复备份", error, typed_kept=False)
            return False
        self.context.notify_changed(None)  # every list and view reads the data again
        self.refresh()
        self.status.setText(
            f"已恢复 {info.time:%Y-%m-%d %H:%M:%S} 的备份。恢复前的数据已备份为 {before.name}。"
        )
        return True

    def check_database(self) -> integrity.IntegrityReport:
        """The full integrity check of the open database; the result is shown and returned."""
        report = integrity.full_check(self.context.db_path)
        if report.ok:
            self.status.setText("数据库完整性检查通过。")
        else:
            text = "、".join(report.problems[:5]) if report.problems else report.message
            self.status.setText(f"数据库检查发现问题：{text}。请立即备份，并联系技术人员。")
            QMessageBox.warning(self, "数据库检查", self.status.text())
        return report

    def open_folder(self) -> None:
        folder = backup_dir(self.context.db_path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def create(context) -> QWidget:
    """The 备份与恢复 page for the main window."""
    return BackupsView(context)
