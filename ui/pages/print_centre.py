"""抓落实 → 打印中心: preview the notice, the scorecards or the summary page by page; print or save.

The ranking notice's text can be edited here before printing (it is kept in the notice's
正文). The preview is painted from the same laid-out pages as the PDF, in the same fonts.
Printing and saving run in the background with a progress dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPageSetupDialog
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.campaign_time import as_of_day
from app.campaign_time import quarter_label
from app.inspection.ranking import inspected_quarters
from app.printing.fonts import NoChineseFont
from app.printing.fonts import font_note
from app.printing.notice import NothingToPrint
from app.printing.notice import build_notice
from app.printing.notice import draft_body
from app.printing.notice import is_draft
from app.printing.notice import issue_quarter_notice
from app.printing.notice import issued_by
from app.printing.notice import notice_to_print
from app.printing.notice import save_draft
from app.printing.page import Document
from app.printing.page import write_pdf
from app.printing.scorecards import build_scorecards
from app.printing.summary import build_summary
from app.storage.errors import WRITE_ERRORS
from app.storage.safe_write import WriteFailed
from models import Notice
from ui.background import BackgroundTask
from ui.background import run_in_background
from ui.pages import page
from ui.pages.delivery_common import to_date
from ui.pages.delivery_common import to_qdate
from ui.widgets.date_box import DateBox
from ui.widgets.document_painter import font_families
from ui.widgets.document_painter import page_image
from ui.widgets.document_painter import print_pages
from ui.widgets.error_dialog import attempt_write
from ui.widgets.error_dialog import show_write_error
from ui.widgets.file_dialogs import ask_save_path
from ui.widgets.read_only import mark_writes

KINDS = (("notice", "督查排名通报"), ("scorecards", "各村督查评分表"), ("summary", "行动总结报告"))
TITLE = page("print_centre").title
ZOOMS = (50, 75, 100, 125, 150)


class PrintCentre(QWidget):
    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.document: Document | None = None
        self.notice: Notice | None = None
        self.page = 0
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.task: BackgroundTask | None = None

        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(label, key)
        self.quarter = QComboBox()
        self.generate_button = QPushButton("生成预览")
        self.generate_button.clicked.connect(self.generate)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        top = QHBoxLayout()
        for widget in (QLabel("文件"), self.kind, QLabel("季度"), self.quarter, self.generate_button):
            top.addWidget(widget)
        top.addStretch(1)

        # the notice's editable text
        self.editor = QWidget()
        self.doc_no = QLabel()
        # before a notice is chosen: today, no later than the campaign's end (not Qt's 2000-01-01)
        self.date = DateBox(to_qdate(as_of_day()), display="yyyy年M月d日")
        self.title = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(
            "通报正文：一段一行；“一、”开头的为一级标题（黑体），“（一）”开头的为二级标题（楷体）。"
        )
        self.save_button = QPushButton("保存正文并刷新预览")
        self.redraft_button = QPushButton("按排名重新起草")
        self.issue_button = QPushButton("签发…")
        self.issue_button.setToolTip("取得发文字号并定稿：签发后正文不再修改，重印与签发时完全相同")
        self.save_button.clicked.connect(self.save_notice_text)
        self.redraft_button.clicked.connect(self.redraft)
        self.issue_button.clicked.connect(self.issue)
        mark_writes(self.save_button, self.redraft_button, self.issue_button)
        form = QVBoxLayout(self.editor)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(self.doc_no)
        row = QHBoxLayout()
        row.addWidget(QLabel("成文日期"))
        row.addWidget(self.date)
        row.addStretch(1)
        form.addLayout(row)
        form.addWidget(QLabel("标题"))
        form.addWidget(self.title)
        form.addWidget(QLabel("正文（可修改）"))
        form.addWidget(self.body, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.redraft_button)
        buttons.addWidget(self.issue_button)
        form.addLayout(buttons)

        # the preview
        self.image = QLabel("选择文件和季度后点击“生成预览”。")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.image)
        self.scroll_area.setWidgetResizable(True)
        self.prev_button = QPushButton("上一页")
        self.next_button = QPushButton("下一页")
        self.page_label = QLabel()
        self.zoom = QComboBox()
        for z in ZOOMS:
            self.zoom.addItem(f"{z}%", z)
        self.zoom.setCurrentIndex(1)
        self.prev_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.zoom.currentIndexChanged.connect(lambda _i: self.show_page(self.page))
        nav = QHBoxLayout()
        for widget in (self.prev_button, self.page_label, self.next_button, QLabel("缩放"), self.zoom):
            nav.addWidget(widget)
        nav.addStretch(1)
        self.setup_button = QPushButton("页面设置…")
        self.print_button = QPushButton("打印…")
        self.save_pdf_button = QPushButton("另存为 PDF…")
        self.save_word_button = QPushButton("另存为 Word…")
        self.save_word_button.setToolTip("保存为 .docx，可在 WPS、Word 中作最后修改（公文格式不变）")
        self.setup_button.clicked.connect(self.page_setup)
        self.print_button.clicked.connect(self.print_dialog)
        self.save_pdf_button.clicked.connect(self.save_pdf_dialog)
        self.save_word_button.clicked.connect(self.save_word_dialog)
        # printing and saving on a row of their own (one row was wider than 1366×768 at 125 %)
        output = QHBoxLayout()
        for widget in (self.setup_button, self.print_button, self.save_pdf_button, self.save_word_button):
            output.addWidget(widget)
        output.addStretch(1)
        preview = QWidget()
        right = QVBoxLayout(preview)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(output)
        right.addLayout(nav)
        right.addWidget(self.scroll_area, 1)

        splitter = QSplitter()
        splitter.addWidget(self.editor)
        splitter.addWidget(preview)
        splitter.setStretchFactor(1, 2)
        self.status = QLabel()
        self.status.setWordWrap(True)  # a font note may follow the page count
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.refresh()
        self._kind_changed()

    # -- choosing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.quarter.currentData()
        self.quarter.blockSignals(True)
        self.quarter.clear()
        for q in reversed(inspected_quarters()):
            self.quarter.addItem(quarter_label(q), q)
        found = self.quarter.findData(current)
        self.quarter.setCurrentIndex(max(found, 0))
        self.quarter.blockSignals(False)
        self._update_buttons()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.quarter.setEnabled(kind != "summary")
        self.editor.setVisible(kind == "notice")

    def _update_buttons(self) -> None:
        page_count = len(self.document.pages) if self.document is not None else 0
        has = page_count > 0
        for button in (self.print_button, self.save_pdf_button):
            button.setEnabled(has)
        self.prev_button.setEnabled(has and self.page > 0)
        self.next_button.setEnabled(has and self.page < page_count - 1)
        drafting = self.notice is not None and is_draft(self.notice)
        self.save_button.setEnabled(drafting)
        self.redraft_button.setEnabled(drafting)
        self.issue_button.setEnabled(drafting)
        self.save_word_button.setEnabled(has and self.notice is not None)

    # -- building ---------------------------------------------------------------------------
    def generate(self) -> bool:
        """Lay out the chosen document and show its first page; False (with a message) when it cannot."""
        kind, quarter = self.kind.currentData(), self.quarter.currentData()
        if kind != "summary" and not quarter:
            QMessageBox.information(self, TITLE, "还没有季度督查记录，请先在“督查评分”中录入督查得分。")
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if kind == "notice":
                # a preview is a draft and takes no number; an issued notice is shown as issued
                # (on a village's computer: the town's notice as received, never a draft)
                self.notice = notice_to_print(quarter)
                self._show_notice_fields(self.notice)
                self.document = build_notice(self.notice)
            elif kind == "scorecards":
                self.notice = None
                self.document = build_scorecards(quarter)
            else:
                self.notice = None
                self.document = build_summary()
        except (NothingToPrint, NoChineseFont) as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, TITLE, str(error))
            return False
        QApplication.restoreOverrideCursor()
        note = font_note(self.document.missing_characters())
        self.status.setText(f"{self.document.title}：共 {len(self.document.pages)} 页。{note}")
        self.show_page(0)
        return True

    def _show_notice_fields(self, notice: Notice) -> None:
        drafting = is_draft(notice)
        if drafting:
            self.doc_no.setText("发文字号：签发时编号（现为草稿，可修改）")
        else:
            issued = issued_by(notice)
            by = f"{issued[0]} {issued[1]:%Y-%m-%d %H:%M} 签发，" if issued else "已签发，"
            self.doc_no.setText(f"发文字号：{notice.doc_no}（{by}已定稿）")
        for widget in (self.title, self.body):
            widget.setReadOnly(not drafting)
        self.date.setEnabled(drafting)
        self.date.setDate(QDate(notice.date.year, notice.date.month, notice.date.day))
        self.title.setText(notice.title)
        self.title.setCursorPosition(0)  # a long title shows its beginning
        self.body.setPlainText(notice.body)

    def save_notice_text(self) -> bool:
        """Keep the edited title, date and text of the draft, and preview it again."""
        if self.notice is None or not is_draft(self.notice):
            return False
        title = self.title.text().strip()
        if not title:
            QMessageBox.warning(self, TITLE, "没有保存：“标题”必须填写。")
            return False
        self.notice.title = title
        self.notice.date = to_date(self.date.date())
        self.notice.body = self.body.toPlainText()
        try:
            save_draft(self.notice)
        except WRITE_ERRORS as error:
            show_write_error(self, "通报正文", error)
            return False
        self.document = build_notice(self.notice)
        self.status.setText(f"已保存通报草稿，共 {len(self.document.pages)} 页。")
        self.show_page(min(self.page, len(self.document.pages) - 1))
        return True

    def issue(self) -> bool:
        """签发: the draft, as edited, gets the next 发文字号 and is kept as issued."""
        if self.notice is None or not is_draft(self.notice) or not self._apply_edits():
            return False
        draft, day = self.notice, self.notice.date
        answer = QMessageBox.question(
            self,
            "签发通报",
            f"以 {day.year}年{day.month}月{day.day}日 为成文日期签发，取得下一个发文字号。\n"
            "签发后正文不再修改，以后重印与签发时完全相同。确定签发吗？",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        done, issued = attempt_write(self, "签发通报", lambda: issue_quarter_notice(draft), NothingToPrint)
        if not done or issued is None:
            return False
        self.notice = issued
        self.context.notify_changed(Notice)
        self._show_notice_fields(self.notice)
        self.document = build_notice(self.notice)
        self.status.setText(f"已签发：{self.notice.doc_no}，共 {len(self.document.pages)} 页。")
        self.show_page(0)
        return True

    def _edited(self) -> bool:
        """Whether the notice's title, date or text in the editor differ from what is saved."""
        notice = self.notice
        return (
            notice is not None
            and is_draft(notice)
            and (
                self.title.text().strip() != notice.title
                or to_date(self.date.date()) != notice.date
                or self.body.toPlainText() != (notice.body or "")
            )
        )

    def _apply_edits(self) -> bool:
        """Save edits not yet saved, so that what is printed is what the clerk sees in the editor."""
        return not self._edited() or self.save_notice_text()

    def redraft(self) -> None:
        if self.notice is not None:
            self.body.setPlainText(draft_body(self.notice.quarter, to_date(self.date.date())))
            self.status.setText("已按排名重新起草正文，检查后点击“保存正文并刷新预览”。")

    # -- preview ----------------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        if self.document is None or not self.document.pages:
            return
        self.page = max(0, min(index, len(self.document.pages) - 1))
        dpi = 96 * self.zoom.currentData() / 100
        self.image.setPixmap(QPixmap.fromImage(page_image(self.document, self.page, dpi)))
        self.page_label.setText(f"第 {self.page + 1} / {len(self.document.pages)} 页")
        self._update_buttons()

    # -- output -----------------------------------------------------------------------------
    def page_setup(self) -> None:
        QPageSetupDialog(self.printer, self).exec()

    def print_page(self) -> None:
        """Ctrl+P: the previewed document, through the print dialog."""
        self.print_dialog()

    def print_dialog(self) -> None:
        if not self._apply_edits():
            return
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle("打印")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(self.printer)

    @staticmethod
    def _pages_wanted(printer: QPrinter, document: Document) -> list[int] | None:
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0:
            return None
        return list(range(first - 1, min(last, len(document.pages))))

    def print_to(self, printer: QPrinter):
        """Send the document to ``printer`` in the background, page by page, with progress."""
        if not self._apply_edits() or self.document is None:
            return None
        document = self.document
        pages = self._pages_wanted(printer, document)
        font_families(document)  # fonts are loaded into Qt on this (the GUI) thread

        def work(progress):
            def step(done, total):
                progress.report(done, total, f"正在打印第 {done + 1} / {total} 页…")
                return not progress.cancelled

            if not print_pages(document, printer, pages, step):
                raise RuntimeError("打印机没有响应，请检查打印机是否已连接并开机。")
            return len(pages) if pages is not None else len(document.pages)

        self.task = run_in_background(self, "正在打印…", work, on_done=self._printed)
        return self.task

    def _printed(self, count) -> None:
        self.status.setText("已取消打印。" if count is None else f"已送往打印机：{count} 页。")

    def save_pdf_dialog(self) -> None:
        if not self._apply_edits() or self.document is None:
            return
        path = ask_save_path(self, "另存为 PDF", f"{self.document.title}.pdf", "PDF 文件 (*.pdf)")
        if path:
            self.save_pdf(path)

    def save_pdf(self, path: Path):
        """Write the previewed document as PDF in the background (edits to the notice saved first)."""
        if not self._apply_edits() or self.document is None:
            return None
        document = self.document

        def work(progress):
            progress.report(0, 0, f"正在保存 {path.name}…")
            return write_pdf(document, path)

        def failed(error: BaseException) -> None:
            if isinstance(error, WriteFailed):
                QMessageBox.warning(self, "另存为 PDF", str(error))
                return
            reason = "文件可能正在其他程序中打开" if isinstance(error, PermissionError) else str(error)
            QMessageBox.warning(self, "另存为 PDF", f"没有保存“{path}”：{reason}")

        self.task = run_in_background(self, "正在保存 PDF…", work, on_done=self._saved, on_error=failed)
        return self.task

    def save_word_dialog(self) -> None:
        if self.notice is None or self.document is None:
            return
        path = ask_save_path(self, "另存为 Word", f"{self.document.title}.docx", "Word 文件 (*.docx)")
        if path:
            self.save_word(path)

    def save_word(self, path: Path):
        """Write the notice as .docx (GB/T 9704 layout) in the background, edits saved first."""
        if not self._apply_edits() or self.notice is None:
            return None
        notice = self.notice

        def work(progress):
            from app.printing.notice_docx import write_notice_docx  # noqa: PLC0415 (python-docx when asked)

            progress.report(0, 0, f"正在保存 {path.name}…")
            return write_notice_docx(notice, path)

        def failed(error: BaseException) -> None:
            reason = "文件可能正在其他程序中打开" if isinstance(error, PermissionError) else str(error)
            QMessageBox.warning(self, "另存为 Word", f"没有保存“{path}”：{reason}")

        self.task = run_in_background(self, "正在保存 Word 文件…", work, on_done=self._saved, on_error=failed)
        return self.task

    def _saved(self, path) -> None:
        if path is not None:
            self.status.setText(f"已保存到：{path}")


def create(context) -> QWidget:
    return PrintCentre(context)
