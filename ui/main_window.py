"""The main window: a tab per track plus 总览, 日历 and 基础信息, and the village selector.

Track tabs and 基础信息 list their entries on the left (the pages declared in :data:`ui.pages.PAGES`
first, then one entry per record type) and build a page only when it is first chosen,
so that the window opens at once even on a large database. 总览 and 日历 likewise build
their page when first shown; the first tab's page is built, and reads its data, just after
the window has been painted once.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtGui import QColor
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QTextBrowser
from PySide6.QtWidgets import QToolBar
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app import __version__
from app.guide import guide_html
from app.setup import installation
from app.storage.errors import WRITE_ERRORS
from app.storage.logs import current_log_file
from app.storage.sessions import describe_others
from app.storage.sessions import other_clerks
from app.text import sort_by_pinyin
from models import RECORD_TYPES
from models import TRACK_TITLES
from models import Campaign
from models import Organisation
from models import settings
from models.db import Record
from models.db import is_postgres
from models.schema import label_of
from ui.context import AppContext
from ui.pages import DETAIL_HEADING
from ui.pages import DETAIL_RECORDS
from ui.pages import Page
from ui.pages import pages_in_order
from ui.widgets.read_only import window_is_read_only
from ui.widgets.table_actions import current_table
from ui.widgets.table_actions import install_on_tables
from ui.widgets.unsaved import Answer
from ui.widgets.unsaved import ask_unsaved

TABS = ("总览", "抓学习", "抓制度", "抓作风", "抓品牌", "抓落实", "日历", "基础信息")
WHOLE_TOWN = "全镇"


def view_modules(town: bool = True) -> list[Page]:
    """The pages of :data:`ui.pages.PAGES`, in the order the side lists show them.

    ``town`` False: a village's computer, which has no town-only pages.
    """
    return pages_in_order(town)


def _refresh(widget: QWidget | None) -> None:
    refresh = getattr(widget, "refresh", None)
    if callable(refresh):
        refresh()


def scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a scroll area: on a small screen (1366×768 at 125 % or 150 %) the page
    keeps its minimum size and scrolls, so that no button or total is cut off."""
    holder = QScrollArea()
    holder.setWidget(page)
    holder.setWidgetResizable(True)
    holder.setFrameShape(QScrollArea.Shape.NoFrame)
    return holder


class _Placeholder(QLabel):
    def __init__(self, text: str):
        super().__init__(text)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("color: #666; font-size: 15px; padding: 40px;")


class WholeTab(QWidget):
    """A tab that is one view (总览, 日历): the view is built when the tab is first shown."""

    def __init__(self, module: Page, context: AppContext, parent=None):
        super().__init__(parent)
        self.module = module
        self.context = context
        self.page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self.page is None:
            self.page = self.module.create(self.context)
            self._layout.addWidget(scrolling(self.page))
            install_on_tables(self.page, self.module.title)
        return self.page

    def refresh(self) -> None:
        _refresh(self.build())


