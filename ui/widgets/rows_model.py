"""A read-only table model over plain Python rows (findings, points, events…), with state colours.

Columns are (header, function of the row). A column may be coloured by the state it shows
(达标 green, 滞后 amber, 逾期 red), the colours being the same everywhere in the program.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from operator import attrgetter
from operator import itemgetter
from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor

from app.text import pinyin_key

ROW_ROLE = Qt.ItemDataRole.UserRole  # the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

STATE_COLOURS = {
    "达标": (QColor("#2e7d32"), QColor("#e8f5e9")),
    "滞后": (QColor("#e65100"), QColor("#fff3e0")),
    "逾期": (QColor("#c62828"), QColor("#ffebee")),
}

Column = tuple[str, Callable[[Any], Any]]
_Index = QModelIndex | QPersistentModelIndex


def by_position(headers: Iterable[str]) -> list[Column]:
    """Columns for rows that are tuples: the n-th header shows the n-th value."""
    return [(header, itemgetter(n)) for n, header in enumerate(headers)]


def by_name(*columns: tuple[str, str | Callable[[Any], Any]]) -> list[Column]:
    """Columns for rows that are objects: a header paired with a name shows that attribute of
    the row, a header paired with a function shows what it gives for the row."""
    return [(header, attrgetter(how) if isinstance(how, str) else how) for header, how in columns]


def iso_day(day: Any) -> str:
    """A date as 2022-08-16, an empty cell when there is none."""
    return day.isoformat() if day else ""


class RowListModel(QAbstractTableModel):
    """A read-only list of ``rows`` under fixed ``headers``; a subclass says what ``data`` shows.

    The counting and the header row of every simple table, written once.
    """

    def __init__(self, headers: Sequence[str], parent=None):
        super().__init__(parent)
        self.headers = tuple(headers)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def shown_row(self, index: _Index) -> Any:
        """The row behind a valid index of this model, else None."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]


class RowsModel(RowListModel):
    """Rows shown through column functions; ``state_of(row)`` colours the ``state_column``."""

    def __init__(
        self,
        columns: Sequence[Column],
        parent=None,
        state_of: Callable[[Any], str | None] | None = None,
        state_column: int | None = None,
    ):
        super().__init__([header for header, _value in columns], parent)
        self.columns = list(columns)
        self.state_of = state_of
        self.state_column = state_column

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(self.columns):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        value = self.columns[index.column()][1](row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if isinstance(value, float):
                return f"{value:g}"
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            return value if isinstance(value, int | float) else pinyin_key(str(value or ""))
        if self.state_of is not None and (self.state_column is None or index.column() == self.state_column):
            colours = STATE_COLOURS.get(self.state_of(row) or "")
            if colours and role == Qt.ItemDataRole.ForegroundRole and index.column() == self.state_column:
                return QBrush(colours[0])
            if colours and role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(colours[1])
        return None

    def row_at(self, index: _Index) -> Any:
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None
