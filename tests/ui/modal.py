"""Answering the modal dialogs a test's clerk meets, as the clerk would: read them, press a button."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget


@dataclass
class Shown:
    """A dialog as the clerk saw it."""

    kind: type
    title: str
    text: str
    dialog: QDialog  # may be deleted by now (Qt's static message boxes)


def answer_dialogs(
    answer: Callable[[QWidget], None], seen: list[Shown] | None = None, *, times: int = 1
) -> list:
    """Call ``answer(dialog)`` on each of the next ``times`` modal dialogs once it is shown.

    ``answer`` must close the dialog (press one of its buttons). What each dialog showed is
    appended to ``seen`` (returned) as a :class:`Shown`: Qt's own message boxes are
    deleted once answered.
    """
    seen = [] if seen is None else seen
    left = [times]
    tries = [500]  # 10 s: a dialog that never comes must not keep a timer alive in later tests

    def look() -> None:
        tries[0] -= 1
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible() and all(dialog is not s.dialog for s in seen):
            text = dialog.text() + "\n" + dialog.informativeText() if isinstance(dialog, QMessageBox) else ""
            seen.append(Shown(type(dialog), dialog.windowTitle(), text, dialog))
            left[0] -= 1
            try:
                answer(dialog)
            except BaseException:
                # A failed answer must not leave the dialog open (the test would hang):
                # close it, and let the error reach pytest-qt's capture of Qt callbacks.
                if dialog.isVisible():
                    dialog.done(0)
                left[0] = 0
                raise
            if dialog.isVisible():
                dialog.done(0)  # the answer left it open: the test would hang on it
                left[0] = 0
                raise AssertionError(f"“{dialog.windowTitle()}” still open after the answer")
        if left[0] > 0 and tries[0] > 0:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    return seen


def press(text: str) -> Callable[[QWidget], None]:
    """An answer: press the message box's button labelled ``text``."""

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), box
        for button in box.buttons():
            if button.text() == text:
                button.click()
                return
        raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")

    return answer


def close_box(box: QWidget) -> None:
    """An answer: close whatever dialog this is (its default or escape button)."""
    assert isinstance(box, QDialog)
    box.done(0)
