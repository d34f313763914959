"""Keys in a grid that is typed into (the 督查评分 scores), as in Excel: Enter moves down."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QTableView

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _is_enter(event: QEvent) -> bool:
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in _ENTER
        and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    )


class _DownOnEnter(QStyledItemDelegate):
    """Enter in a cell's editor: keep what was typed, then go to the cell below and edit it."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view = view

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if _is_enter(event):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            move_down(self.view)
            return True
        return super().eventFilter(editor, event)


class _ViewKeys(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self.parent()
        if (
            isinstance(view, QTableView)
            and _is_enter(event)
            and view.state() != QTableView.State.EditingState
        ):
            move_down(view)
            return True
        return False


def move_down(view: QTableView) -> None:
    """Make the cell below the current one current, and start editing it if it can be typed in."""
    current = view.currentIndex()
    if not current.isValid():
        return
    below = current.sibling(current.row() + 1, current.column())
    if not below.isValid():
        return
    view.setCurrentIndex(below)
    if below.flags() & Qt.ItemFlag.ItemIsEditable:
        view.edit(below)


def enter_moves_down(view: QTableView) -> None:
    """Enter, in a cell or on it, moves to the cell below (and opens it for typing)."""
    view.setItemDelegate(_DownOnEnter(view))
    view.installEventFilter(_ViewKeys(view))
