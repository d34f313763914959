"""One record type's list: the table, 新增 / 编辑 / 删除, search and a date range.

The page follows the window's village selection and reloads when records change
anywhere (``AppContext.dataChanged``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.records import delete_record
from app.storage.errors import WRITE_ERRORS
from models.db import Record
from models.schema import date_field_of, label_of
from ui.context import AppContext
from ui.record_form import RecordFormDialog
from ui.record_model import ID_ROLE, RecordFilterProxy, RecordTableModel
from ui.widgets.error_dialog import show_write_error
from ui.widgets.read_only import mark_writes
from ui.widgets.table_actions import install_table_actions

_NO_DATE = QDate(1900, 1, 1)


def _range_edit(parent: QWidget, tip: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText("不限")
    edit.setDate(_NO_DATE)
    edit.setToolTip(tip)
    return edit


def _date_of(edit: QDateEdit) -> dt.date | None:
    value = edit.date()
    if value == _NO_DATE:
        return None
    return dt.date(value.year(), value.month(), value.day())


# Lists up to this long open sorted as declared (Meta.sort_by), e.g. 党员 by pinyin.
DEFAULT_SORT_LIMIT = 2000


class RecordListPage(QWidget):
    """The list of records of ``model``, with its toolbar."""

    def __init__(self, model: type[Record], context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.record_type = model
        self.context = context
        self._stale = False
        self._sized = False
        self._extra_org_ids: list[int] | None = None

        self.table_model = RecordTableModel(model, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.table_model)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        # SQL order until a header is clicked: enabling sorting with the header's default
        # indicator (column 0) would read the whole list before the first screen.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(110)
        self.view.doubleClicked.connect(self._edit_index)
        self.table_actions = install_table_actions(
            self.view, lambda: label_of(model), edit=self.edit_selected, delete=self.delete_selected
        )

        title = QLabel(f"<b>{label_of(model)}</b>", self)
        self.add_button = QPushButton("新增", self)
        self.edit_button = QPushButton("编辑", self)
        self.delete_button = QPushButton("删除", self)
        self.add_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        mark_writes(self.add_button, self.edit_button, self.delete_button)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("搜索（名称、内容、党员姓名…）")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(100)  # room for the date range on a 1366-pixel screen at 125 %
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._search_timer.start)
        self.count_label = QLabel(self)

        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(8)
        for button in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        bar.addSpacing(8)
        bar.addWidget(self.search, 1)
        self.date_from = self.date_to = None
        date_field = date_field_of(model)
        if date_field is not None:
            label = date_field.verbose_name or "日期"
            self.date_from = _range_edit(self, f"{label}不早于此日")
            self.date_to = _range_edit(self, f"{label}不晚于此日")
            clear = QToolButton(self)
            clear.setText("清除")
            clear.setToolTip("不限日期")
            clear.clicked.connect(self.clear_dates)
            bar.addWidget(QLabel(f"{label}：", self))
            bar.addWidget(self.date_from)
            bar.addWidget(QLabel("至", self))
            bar.addWidget(self.date_to)
            bar.addWidget(clear)
            self.date_from.dateChanged.connect(self.reload)
            self.date_to.dateChanged.connect(self.reload)
        bar.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        # Keyboard: Ctrl+N 新增, Enter 编辑, Delete 删除 (within this page); Ctrl+F 搜索 is the
        # tab's (ui.main_window.TrackTab), so that it works from the side list too.
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.add_record),
            (QKeySequence(Qt.Key.Key_Return), self.edit_selected),
            (QKeySequence(Qt.Key.Key_Delete), self.delete_selected),
        ):
            action = QAction(self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            (self if keys != QKeySequence(Qt.Key.Key_Return) else self.view).addAction(action)
        self.add_button.setToolTip("新增一条记录（Ctrl+N）")
        self.edit_button.setToolTip("编辑选中的记录（双击或回车）")
        self.delete_button.setToolTip("删除选中的记录（Delete）")

        context.orgFilterChanged.connect(self._org_filter_changed)
        context.dataChanged.connect(self._data_changed)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    # -- loading ----------------------------------------------------------------------------
    def org_ids(self) -> list[int] | None:
        if self._extra_org_ids is not None:
            return self._extra_org_ids
        return self.context.org_ids()

    def reload(self) -> None:
        """Read the records again with the current filters."""
        self._stale = False
        self.table_model.set_filters(
            org_ids=self.org_ids(),
            date_from=_date_of(self.date_from) if self.date_from else None,
            date_to=_date_of(self.date_to) if self.date_to else None,
            text=self.search.text(),
        )
        self._update_count()
        self._update_buttons()
        if not self._sized and self.table_model.rowCount():
            self._size_columns()
            self._default_sort()

    def _default_sort(self) -> None:
        # A roster (党员) reads by the pinyin of the names, as people look names up.
        # Sorting reads every row first: fine for a town's roster (about a thousand names),
        # but a very large list (thousands of members) keeps SQL order, so that its first
        # screen comes at once; a click on the header still sorts it.
        name = getattr(self.record_type._meta, "sort_by", None)
        columns = [f.name for f in self.table_model.fields]
        if name in columns and self.table_model.total() <= DEFAULT_SORT_LIMIT:
            self.view.sortByColumn(columns.index(name), Qt.SortOrder.AscendingOrder)

    def _size_columns(self) -> None:
        # Fit the columns to the first rows once; later the clerk's own widths stay.
        self._sized = True
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in range(self.table_model.columnCount()):
            header.resizeSection(column, max(60, min(header.sectionSize(column) + 12, 280)))

    def refresh(self) -> None:
        if self._stale:
            self.reload()

    def _update_count(self) -> None:
        total = self.table_model.total()
        self.count_label.setText(f"共 {total} 条")

    def _org_filter_changed(self, _ids) -> None:
        self._extra_org_ids = None
        self._reload_or_mark()

    def _data_changed(self, model) -> None:
        if model is None or model is self.record_type or self._refers_to(model):
            self._reload_or_mark()

    def _refers_to(self, model) -> bool:
        return any(getattr(f, "rel_model", None) is model for f in self.table_model.fields)

    def _reload_or_mark(self) -> None:
        # A hidden page reloads when it is shown again; no need to query for it now.
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def clear_dates(self) -> None:
        for edit in (self.date_from, self.date_to):
            if edit is not None:
                edit.blockSignals(True)
                edit.setDate(_NO_DATE)
                edit.blockSignals(False)
        self.reload()

    def apply_filters(
        self,
        *,
        org_id: int | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        text: str | None = None,
        **_ignored,
    ) -> None:
        """Narrow the list as another view asked (``context.show_records``)."""
        self._extra_org_ids = [org_id] if org_id is not None else None
        for edit, value in ((self.date_from, date_from), (self.date_to, date_to)):
            if edit is not None:
                edit.blockSignals(True)
                edit.setDate(QDate(value.year, value.month, value.day) if value else _NO_DATE)
                edit.blockSignals(False)
        if text is not None:
            self.search.blockSignals(True)
            self.search.setText(text)
            self.search.blockSignals(False)
        self.reload()

    # -- actions ----------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(ID_ROLE)

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _edit_index(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id is not None:
            self.open_form(record_id)

    def add_record(self) -> None:
        self.open_form(None)

    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.open_form(record_id)

    def open_form(self, record_id: int | None) -> RecordFormDialog | None:
        """Show the form for a new (``record_id`` None) or an existing record; modal."""
        record = None
        if record_id is not None:
            record = self.record_type.get_or_none(self.record_type.id == record_id)
            if record is None or record.deleted:
                QMessageBox.information(self, "记录不存在", "这条记录已被删除或不存在。")
                self.reload()
                return None
        dialog = RecordFormDialog(self.record_type, record, self.context.org_ids(), self)
        if dialog.exec() == RecordFormDialog.DialogCode.Accepted and dialog.saved is not None:
            self.context.notify_changed(self.record_type)
            self.reload()
            self.select_record(dialog.saved.id)
        return dialog

    def select_record(self, record_id: int) -> bool:
        """Select a record's row (loading more rows if needed); False when it is not listed."""
        model = self.table_model
        row = model.row_of(record_id)
        batches = 0
        while row is None and model.canFetchMore() and batches < 50:  # not all of a huge table
            batches += 1
            model.fetchMore()
            row = model.row_of(record_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(model.index(row, 0))
        self.view.selectRow(index.row())
        self.view.scrollTo(index)
        return True

    def delete_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        record = self.record_type.get_or_none(self.record_type.id == record_id)
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            "确认删除",
            f"确定要删除这条{label_of(self.record_type)}记录吗？\n\n“{record}”\n\n删除后可在操作日志中查到并恢复。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_record(record)
        except WRITE_ERRORS as error:
            show_write_error(self, f"删除{label_of(self.record_type)}", error, typed_kept=False)
            return
        self.context.notify_changed(self.record_type)
        self.reload()
