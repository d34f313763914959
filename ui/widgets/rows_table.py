"""The read-only tables the pages and import previews show their rows in."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from ui.widgets.rows_model import SORT_ROLE


def table_view(
    model: QAbstractItemModel,
    parent: QWidget | None = None,
    *,
    sortable: bool = False,
    one_row: bool = False,
) -> QTableView:
    """Whole rows are chosen, nothing is edited, the columns fit their contents.

    ``sortable``: a click on a header sorts (by :data:`SORT_ROLE`); until then the rows keep
    the order they came in. ``one_row``: one row at a time is chosen.
    """
    view = QTableView(parent)
    if sortable:
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view.setModel(proxy)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if one_row:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class RoomForColumn(QObject):
    """One column takes the width the other columns leave, but never less than ``chars`` characters.

    A stretched column is what Qt squeezes first on a narrow screen (1366×768 at 150 %): the
    ledger's 问题描述 shrank to "无职党…". This one keeps its characters and the table scrolls
    sideways instead. A child of the view, so it goes with it.
    """

    def __init__(self, view: QTableView, column: int, chars: int):
        super().__init__(view)
        self.view, self.column = view, column
        self.least = view.fontMetrics().horizontalAdvance("字" * chars)
        self.pending = False
        header = view.horizontalHeader()
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._other_resized)
        view.viewport().installEventFilter(self)
        self.fit_soon()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_soon()
        return False

    def _other_resized(self, column: int, _old: int, _new: int) -> None:
        if column != self.column:  # the others follow their contents as rows come and go
            self.fit_soon()

    def fit_soon(self) -> None:
        if not self.pending:
            self.pending = True
            QTimer.singleShot(0, self.fit)

    def fit(self) -> None:
        self.pending = False
        if not isValid(self.view):
            return
        header = self.view.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self.column and not header.isSectionHidden(c)
        )
        width = max(self.least, self.view.viewport().width() - others)
        if header.sectionSize(self.column) != width:
            header.resizeSection(self.column, width)