class TrackTab(QWidget):
    """A side list of entries and the page of the chosen one (pages built on demand)."""

    def __init__(self, name: str, context: AppContext, views: list[Page], parent=None):
        super().__init__(parent)
        self.name = name
        self.context = context
        # The work first, in the order it is done (pages and the lists clerks keep, by their
        # place: a record list at 100 + its position); then, under one collapsible 台账明细
        # heading, the raw tables a page already covers.
        detail = DETAIL_RECORDS.get(name, frozenset())
        models = RECORD_TYPES.get(name, ())
        leading: list[tuple[int, str, Page | type[Record] | None]] = [(m.order, m.title, m) for m in views]
        leading += [(100 + n, label_of(m), m) for n, m in enumerate(models) if m.__name__ not in detail]
        leading.sort(key=lambda entry: entry[0])
        self.entries: list[tuple[str, Page | type[Record] | None]] = [(t, e) for _o, t, e in leading]
        details = [(label_of(m), m) for m in models if m.__name__ in detail]
        self.heading_row: int | None = None
        if details:
            self.heading_row = len(self.entries)
            self.entries.append((DETAIL_HEADING, None))
            self.entries.extend(details)
        self.pages: dict[int, QWidget] = {}
        self.holders: dict[int, QScrollArea] = {}  # each page in a scroll area (small screens)
        self.side = QListWidget(self)
        self.side.setMinimumWidth(130)
        for title, target in self.entries:
            item = QListWidgetItem(title)
            if isinstance(target, Page):
                # Working views (charts, ledgers, summaries) stand apart from plain lists.
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            elif target is None:  # the 台账明细 heading: opens and closes the raw tables
                item.setForeground(QColor("#555"))
                item.setToolTip("各项工作的原始记录表；点击展开或收起")
            self.side.addItem(item)
        self.details_open = True
        self.set_details_open(False)
        self.stack = QStackedWidget(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.side)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([160, 1200])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.side.currentRowChanged.connect(self.show_entry)
        # Ctrl+F anywhere in the tab, the side list too: to the current page's search box
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        context.orgFilterChanged.connect(lambda _ids: self._refresh_views())
        context.dataChanged.connect(lambda _m: self._refresh_views())

    def ensure_started(self) -> None:
        if self.side.currentRow() < 0 and self.entries:
            self.side.setCurrentRow(0)

    def set_details_open(self, open_: bool) -> None:
        """Show or hide the raw tables under the 台账明细 heading."""
        if self.heading_row is None:
            return
        self.details_open = open_
        heading = self.side.item(self.heading_row)
        heading.setText(f"{'▾' if open_ else '▸'} {DETAIL_HEADING}")
        for row in range(self.heading_row + 1, len(self.entries)):
            self.side.item(row).setHidden(not open_)

    def show_entry(self, row: int) -> QWidget | None:
        if not 0 <= row < len(self.entries):
            return None
        if row == self.heading_row:  # the heading is no page: it opens or closes its tables
            self.set_details_open(not self.details_open)
            shown = self.stack.currentWidget()
            back = next((r for r, h in self.holders.items() if h is shown), -1)
            self.side.blockSignals(True)
            self.side.setCurrentRow(back)
            self.side.blockSignals(False)
            return None
        if self.heading_row is not None and row > self.heading_row and not self.details_open:
            self.set_details_open(True)  # a jump to a raw table shows where it is
        page = self.pages.get(row)
        if page is None:
            _title, target = self.entries[row]
            if isinstance(target, Page):
                page = target.create(self.context)
            elif target is None:
                return None
            else:
                from ui.record_page import RecordListPage  # noqa: PLC0415 (start-up: the record lists and their forms load with the first record tab)

                page = RecordListPage(target, self.context)
            self.pages[row] = page
            self.holders[row] = holder = scrolling(page)
            self.stack.addWidget(holder)
            install_on_tables(page, self.entries[row][0])
        if self.side.currentRow() != row:
            self.side.setCurrentRow(row)
        self.stack.setCurrentWidget(self.holders[row])
        _refresh(page)
        return page

    def current_page(self) -> QWidget | None:
        return self.pages.get(self.side.currentRow())

    def focus_search(self) -> QLineEdit | None:
        """Put the cursor in the current page's search box (its ``search``, else its first text box)."""
        page = self.current_page()
        if page is None:
            return None
        search = getattr(page, "search", None)
        if not isinstance(search, QLineEdit):
            search = next(
                (e for e in page.findChildren(QLineEdit) if e.isVisible() and not e.isReadOnly()), None
            )
        if search is not None:
            search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            search.selectAll()
        return search

    def page_for(self, target: object) -> QWidget | None:
        for row, (_title, entry) in enumerate(self.entries):
            if entry is target:
                return self.show_entry(row)
        return None

    def _refresh_views(self) -> None:
        # Record pages follow the context themselves; special views are told here.
        for row, page in self.pages.items():
            if isinstance(self.entries[row][1], Page) and page.isVisible():
                _refresh(page)


