"""Nothing typed is lost: closing a form, Esc or quitting with unsaved input asks first.

:class:`GuardedDialog` is the base of the program's forms. It remembers what the form held
when it opened (:meth:`GuardedDialog.snapshot`); Esc, 取消 or the window's × on a form that
was changed asks 保存 / 不保存 / 取消. 保存 runs the form's own 确定, which keeps the form open
when a value is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget


class Answer(Enum):
    SAVE = "保存"
    DISCARD = "不保存"
    CANCEL = "取消"


def ask_unsaved(parent: QWidget | None, what: str) -> Answer:
    """Ask whether to save ``what`` (e.g. “这张表单”) before it is closed."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("尚未保存")
    box.setText(f"{what}填写的内容还没有保存。")
    box.setInformativeText("要先保存吗？")
    save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Answer.SAVE
    if clicked is discard:
        return Answer.DISCARD
    return Answer.CANCEL


class GuardedDialog(QDialog):
    """A form that asks before its typed input is thrown away; Ctrl+S is its 确定."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._opened_with: object = None
        #: what 确定 does before the form closes; False keeps it open (the value was refused)
        self.write: Callable[[], bool] | None = None
        self._closing_quietly = False
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.accept)

    def snapshot(self) -> object:
        """What the form holds now, comparable with ==; a subclass says what that is."""
        return None

    def mark_clean(self) -> None:
        """The form as it is now counts as unchanged (call when it is filled in)."""
        self._opened_with = self.snapshot()

    def has_unsaved_input(self) -> bool:
        return self.snapshot() != self._opened_with

    def accept(self) -> None:
        if self.write is not None and not self.write():
            return  # refused: the form stays open with everything typed, the reason was shown
        super().accept()

    def closeEvent(self, event) -> None:
        # The clerk's × (a spontaneous close) asks like Esc; the program closing the form
        # itself (its parent going away) does not stop to ask.
        self._closing_quietly = not event.spontaneous()
        try:
            super().closeEvent(event)
        finally:
            self._closing_quietly = False

    def reject(self) -> None:
        if self.isVisible() and not self._closing_quietly and self.has_unsaved_input():
            answer = ask_unsaved(self, f"“{self.windowTitle()}”中")
            if answer is Answer.CANCEL:
                return
            if answer is Answer.SAVE:
                self.accept()  # a refused value keeps the form open, with everything typed
                return
        super().reject()
