"""The program's file dialogs: they open in the folder last used (often the USB stick).

Every page asks for files through these two functions, so that the clerk who took a file
from the stick finds the stick again at the next file, instead of the home folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog
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
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(start), file_filter)
    if not name:
        return None
    remember_folder(name)
    return Path(name)


def ask_open_path(
    parent: QWidget | None, caption: str, file_filter: str, folder: Path | None = None
) -> Path | None:
    """Which file to open (None: the clerk cancelled)."""
    name, _ = QFileDialog.getOpenFileName(parent, caption, str(folder or last_folder()), file_filter)
    if not name:
        return None
    remember_folder(name)
    return Path(name)
