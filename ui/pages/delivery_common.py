"""Small pieces shared by the 抓落实 views: the 截至 date box and "save a file" buttons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from app.campaign_time import as_of_day
from app.storage.safe_write import WriteFailed
from ui.widgets.date_box import DateBox
from ui.widgets.file_dialogs import ask_save_path


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(qdate: QDate) -> dt.date:
    return dt.date(qdate.year(), qdate.month(), qdate.day())


def as_of_edit(parent: QWidget, tip: str = "按哪一天判断是否逾期") -> DateBox:
    """A date box starting at today (no later than the campaign's end)."""
    return DateBox(as_of_day(), parent, tip=tip)


def save_file(
    parent: QWidget, caption: str, suggested: str, file_filter: str, write: Callable[[Path], object]
) -> Path | None:
    """Ask where to save, write the file, say where it went; a failure is a message, not a crash."""
    path = ask_save_path(parent, caption, suggested, file_filter)
    if path is None:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        write(path)
    except WriteFailed as failed:  # full, read-only or pulled-out stick: named as such
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, caption, str(failed))
        return None
    except PermissionError:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(
            parent, caption, f"无法写入“{path}”：文件可能正在 Excel/WPS 中打开，请关闭后重试。"
        )
        return None
    except Exception as error:  # noqa: BLE001 (the clerk sees why, the window stays up)
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, caption, f"没有完成：{error}")
        return None
    QApplication.restoreOverrideCursor()
    QMessageBox.information(parent, caption, f"已保存到：\n{path}")
    return path
