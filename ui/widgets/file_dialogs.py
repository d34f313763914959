"""The program's file dialogs: they open in the folder last used (often the USB stick).

Every page asks for files through these two functions, so that the clerk who took a file
from the stick finds the stick again at the next file, instead of the home folder.

Where Qt draws the dialog itself (Linux; Windows shows its own), its default is small: the
long names of exchange packages and templates were cut to "镇党委_2022年第三季…板_共12个村".
Such a dialog is made roomy once shown (:func:`fit_file_dialog`): a list with details, wide
enough for the names in the folder, within the screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QListView
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QTreeView
from PySide6.QtWidgets import QWidget

from app.storage.paths import last_folder
from app.storage.paths import remember_folder

#: the filter of every dialog that asks for a workbook
EXCEL_FILES = "Excel 工作簿 (*.xlsx)"


def ask_save_path(parent: QWidget | None, caption: str, suggested: str, file_filter: str) -> Path | None:
    """Where to save a file named ``suggested`` (None: the clerk cancelled)."""
    start = Path(suggested)
    if not start.is_absolute():
        start = last_folder() / suggested
    _fit_when_shown()
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(start), file_filter)
    if not name:
        return None
    remember_folder(name)
    return Path(name)


def ask_open_path(
    parent: QWidget | None, caption: str, file_filter: str, folder: Path | None = None
) -> Path | None:
    """Which file to open (None: the clerk cancelled)."""
    _fit_when_shown()
    name, _ = QFileDialog.getOpenFileName(parent, caption, str(folder or last_folder()), file_filter)
    if not name:
        return None
    remember_folder(name)
    return Path(name)


_FITTED = "wuzhua_fitted"


def _fit_when_shown() -> None:
    # the static dialog is made and shown inside the call; its own event loop runs this
    QTimer.singleShot(0, _fit_open_dialogs)


def _fit_open_dialogs() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QFileDialog) and widget.isVisible() and not widget.property(_FITTED):
            fit_file_dialog(widget)


def fit_file_dialog(dialog: QFileDialog) -> None:
    """Make a dialog Qt draws itself roomy: details, names in full, the places list readable."""
    dialog.setProperty(_FITTED, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    screen = dialog.screen().availableGeometry()
    width, height = min(980, screen.width() * 9 // 10), min(620, screen.height() * 8 // 10)
    dialog.resize(max(width, dialog.width()), max(height, dialog.height()))
    frame = dialog.frameGeometry()
    frame.moveCenter((dialog.parentWidget() or dialog).frameGeometry().center())
    frame.moveTop(max(frame.top(), screen.top()))
    dialog.move(frame.topLeft())
    splitter = dialog.findChild(QSplitter, "splitter")
    places = dialog.findChild(QListView, "sidebar")
    if splitter is not None and places is not None and splitter.count() == 2:
        side = min(220, max(160, places.sizeHintForColumn(0) + 24))
        splitter.setSizes([side, max(1, dialog.width() - side)])
    files = dialog.findChild(QTreeView, "treeView")
    if files is not None:
        # size, type and date as wide as they read; the names take the rest of the width
        header = files.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
