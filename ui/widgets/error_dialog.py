"""Telling the clerk that something failed: unexpected errors and writes the disk refused.

An unexpected error (a bug) shows what failed, whether anything was lost, where the log
is, and a 复制详细信息 button whose text (version, traceback) can be pasted into a message
to whoever looks after the program. A refused write (read-only file, full disk, a program
holding the database) says so in one sentence: that is not a bug, the clerk can act on it.
"""

from __future__ import annotations

import logging
import platform
import traceback
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from app import __version__
from app.storage.errors import WRITE_ERRORS
from app.storage.errors import describe_write_error
from app.storage.logs import current_log_file

_T = TypeVar("_T")

log = logging.getLogger("wuzhua.ui")


def error_details(error: BaseException) -> str:
    """The text 复制详细信息 copies: version, system and the traceback."""
    lines = [
        f"五抓五提升工作台 {__version__}",
        f"Python {platform.python_version()}，{platform.platform()}",
        f"日志：{current_log_file() or '（无法写入日志）'}",
        "",
        *traceback.format_exception(type(error), error, error.__traceback__),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class ErrorDialog(QMessageBox):
    """An unexpected error: what failed, whether anything was lost, the log, 复制详细信息."""

    def __init__(self, parent: QWidget | None, what: str, error: BaseException, *, nothing_lost: bool = True):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("出现意外错误")
        self.details = error_details(error)
        where = current_log_file()
        text = (
            f"{what}时出现意外错误：{error}"
            if str(error)
            else f"{what}时出现意外错误（{type(error).__name__}）。"
        )
        if nothing_lost:
            text += "\n\n已保存的数据没有丢失：这次操作没有写入数据库，或已完整撤销。"
        else:
            text += "\n\n请检查刚才的操作是否已经保存。"
        text += (
            f"\n\n详细情况已记入日志：{where}"
            if where is not None
            else "\n\n日志无法写入（数据文件夹只读）。"
        )
        text += "\n请点“复制详细信息”，粘贴到给技术人员的消息中。"
        self.setText(text)
        self.copy_button = self.addButton("复制详细信息", QMessageBox.ButtonRole.ActionRole)
        # ActionRole buttons close the box unless their click is taken over.
        self.copy_button.clicked.disconnect()
        self.copy_button.clicked.connect(self.copy_details)
        self.addButton("关闭", QMessageBox.ButtonRole.AcceptRole)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("已复制")


_shown: set[ErrorDialog] = set()


def show_unexpected_error(
    parent: QWidget | None, what: str, error: BaseException, *, nothing_lost: bool = True, wait: bool = True
) -> None:
    """Show :class:`ErrorDialog` (``wait`` False: without blocking, e.g. from an excepthook)."""
    dialog = ErrorDialog(parent, what, error, nothing_lost=nothing_lost)
    # Deleted by Qt once closed: a dialog without parent left to Python's exit would crash it.
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if wait:
        dialog.exec()
    else:
        # Kept referenced while shown: a parentless dialog Python forgets is deleted at once.
        _shown.add(dialog)
        dialog.finished.connect(lambda _result: _shown.discard(dialog))
        dialog.setModal(True)
        dialog.show()


def attempt_write(
    parent: QWidget | None,
    what: str,
    action: Callable[[], _T],
    refusals: type[Exception] | tuple[type[Exception], ...] = (),
    *,
    refusal_title: str = "",
    typed_kept: bool = True,
) -> tuple[bool, _T | None]:
    """Run one write a button asked for: ``(True, its result)``, or ``(False, None)`` once told why not.

    A refusal of the program's own (``refusals``: a rule, a state) is shown in its words under
    ``refusal_title`` (or ``what``); a disk error (read-only, full, locked) as :func:`show_write_error` does.
    """
    try:
        return True, action()
    except refusals as refusal:
        QMessageBox.warning(parent, refusal_title or what, str(refusal))
    except WRITE_ERRORS as error:
        show_write_error(parent, what, error, typed_kept=typed_kept)
    return False, None


def show_write_error(
    parent: QWidget | None, what: str, error: BaseException, *, typed_kept: bool = True
) -> None:
    """A write the disk refused: the cause in Chinese. ``typed_kept``: the caller keeps the form open."""
    log.warning("%s未能完成：%r", what, error, exc_info=error)
    text = f"{what}未能完成：{describe_write_error(error)}。"
    if typed_kept:
        text += "\n\n已填写的内容仍保留，问题解决后可以再试。"
    QMessageBox.warning(parent, "未能保存", text)


def show_failed_work(parent: QWidget | None, what: str, error: BaseException) -> None:
    """Work in the background failed: a refused write is told as such, anything else as a bug."""
    if isinstance(error, WRITE_ERRORS):
        QMessageBox.warning(parent, "操作未完成", f"{what}未完成：{describe_write_error(error)}。")
    else:
        show_unexpected_error(parent, what, error)
