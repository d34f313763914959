"""The right-click menu of every list in the window, as clerks know it from WPS and Excel.

复制单元格, 复制整行, 编辑, 删除, 导出当前列表到 Excel and 打印当前列表 (with a preview), written
once and installed on every table view: by the page that knows how to edit and delete its
rows (:func:`install_table_actions`), else by the window on each page it builds
(:func:`install_on_tables`), where 编辑 does what a double click does.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Callable

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QObject
from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QPageLayout
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QWidget

from app.exchange.list_workbook import write_list_workbook
from app.storage.safe_write import WriteFailed
from ui.background import run_in_background
from ui.widgets.error_dialog import show_failed_work
from ui.widgets.file_dialogs import EXCEL_FILES
from ui.widgets.file_dialogs import ask_save_path
from ui.widgets.read_only import window_is_read_only

log = logging.getLogger("wuzhua.ui")

#: rows read for an export or a print, at most (a list longer than this is narrowed first)
MOST_ROWS = 100_000

_PROPERTY = "wuzhua_table_actions"


def cell_text(index: QModelIndex) -> str:
    """What a cell shows, as text (a tick box as 是/否)."""
    value = index.data(Qt.ItemDataRole.DisplayRole)
    if value is None or value == "":
        check = index.data(Qt.ItemDataRole.CheckStateRole)
        if check is not None:
            return "是" if Qt.CheckState(check) == Qt.CheckState.Checked else "否"
        return ""
    return str(value)


def shown_table(view: QTableView) -> tuple[list[str], list[list[str]]]:
    """The headers and rows a view shows: its filters and order applied, hidden columns left out.

    A list read in batches as it scrolls is read to its end first, so that an export holds
    every row that matches, not only the ones scrolled to.
    """
    model = view.model()
    if model is None:
        return [], []
    while model.canFetchMore(QModelIndex()) and model.rowCount() < MOST_ROWS:
        before = model.rowCount()
        model.fetchMore(QModelIndex())
        if model.rowCount() == before:
            break
    columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
    rows = [
        [cell_text(model.index(r, c)) for c in columns]
        for r in range(model.rowCount())
        if not view.isRowHidden(r)
    ]
    return headers, rows


def table_html(title: str, headers: list[str], rows: list[list[str]]) -> str:
    """The list as a printable HTML page: title, date printed, table with ruled cells."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    today = dt.date.today()
    return (
        '<html><body style=\'font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif;\'>'
        f"<h3 align='center'>{html.escape(title)}</h3>"
        f"<p align='right' style='font-size: 9pt;'>共 {len(rows)} 条　打印日期：{today.year}年{today.month}月{today.day}日</p>"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%' style='border-collapse: collapse; font-size: 9pt;'>"
        f"<thead><tr style='background: #ddebf7;'>{head}</tr></thead><tbody>{body}</tbody></table>"
        "</body></html>"
    )


