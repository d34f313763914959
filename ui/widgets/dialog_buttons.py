"""The button rows at the foot of the program's dialogs, labelled in Chinese.

A form ends in 确定 (or 保存) and 取消 (:func:`ok_cancel`); an import preview ends in 取消
and the button that writes (:func:`cancel_and`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QPushButton

_OK = QDialogButtonBox.StandardButton.Ok
_CANCEL = QDialogButtonBox.StandardButton.Cancel


def ok_cancel(dialog: QDialog, ok_text: str = "确定") -> QDialogButtonBox:
    """``ok_text`` accepts ``dialog``, 取消 rejects it."""
    box = QDialogButtonBox(_OK | _CANCEL, dialog)
    box.button(_OK).setText(ok_text)
    box.button(_CANCEL).setText("取消")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def cancel_and(dialog: QDialog, text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """取消 rejects ``dialog``; the button named ``text`` is the caller's to connect."""
    box = QDialogButtonBox(_CANCEL, dialog)
    box.button(_CANCEL).setText("取消")
    box.rejected.connect(dialog.reject)
    return box, box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
