"""Pages split in two panes, one of them a column of a few widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget


def column(parent: QWidget, *parts: QWidget | QLayout, grow: QWidget | None = None) -> QWidget:
    """``parts`` one under the other with no margin, so the column lines up with its neighbour;
    ``grow`` (one of them) takes the spare height."""
    widget = QWidget(parent)
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part, 1 if part is grow else 0)
    return widget


def two_panes(orientation: Qt.Orientation, first: QWidget, second: QWidget, parent: QWidget) -> QSplitter:
    """``first`` and ``second`` side by side or one above the other, sharing the room 3:2."""
    splitter = QSplitter(orientation, parent)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    return splitter