class TableActions(QObject):
    """The right-click menu of one table view, and 打印当前列表 / 导出 for the window's Ctrl+P."""

    def __init__(
        self,
        view: QTableView,
        title: str | Callable[[], str],
        edit: Callable[[], object] | None = None,
        delete: Callable[[], object] | None = None,
    ):
        super().__init__(view)
        self.view = view
        self._title = title
        self.edit = edit
        self.delete = delete
        view.setProperty(_PROPERTY, True)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.show_menu)
        copy = QAction("复制", view)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selection)
        view.addAction(copy)
        view.table_actions = self  # type: ignore[attr-defined]  # the window's Ctrl+P finds it here

    def title(self) -> str:
        return self._title() if callable(self._title) else self._title

    # -- the menu ---------------------------------------------------------------------------
    def menu_at(self, point: QPoint) -> QMenu:
        """The menu for a right click at ``point`` (viewport coordinates); the row there is chosen."""
        index = self.view.indexAt(point)
        if index.isValid():
            selection = self.view.selectionModel()
            if selection is not None and not selection.isSelected(index):
                self.view.setCurrentIndex(index)
        menu = QMenu(self.view)
        copy_cell = menu.addAction("复制单元格", lambda: self.copy_cell(index))
        copy_row = menu.addAction("复制整行", lambda: self.copy_row(index.row()))
        copy_cell.setEnabled(index.isValid())
        copy_row.setEnabled(index.isValid())
        menu.addSeparator()
        edit = menu.addAction("编辑…", lambda: self._edit(index))
        edit.setEnabled(index.isValid() and self._can_edit())
        delete = menu.addAction("删除…", self._delete)
        delete.setEnabled(index.isValid() and self.delete is not None and not self._read_only())
        menu.addSeparator()
        menu.addAction("导出当前列表到 Excel…", self.export_dialog)
        menu.addAction("打印当前列表…", self.print_preview)
        return menu

    def show_menu(self, point: QPoint) -> None:
        menu = self.menu_at(point)
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    @staticmethod
    def _read_only() -> bool:
        return window_is_read_only()

    def _can_edit(self) -> bool:
        if self.edit is not None:
            return True
        # What a double click does: pages that open a row on a double click
        signal = self.view.metaObject().method(
            self.view.metaObject().indexOfSignal("doubleClicked(QModelIndex)")
        )
        return self.view.isSignalConnected(signal)

    def _edit(self, index: QModelIndex) -> None:
        if self.edit is not None:
            self.edit()
        elif index.isValid():
            self.view.doubleClicked.emit(index)

    def _delete(self) -> None:
        if self.delete is not None:
            self.delete()

    # -- copying ----------------------------------------------------------------------------
    def copy_cell(self, index: QModelIndex) -> str:
        text = cell_text(index) if index.isValid() else ""
        QGuiApplication.clipboard().setText(text)
        return text

    def copy_row(self, row: int) -> str:
        model = self.view.model()
        columns = [c for c in range(model.columnCount()) if not self.view.isColumnHidden(c)]
        # tab between cells: pasted into WPS or Excel, each value lands in its own column
        text = "\t".join(cell_text(model.index(row, c)) for c in columns)
        QGuiApplication.clipboard().setText(text)
        return text

    def copy_selection(self) -> None:
        """Ctrl+C: the chosen rows (whole rows when rows are chosen), tab-separated."""
        selection = self.view.selectionModel()
        if selection is None:
            return
        rows = sorted({i.row() for i in selection.selectedIndexes()})
        if self.view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows or len(rows) > 1:
            model = self.view.model()
            columns = [c for c in range(model.columnCount()) if not self.view.isColumnHidden(c)]
            lines = ["\t".join(cell_text(model.index(r, c)) for c in columns) for r in rows]
            QGuiApplication.clipboard().setText("\n".join(lines))
        else:
            self.copy_cell(self.view.currentIndex())

    # -- export and print -------------------------------------------------------------------
    def export(self, path) -> int:
        """Write the list as shown to ``path`` (xlsx); the number of rows."""
        headers, rows = shown_table(self.view)
        return write_list_workbook(path, self.title(), headers, rows)

    def export_dialog(self, on_done: Callable[[int], object] | None = None) -> None:
        """导出当前列表到 Excel: asks where, then writes in the background with progress.

        The rows are read here, on the GUI thread (they come from the view's models); the
        workbook is written by a worker, behind a progress dialog for a long list.
        """
        title = self.title()
        path = ask_save_path(self.view, "导出当前列表到 Excel", f"{title}.xlsx", EXCEL_FILES)
        if path is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            headers, rows = shown_table(self.view)
        finally:
            QApplication.restoreOverrideCursor()

        def work(progress) -> int:
            progress.report(0, 0, f"正在写出 {len(rows)} 条到 {path.name}…")
            return write_list_workbook(path, title, headers, rows)

        def done(count: int) -> None:
            QMessageBox.information(self.view, "导出当前列表", f"已导出 {count} 条到：\n{path}")
            if on_done is not None:
                on_done(count)

        def failed(error: BaseException) -> None:
            if isinstance(error, WriteFailed):
                QMessageBox.warning(self.view, "导出当前列表", str(error))
            elif isinstance(error, PermissionError):
                QMessageBox.warning(
                    self.view,
                    "导出当前列表",
                    f"无法写入“{path}”：文件可能正在 Excel/WPS 中打开，请关闭后重试。",
                )
            else:
                show_failed_work(self.view, "导出当前列表", error)

        run_in_background(
            self.view, f"正在导出“{title}”…", work, on_done=done, on_error=failed, cancellable=False
        )

    def document(self) -> QTextDocument:
        headers, rows = shown_table(self.view)
        document = QTextDocument()
        document.setHtml(table_html(self.title(), headers, rows))
        return document

    def print_to(self, printer) -> None:
        """Print the list as shown on ``printer`` (a QPrinter: a real printer or a PDF)."""
        self.document().print_(printer)

    def print_preview(self) -> None:
        """打印当前列表: the print preview, whose 打印 button opens the printer's dialog."""
        from PySide6.QtPrintSupport import QPrinter  # noqa: PLC0415 (start-up: print support loads only when a list is printed)
        from PySide6.QtPrintSupport import QPrintPreviewDialog  # noqa: PLC0415 (start-up: print support loads only when a list is printed)

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        dialog = QPrintPreviewDialog(printer, self.view)
        dialog.setWindowTitle(f"打印预览 — {self.title()}")
        dialog.paintRequested.connect(self.print_to)
        screen = self.view.screen().availableGeometry()
        dialog.resize(min(1100, screen.width() - 40), min(720, screen.height() - 60))
        dialog.exec()


def install_table_actions(
    view: QTableView,
    title: str | Callable[[], str],
    edit: Callable[[], object] | None = None,
    delete: Callable[[], object] | None = None,
) -> TableActions:
    """Give ``view`` the list menu; ``edit``/``delete`` act on its chosen row (None: 编辑 does
    what a double click does, 删除 is greyed)."""
    existing = getattr(view, "table_actions", None)
    if isinstance(existing, TableActions):
        return existing
    return TableActions(view, title, edit, delete)


def install_on_tables(page: QWidget, title: str) -> list[TableActions]:
    """Give every table view of ``page`` that has none yet the list menu (titled ``title``)."""
    installed = []
    for view in page.findChildren(QTableView):
        if not isinstance(getattr(view, "table_actions", None), TableActions):
            installed.append(install_table_actions(view, title))
    return installed


def current_table(page: QWidget | None) -> TableActions | None:
    """The list of ``page`` that Ctrl+P prints: the one with the focus, else the first shown."""
    if page is None:
        return None
    focus = QApplication.focusWidget()
    while focus is not None:
        actions = getattr(focus, "table_actions", None)
        if isinstance(actions, TableActions) and page.isAncestorOf(focus):
            return actions
        focus = focus.parentWidget()
    for view in page.findChildren(QTableView):
        actions = getattr(view, "table_actions", None)
        if isinstance(actions, TableActions) and view.isVisible():
            return actions
    return None
