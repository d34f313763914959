"""One record type's list: the table, 新增 / 编辑 / 删除, search and a date range.

The page follows the window's village selection and reloads when records change
anywhere (``AppContext.dataChanged``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QDate
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.exchange.review import SendBackRefused
from app.exchange.review import accept_resubmission
from app.exchange.review import describe_record
from app.exchange.review import open_send_back
from app.exchange.review import send_back_record
from app.records import delete_record
from app.setup.identity import installation
from app.storage.errors import WRITE_ERRORS
from models import RESUBMITTED
from models import Organisation
from models import SendBack
from models.authority import may_create
from models.authority import town_what
from models.db import Record
from models.schema import date_field_of
from models.schema import label_of
from ui.context import AppContext
from ui.record_form import RecordFormDialog
from ui.record_model import FULL_SORT_LIMIT
from ui.record_model import ID_ROLE
from ui.record_model import ColumnFilterProxy
from ui.record_model import RecordTableModel
from ui.widgets.column_filter import ColumnFilterDialog
from ui.widgets.date_box import DateBox
from ui.widgets.error_dialog import attempt_write
from ui.widgets.error_dialog import show_write_error
from ui.widgets.read_only import mark_writes
from ui.widgets.table_actions import install_table_actions

_NO_DATE = QDate(1900, 1, 1)


def _range_edit(parent: QWidget, tip: str) -> DateBox:
    edit = DateBox(parent=parent, tip=tip)
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText("不限")
    edit.setDate(_NO_DATE)
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
        self.proxy = ColumnFilterProxy(self)
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
        self.may_create = may_create(model, installation().is_town)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("搜索（名称、内容、党员姓名，可用拼音首字母）")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._search_timer.start)
        self.count_label = QLabel(self)

        # Two rows, so that 1366×768 at 125 % shows everything: what to do with a record and how
        # many are listed; then how the list is narrowed (search, 筛选, dates, 清除).
        actions = QHBoxLayout()
        actions.addWidget(title)
        actions.addSpacing(8)
        for button in (self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        # the filters not seen elsewhere (a village from a jump, 筛选 on columns), each a tag with ×
        self.tag_bar = QHBoxLayout()
        self.tag_bar.setSpacing(4)
        bar.addLayout(self.tag_bar)
        self.filter_button = QToolButton(self)
        self.filter_button.setText("筛选 ▾")
        self.filter_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.filter_button.setToolTip("按某一列的值筛选，和 Excel 的“筛选”一样（也可右键点列标题）")
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.filter_menu = QMenu(self.filter_button)
        self.filter_menu.aboutToShow.connect(self._fill_filter_menu)
        self.filter_button.setMenu(self.filter_menu)
        bar.addWidget(self.filter_button)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.date_from = self.date_to = None
        date_field = date_field_of(model)
        if date_field is not None:
            label = date_field.verbose_name or "日期"
            self.date_from = _range_edit(self, f"{label}不早于此日")
            self.date_to = _range_edit(self, f"{label}不晚于此日")
            bar.addWidget(QLabel(f"{label}：", self))
            bar.addWidget(self.date_from)
            bar.addWidget(QLabel("至", self))
            bar.addWidget(self.date_to)
            self.date_from.dateChanged.connect(self.reload)
            self.date_to.dateChanged.connect(self.reload)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("清除")
        self.clear_button.setToolTip("清除全部筛选：搜索、日期、跳转带来的村（社区）和列筛选")
        self.clear_button.clicked.connect(self.clear_filters)
        bar.addWidget(self.clear_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(actions)
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
        if not self.may_create:
            # On a village's computer the town's records are read here, made at the town.
            tip = f"{town_what(model)}由镇党委录入，随交换包下发，本机不能新增或删除"
            for button in (self.add_button, self.delete_button):
                button.setEnabled(False)
                button.setToolTip(tip)
            self.edit_button.setText("查看")
            self.edit_button.setToolTip("查看选中的记录（镇党委填写，本机只读）")

        # 审核退回: at the town, a village's record it does not accept goes back with a reason
        self.reviews = installation().is_town and self.table_model.shows_state
        self.send_back_button = QPushButton("退回…", self)
        self.send_back_button.setToolTip("审核不通过：退回选中的记录给村（社区）改正，写明原因（也可右键）")
        self.send_back_button.clicked.connect(lambda: self.send_back_selected())
        self.send_back_button.setVisible(self.reviews)
        mark_writes(self.send_back_button)
        actions.insertWidget(actions.indexOf(self.delete_button) + 1, self.send_back_button)
        if self.reviews:
            self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            self.view.customContextMenuRequested.connect(self._review_menu)

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

    def _filtered(self) -> bool:
        dates = any(e is not None and _date_of(e) is not None for e in (self.date_from, self.date_to))
        return bool(
            self.search.text().strip()
            or dates
            or self._extra_org_ids is not None
            or self.proxy.column_filters
        )

    def _update_count(self) -> None:
        total = self.table_model.total()
        shown = self.proxy.rowCount() if self.proxy.column_filters else total
        if shown == 0 and self._filtered():
            self.count_label.setText("没有找到")
            self.count_label.setStyleSheet("color: #c62828; font-weight: bold;")
            self.count_label.setToolTip("没有找到符合条件的记录；可点“清除”去掉全部筛选")
        else:
            self.count_label.setText(f"共 {shown} 条" if shown == total else f"筛选出 {shown} / {total} 条")
            self.count_label.setStyleSheet("")
            self.count_label.setToolTip("")
        self._update_tags()

    # -- filters shown as tags ----------------------------------------------------------------
    def filter_tags(self) -> list[str]:
        """The texts of the tags now shown (a village from a jump, each column's 筛选)."""
        return [button.text() for button in self._tag_buttons()]

    def _tag_buttons(self) -> list[QToolButton]:
        items = (self.tag_bar.itemAt(i) for i in range(self.tag_bar.count()))
        return [w for item in items if item is not None and isinstance(w := item.widget(), QToolButton)]

    def _update_tags(self) -> None:
        for button in self._tag_buttons():
            self.tag_bar.removeWidget(button)
            button.deleteLater()
        tags: list[tuple[str, str, Callable[[], object]]] = []
        if self._extra_org_ids is not None:
            names = [o.label for o in Organisation.select().where(Organisation.id.in_(self._extra_org_ids))]
            tags.append((f"只看：{'、'.join(names)}", "点 × 回到工具栏所选的村（社区）", self.clear_org_jump))
        for column, values in sorted(self.proxy.column_filters.items()):
            header = self.table_model.headerData(column, Qt.Orientation.Horizontal)
            shown = "、".join(sorted(v or "（空白）" for v in values)[:3]) + ("…" if len(values) > 3 else "")
            tags.append(
                (
                    f"{header}：{shown or '（无）'}",
                    "点 × 取消这一列的筛选",
                    partial(self.set_column_filter, column, None),
                )
            )
        for text, tip, remove in tags:
            button = QToolButton(self)
            button.setText(f"{text} ×")
            button.setToolTip(tip)
            button.setStyleSheet(
                "QToolButton { background: #fff3e0; border: 1px solid #e6a23c; border-radius: 3px; padding: 1px 4px; }"
            )
            button.setMaximumWidth(220)
            button.clicked.connect(remove)
            self.tag_bar.addWidget(button)

    def clear_org_jump(self) -> None:
        self._extra_org_ids = None
        self.reload()

    # -- 筛选 on columns ----------------------------------------------------------------------
    def _fill_filter_menu(self) -> None:
        self.filter_menu.clear()
        for column in range(self.table_model.columnCount()):
            header = self.table_model.headerData(column, Qt.Orientation.Horizontal)
            mark = "✓ " if column in self.proxy.column_filters else ""
            self.filter_menu.addAction(f"{mark}{header}…", partial(self.filter_column_dialog, column))
        if self.proxy.column_filters:
            self.filter_menu.addSeparator()
            self.filter_menu.addAction("取消全部列筛选", self._clear_column_filters)

    def _header_menu(self, point) -> None:
        column = self.view.horizontalHeader().logicalIndexAt(point)
        if column < 0:
            return
        menu = QMenu(self)
        header = self.table_model.headerData(column, Qt.Orientation.Horizontal)
        menu.addAction(f"筛选“{header}”…", lambda: self.filter_column_dialog(column))
        if column in self.proxy.column_filters:
            menu.addAction(f"取消“{header}”的筛选", lambda: self.set_column_filter(column, None))
        menu.exec(self.view.horizontalHeader().mapToGlobal(point))
        menu.deleteLater()

    def column_values(self, column: int) -> set[str]:
        """The values ``column`` shows in the list (all of it, the other filters applied)."""
        if self.table_model.total() <= FULL_SORT_LIMIT:
            self.table_model.fetch_all()
        model = self.table_model
        return {model.index(r, column).data() or "" for r in range(model.rowCount())}

    def filter_column_dialog(self, column: int) -> ColumnFilterDialog:
        header = self.table_model.headerData(column, Qt.Orientation.Horizontal)
        dialog = ColumnFilterDialog(
            header, self.column_values(column), self.proxy.column_filters.get(column), self
        )
        if dialog.exec() == ColumnFilterDialog.DialogCode.Accepted:
            self.set_column_filter(column, dialog.chosen())
        return dialog

    def set_column_filter(self, column: int, values) -> None:
        self.proxy.set_column_filter(column, values)
        self.view.scrollToTop()  # the rows kept begin at the top, not where the last view was
        self._update_count()
        self._update_buttons()

    def _clear_column_filters(self) -> None:
        self.proxy.clear_column_filters()
        self._update_count()

    def clear_filters(self) -> None:
        """清除: every filter of the list (search, dates, a village from a jump, column 筛选)."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._extra_org_ids = None
        self.proxy.clear_column_filters()
        self.clear_dates()

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

    # -- 审核退回 --------------------------------------------------------------------------
    def _review_menu(self, pos) -> None:
        record = self._selected_record()
        if record is None:
            return
        menu = QMenu(self)
        mark = open_send_back(record.uuid)
        back = menu.addAction("退回（审核不通过）…")
        back.setEnabled(mark is None)
        back.triggered.connect(lambda: self.send_back_selected())
        accept = menu.addAction("接收再次报送的记录")
        accept.setEnabled(mark is not None and mark.state == RESUBMITTED)
        accept.triggered.connect(self.accept_selected)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _selected_record(self) -> Record | None:
        record_id = self.selected_id()
        if record_id is None:
            return None
        return self.record_type.get_or_none(self.record_type.id == record_id)

    def send_back_selected(self, reason: str | None = None) -> SendBack | None:
        """Send the selected record back to its village (asks for the reason when not given)."""
        record = self._selected_record()
        if record is None or not self.reviews:
            return None
        if reason is None:
            reason, ok = QInputDialog.getText(
                self,
                "退回（审核不通过）",
                f"退回“{describe_record(record)}”给村（社区）改正。\n退回原因（如：会议记录过于简单；佐证不足）：",
            )
            if not ok:
                return None
        done, mark = attempt_write(
            self,
            "退回记录",
            lambda: send_back_record(record, reason),
            SendBackRefused,
            refusal_title="不能退回",
            typed_kept=False,
        )
        if not done:
            return None
        self.context.notify_changed(SendBack)
        self.reload()
        self.select_record(record.id)
        return mark

    def accept_selected(self) -> SendBack | None:
        """The town accepts the selected record, corrected and sent again (再次报送 → 已接收)."""
        record = self._selected_record()
        mark = open_send_back(record.uuid) if record is not None else None
        if record is None or mark is None:
            return None
        try:
            mark = accept_resubmission(mark)
        except WRITE_ERRORS as error:
            show_write_error(self, "接收记录", error, typed_kept=False)
            return None
        self.context.notify_changed(SendBack)
        self.reload()
        self.select_record(record.id)
        return mark

    # -- actions ----------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(ID_ROLE)

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen and self.may_create)
        self.send_back_button.setEnabled(chosen and self.reviews)

    def _edit_index(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id is not None:
            self.open_form(record_id)

    def add_record(self) -> None:
        if self.may_create:  # Ctrl+N as well as the button
            self.open_form(None)

    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.open_form(record_id)

    def open_form(
        self, record_id: int | None, start_with: dict[str, object] | None = None
    ) -> RecordFormDialog | None:
        """Show the form for a new (``record_id`` None, begun with ``start_with``) or an existing record; modal."""
        record = None
        if record_id is not None:
            record = self.record_type.get_or_none(self.record_type.id == record_id)
            if record is None or record.deleted:
                QMessageBox.information(self, "记录不存在", "这条记录已被删除或不存在。")
                self.reload()
                return None
        dialog = RecordFormDialog(
            self.record_type, record, self.context.org_ids(), self, start_with=start_with
        )
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
        if record_id is None or not self.may_create:  # the Delete key as well as the button
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