class MainWindow(QMainWindow):
    """五抓五提升 工作台."""

    #: the window has been painted once and what waits for that has begun (the current
    #: tab reading its data, the village list ordered by pinyin)
    firstPainted = Signal()

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        context._open_record = self.open_record
        context._show_records = self.show_records
        context._new_record = self.new_record
        self.read_only = window_is_read_only()
        # Whose database this is: a village's computer shows only its own branch and work.
        self.installation = installation()
        title = self.installation.window_title
        self.setWindowTitle(f"{title}（只读）" if self.read_only else title)
        self._painted = False

        modules = view_modules(self.installation.is_town)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tab_widgets: dict[str, QWidget] = {}
        for name in TABS:
            own = [m for m in modules if name == m.tab]
            widget: QWidget
            if name in ("总览", "日历"):
                widget = WholeTab(own[0], context) if own else _Placeholder(self._placeholder_text(name))
            else:
                widget = TrackTab(name, context, own)
            self.tab_widgets[name] = widget
            index = self.tabs.addTab(widget, name)
            if name in TRACK_TITLES:
                self.tabs.setTabToolTip(index, TRACK_TITLES[name])
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_changed)
        context.dataChanged.connect(lambda _m: self._refresh_whole_tabs())
        context.orgFilterChanged.connect(lambda _ids: self._refresh_whole_tabs())

        self._build_toolbar()
        self._build_menu()
        self._build_status_bar()
        self._fit_to_screen()

    # -- building ---------------------------------------------------------------------------
    @staticmethod
    def _placeholder_text(name: str) -> str:
        if name == "总览":
            return "总览页面正在建设中。\n请从上方各标签页查看和录入五项行动的工作记录。"
        return "日历页面正在建设中。\n会议、学习、任务节点等按日期排列的视图将在这里显示。"

    def _build_toolbar(self) -> None:
        bar = QToolBar("村（社区）选择", self)
        bar.setMovable(False)
        bar.addWidget(QLabel(" 村（社区）： ", bar))
        self.village = QComboBox(bar)
        self.village.setMinimumWidth(180)
        self.village.setToolTip("只看所选村（社区）的记录；选“全镇”看全部")
        bar.addWidget(self.village)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        # Ordered by pinyin only after the first paint: the pinyin dictionaries take longer
        # to load than the rest of the start-up, and the closed list shows just 全镇.
        self.fill_villages(by_pinyin=False)
        self.village.currentIndexChanged.connect(self._village_chosen)
        if not self.installation.is_town:
            self._keep_to_own_village()

    def _keep_to_own_village(self) -> None:
        """A village's computer: the selector shows the village alone and every page keeps to it."""
        ids = list(self.installation.village_ids)
        self.village.blockSignals(True)
        self.village.clear()
        org = Organisation.get_by_id(ids[0])
        self.village.addItem(org.short_name or org.name, org.id)
        self.village.blockSignals(False)
        self.village.setEnabled(False)
        self.village.setToolTip("本机是本村（社区）的电脑，只显示本村的记录")
        self.context.set_org_ids(ids)

    def fill_villages(self, by_pinyin: bool = True) -> None:
        """The village list: 全镇, then each branch by the pinyin of its name (easy to find).

        ``by_pinyin`` False: in the town's own order (as stored) instead.
        """
        if not self.installation.is_town:
            return  # the village alone, set once
        current = self.village.currentData()
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(WHOLE_TOWN, None)
        branches = Organisation.branches()
        if by_pinyin:
            branches = sort_by_pinyin(branches, key=lambda o: o.short_name or o.name)
        for org in branches:
            self.village.addItem(org.short_name or org.name, org.id)
        index = self.village.findData(current)
        self.village.setCurrentIndex(max(index, 0))
        self.village.blockSignals(False)

    def _village_chosen(self) -> None:
        org_id = self.village.currentData()
        if org_id is None:
            self.context.set_org_ids(None)
            return
        groups = Organisation.live().where(Organisation.parent == org_id, Organisation.kind == "党小组")
        self.context.set_org_ids([org_id, *[g.id for g in groups]])

    def select_village(self, org_id: int | None) -> None:
        """Choose a village in the selector (None: the whole town)."""
        self.village.setCurrentIndex(max(self.village.findData(org_id), 0))

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        save = QAction("保存(&S)", self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.setToolTip("保存当前页面上填写的表单")
        save.triggered.connect(self.save_current)
        file_menu.addAction(save)
        print_action = QAction("打印当前页或列表(&P)…", self)
        print_action.setShortcut(QKeySequence.StandardKey.Print)
        print_action.triggered.connect(self.print_current)
        file_menu.addAction(print_action)
        export = QAction("导出当前列表到 Excel(&E)…", self)
        export.triggered.connect(self.export_current)
        file_menu.addAction(export)
        file_menu.addSeparator()
        self.save_action, self.print_action = save, print_action
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_asking)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        guide = QAction("使用说明(&U)", self)
        guide.setShortcut(QKeySequence(Qt.Key.Key_F1))
        guide.triggered.connect(self.show_guide)
        help_menu.addAction(guide)
        about = QAction("关于(&A)", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def current_page(self) -> QWidget | None:
        """The page the clerk is on (built), or None."""
        widget = self.tabs.currentWidget()
        if isinstance(widget, TrackTab):
            return widget.current_page()
        if isinstance(widget, WholeTab):
            return widget.page
        return None

    def print_current(self) -> None:
        """Ctrl+P: the page's own print (挂图, 台账, 调度表, 打印中心), else its list with a preview."""
        page = self.current_page()
        own = getattr(page, "print_page", None)
        if callable(own):
            own()
            return
        actions = current_table(page)
        if actions is not None:
            actions.print_preview()
        else:
            self.statusBar().showMessage("这一页没有可以打印的内容。", 4000)

    def export_current(self) -> None:
        actions = current_table(self.current_page())
        if actions is not None:
            actions.export_dialog()
        else:
            self.statusBar().showMessage("这一页没有列表可以导出。", 4000)

    def save_current(self) -> None:
        """Ctrl+S: save the form filled in on the current page (e.g. 下发重点任务, 督查评分)."""
        save = getattr(self.current_page(), "save_page", None)
        if callable(save):
            save()
        else:
            self.statusBar().showMessage(
                "这一页没有需要保存的表单；记录在“新增/编辑”窗口中用 Ctrl+S 保存。", 5000
            )

    def current_page_title(self) -> str:
        """The title of the page the clerk is on (a side-list entry, or the tab's name)."""
        name = self.tabs.tabText(self.tabs.currentIndex())
        widget = self.tab_widgets.get(name)
        if isinstance(widget, TrackTab) and 0 <= widget.side.currentRow() < len(widget.entries):
            return widget.entries[widget.side.currentRow()][0]
        return name

    def show_guide(self) -> QDialog:
        """帮助 → 使用说明 (F1): the guide, with the current page's topic first."""
        dialog = QDialog(self)
        dialog.setWindowTitle("使用说明")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        text = QTextBrowser(dialog)
        text.setHtml(guide_html(self.current_page_title()))
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        screen = self.screen().availableGeometry()
        dialog.resize(min(760, screen.width() - 40), min(640, screen.height() - 80))
        dialog.show()
        self._guide = dialog  # kept while open
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "关于",
            f"<b>五抓五提升 工作台</b> {__version__}<br><br>"
            "抓学习提升能力素质、抓制度提升服务水平、抓作风提升队伍形象、"
            "抓品牌提升创新活力、抓落实提升工作质效。<br><br>"
            f"数据库：{self.context.db_path}{'（只读）' if self.read_only else ''}<br>"
            f"日志：{current_log_file() or '（无法写入）'}",
        )

    def _build_status_bar(self) -> None:
        self.phase_label = QLabel(self.phase_text(dt.date.today()))
        self.statusBar().addWidget(QLabel(f"数据库：{self.context.db_path}"), 1)
        self.operator_label = QLabel(self.operator_text())
        self.statusBar().addPermanentWidget(self.operator_label)
        self.statusBar().addPermanentWidget(self.phase_label)
        # the operator and the phase dates can be changed in 设置: the status bar follows
        self.context.dataChanged.connect(lambda _m: self._update_status_bar())
        if is_postgres():  # on the office's server: who else is working on it now
            self.others_label = QLabel()
            self.statusBar().addPermanentWidget(self.others_label)
            self._others_timer = QTimer(self)
            self._others_timer.timeout.connect(self.show_other_clerks)
            self._others_timer.start(30_000)
            self.show_other_clerks()

    @staticmethod
    def operator_text() -> str:
        return f"操作人员：{settings.get('operator') or '未填写'}"

    def _update_status_bar(self) -> None:
        self.operator_label.setText(self.operator_text())
        self.phase_label.setText(self.phase_text(dt.date.today()))

    def show_other_clerks(self) -> None:
        try:
            clerks = other_clerks()
        except WRITE_ERRORS as error:  # the server out of reach: said, not raised from a timer
            self.others_label.setText("其他电脑：无法查询")
            self.others_label.setToolTip(str(error))
            return
        self.others_label.setText(describe_others(clerks))
        self.others_label.setToolTip(
            "\n".join(
                f"{c.computer} 用户 {c.user}，自 {c.since:%Y-%m-%d %H:%M} 起" for c in clerks if c.since
            )
        )

    @staticmethod
    def phase_text(day: dt.date) -> str:
        """The campaign phase on ``day``, as the status bar shows it."""
        try:
            campaign = Campaign.current()
        except LookupError:
            return "尚未建立行动方案"
        phase = campaign.phase_on(day)
        if phase is not None:
            return f"{campaign.name}：{phase.name}阶段（{phase.start:%Y-%m-%d} 至 {phase.end:%Y-%m-%d}）"
        if day < campaign.start:
            return f"{campaign.name}：尚未开始（{campaign.start:%Y-%m-%d} 开始）"
        if day > campaign.end:
            return f"{campaign.name}：已于 {campaign.end:%Y-%m-%d} 结束"
        return campaign.name

    def _fit_to_screen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        width, height = 1280, 760
        if screen is not None:
            area = screen.availableGeometry()
            width, height = min(width, area.width()), min(height, area.height())
        self.resize(width, height)

    # -- navigation -------------------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, TrackTab):
            widget.ensure_started()
        else:
            _refresh(widget)

    def _refresh_whole_tabs(self) -> None:
        for name in ("总览", "日历"):
            widget = self.tab_widgets[name]
            if widget.isVisible():
                _refresh(widget)

    def show_tab(self, name: str) -> QWidget:
        widget = self.tab_widgets[name]
        self.tabs.setCurrentWidget(widget)
        if isinstance(widget, WholeTab):
            widget.build()
        return widget

    def page_of(self, model: type[Record]):
        """Switch to the list of ``model`` records and return it (a RecordListPage, or None)."""
        from ui.record_page import RecordListPage  # noqa: PLC0415 (start-up: the record lists and their forms load with the first record tab)

        for name, types in RECORD_TYPES.items():
            if model in types:
                tab = self.show_tab(name)
                assert isinstance(tab, TrackTab)  # record types are listed in track tabs only
                page = tab.page_for(model)
                return page if isinstance(page, RecordListPage) else None
        return None

    def show_records(self, model: type[Record], **filters) -> None:
        page = self.page_of(model)
        if page is not None and filters:
            page.apply_filters(**filters)

    def new_record(self, model: type[Record], **start_with):
        """The list of ``model`` and the form of a new record on it, begun with ``start_with``."""
        page = self.page_of(model)
        if page is None or not page.may_create:
            return None
        return page.open_form(None, start_with=start_with)

    def _in_workflow(self, model: type[Record]) -> bool:
        """Whether the clerk is on a workflow page whose raw table ``model`` is (挂图作战 → 任务节点)."""
        from ui.record_page import RecordListPage  # noqa: PLC0415 (start-up: the record lists and their forms load with the first record tab)

        name = self.tabs.tabText(self.tabs.currentIndex())
        page = self.current_page()
        detail = DETAIL_RECORDS.get(name, frozenset())
        return page is not None and not isinstance(page, RecordListPage) and model.__name__ in detail

    def open_record(self, model: type[Record], record_id: int):
        # From a workflow page its own records are edited in place: 编辑 stays in the work.
        page = None if self._in_workflow(model) else self.page_of(model)
        if page is None:
            from ui.record_form import RecordFormDialog  # noqa: PLC0415 (start-up: the record lists and their forms load with the first record tab)

            # A record type without a list of its own (行动, 阶段…): just its form.
            record = model.get_or_none(model.id == record_id)
            if record is None:
                return None
            dialog = RecordFormDialog(model, record, self.context.org_ids(), self)
            if dialog.exec() == RecordFormDialog.DialogCode.Accepted:
                self.context.notify_changed(model)
            return dialog
        page.select_record(record_id)
        return page.open_form(record_id)

    def unsaved_pages(self) -> list[tuple[str, QWidget]]:
        """The built pages holding typed input not yet saved (e.g. a filled 下发重点任务 form)."""
        found = []
        for tab in self.tab_widgets.values():
            if not isinstance(tab, TrackTab):
                continue
            for row, page in tab.pages.items():
                unsaved = getattr(page, "has_unsaved_input", None)
                if callable(unsaved) and unsaved():
                    found.append((tab.entries[row][0], page))
        return found

    def quit_asking(self) -> bool:
        """文件 → 退出 (Ctrl+Q): close the window, asking first about unsaved input."""
        self._asking = True
        try:
            return self.close()
        finally:
            self._asking = False

    def closeEvent(self, event) -> None:
        # Quitting (Ctrl+Q, ×) with a filled form asks first, like closing the form itself;
        # the program closing its window itself (a test, the system ending) does not stop.
        asking = event.spontaneous() or getattr(self, "_asking", False)
        for title, page in self.unsaved_pages() if asking else []:
            self.show_page(page)
            answer = ask_unsaved(self, f"“{title}”中")
            if answer is Answer.CANCEL:
                event.ignore()
                return
            if answer is Answer.SAVE:
                save = getattr(page, "save_page", None)
                if not callable(save) or not save():
                    event.ignore()  # refused: the clerk sees why, the form stays filled
                    return
        super().closeEvent(event)

    def show_page(self, page: QWidget) -> None:
        """Bring a built page to the front (its tab, its side-list entry)."""
        for name, tab in self.tab_widgets.items():
            if isinstance(tab, TrackTab):
                for row, built in tab.pages.items():
                    if built is page:
                        self.show_tab(name)
                        tab.show_entry(row)
                        return

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # The window (tabs, village list, status bar) is painted first; the current tab's
        # page is built and reads its data right after that paint (总览's evaluation then
        # runs in the background), so that nothing holds up the window appearing.
        if self._painted:  # shown again (e.g. restored): bring the current tab up to date
            QTimer.singleShot(0, self, self._show_current)
        elif self.windowHandle() is not None:
            self.windowHandle().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # The window system exposes the window: Qt paints it while handling this event, so
        # a timer started now runs after that first paint.
        first = not self._painted and watched is self.windowHandle()
        if first and event.type() in (QEvent.Type.Expose, QEvent.Type.Paint):
            self._painted = True
            watched.removeEventFilter(self)
            # The clerk sees the window now; what takes longer comes once this paint is done.
            QTimer.singleShot(0, self, self._after_first_paint)
        return super().eventFilter(watched, event)

    def _after_first_paint(self) -> None:
        self._show_current()
        self.fill_villages()
        self.firstPainted.emit()

    def _show_current(self) -> None:
        self._tab_changed(self.tabs.currentIndex())
