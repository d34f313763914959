"""打印中心: the preview opens page by page, the notice text is edited, printing and saving run."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter

from app.inspection.ranking import rank_quarter
from models import Campaign
from models import Notice
from ui.context import AppContext
from ui.pages import print_centre
from ui.widgets.document_painter import page_image


def make_view(db_location, qtbot, demo_db, tmp_path):
    view = print_centre.create(AppContext(db_location))
    qtbot.addWidget(view)
    return view


def not_yet_issued(quarter: str = "2022Q2") -> None:
    """The quarter's notice has not been issued yet: previews are drafts."""
    Notice.delete().where(Notice.quarter == quarter).execute()


def choose(view, kind: str, quarter: str = "2022Q2") -> None:
    view.kind.setCurrentIndex(view.kind.findData(kind))
    view.quarter.setCurrentIndex(view.quarter.findData(quarter))


def ink(image) -> int:
    """How many sampled pixels are not white."""
    white = QColor("white").rgb()
    return sum(
        image.pixel(x, y) != white for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
    )


def test_notice_preview_pages_and_navigation(db_location, qtbot, demo_db, tmp_path):
    view = make_view(db_location, qtbot, demo_db, tmp_path)
    # before a notice is chosen: not Qt's 2000-01-01, and not a day after the campaign (today is)
    assert view.date.date().toPython() == Campaign.current().end
    assert view.quarter.findData("2022Q3") >= 0
    choose(view, "notice")
    assert view.generate()
    pages = len(view.document.pages)
    assert pages >= 2
    assert view.page_label.text() == f"第 1 / {pages} 页"
    assert not view.image.pixmap().isNull() and ink(view.image.pixmap().toImage()) > 100
    assert not view.prev_button.isEnabled() and view.next_button.isEnabled()
    view.next_button.click()
    assert view.page_label.text() == f"第 2 / {pages} 页"
    issued = Notice.get_or_none(Notice.quarter == "2022Q2")
    if issued is not None:  # shown as issued: its number, read-only
        assert issued.doc_no in view.doc_no.text() and view.body.isReadOnly()
    else:  # a draft: no number yet, to be edited and issued
        assert "草稿" in view.doc_no.text() and view.issue_button.isEnabled()
    # red masthead on page 1
    image = page_image(view.document, 0, 40)
    red = [image.pixelColor(x, y) for x in range(image.width()) for y in range(0, image.height() // 3, 2)]
    assert any(c.red() > 180 and c.green() < 80 for c in red)


def test_edited_notice_text_is_kept_and_printed(db_location, qtbot, demo_db, tmp_path):
    not_yet_issued()
    view = make_view(db_location, qtbot, demo_db, tmp_path)
    choose(view, "notice")
    view.generate()
    view.body.setPlainText(view.body.toPlainText() + "\n请各党组织于月底前报送整改清单。")
    assert view.save_notice_text()
    assert "整改清单" in view.document.plain_text()
    again = make_view(db_location, qtbot, demo_db, tmp_path)  # the draft is kept, also for the next time
    choose(again, "notice")
    again.generate()
    assert "整改清单" in again.body.toPlainText()


def test_a_preview_takes_no_number_and_issuing_does(db_location, qtbot, demo_db, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    not_yet_issued()
    before = Notice.select().count()
    view = make_view(db_location, qtbot, demo_db, tmp_path)
    choose(view, "notice")
    for _ in range(3):  # previewing again and again uses up no number
        assert view.generate()
    assert Notice.select().count() == before and "草稿" in view.doc_no.text()
    assert "签发时编号" in view.document.plain_text()
    view.date.setDate(view.date.date().addDays(2))
    view.body.setPlainText(view.body.toPlainText() + "\n（签发前的最后修改）")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert view.issue()
    issued = Notice.get(Notice.quarter == "2022Q2")
    assert issued.doc_no.startswith("高党发〔2022〕") and "（签发前的最后修改）" in issued.body
    assert issued.date == view.date.date().toPython()
    assert issued.doc_no in view.doc_no.text() and view.body.isReadOnly()
    first = view.document.plain_text()
    reprint = make_view(db_location, qtbot, demo_db, tmp_path)
    choose(reprint, "notice")
    reprint.generate()
    assert reprint.document.plain_text() == first  # printed again exactly as issued
    assert Notice.select().count() == before + 1


def test_scorecards_preview_has_a_page_per_village_and_its_evidence(db_location, qtbot, demo_db, tmp_path):
    view = make_view(db_location, qtbot, demo_db, tmp_path)
    choose(view, "scorecards")
    assert view.generate()
    texts = [[getattr(i, "text", "") for i in page.items] for page in view.document.pages]
    cards = [t for t in texts if any(x.startswith("合计：") for x in t)]
    appendices = [t for t in texts if any(x.startswith("附：") and x.endswith("评分依据") for x in t)]
    assert len(cards) == len(appendices) == len(rank_quarter("2022Q2"))
    assert not view.editor.isVisible()


def test_print_and_save_in_background(db_location, qtbot, demo_db, tmp_path):
    view = make_view(db_location, qtbot, demo_db, tmp_path)
    choose(view, "summary")
    assert view.generate()
    saved = tmp_path / "总结.pdf"
    view.save_pdf(saved)
    qtbot.waitUntil(lambda: "已保存到" in view.status.text(), timeout=20000)
    assert saved.read_bytes().startswith(b"%PDF")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printer.pdf"
    printer.setOutputFileName(str(printed))
    view.print_to(printer)
    qtbot.waitUntil(lambda: "已送往打印机" in view.status.text(), timeout=20000)
    assert printed.stat().st_size > 1000
    assert f"{len(view.document.pages)} 页" in view.status.text()


def test_edited_text_is_what_gets_saved_as_pdf_even_without_pressing_save(
    db_location, qtbot, demo_db, tmp_path
):
    import re
    import shutil
    import subprocess

    not_yet_issued()
    view = make_view(db_location, qtbot, demo_db, tmp_path)
    choose(view, "notice")
    view.generate()
    view.body.setPlainText(view.body.toPlainText() + "\n请各党组织于月底前报送整改清单。")
    view.title.setText("关于第二季度督查情况的通报")
    out = tmp_path / "通报.pdf"
    view.save_pdf(out)  # straight from the editor to the file
    qtbot.waitUntil(lambda: "已保存到" in view.status.text(), timeout=20000)
    assert view.notice.title == "关于第二季度督查情况的通报"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        flat = re.sub(r"\s+", "", text)
        assert "请各党组织于月底前报送整改清单。" in flat and "关于第二季度督查情况的通报" in flat
    assert "整改清单" in view.document.plain_text()


def test_the_print_centre_names_stand_in_fonts_and_characters_no_font_has(
    db_location, qtbot, demo_db, tmp_path, monkeypatch
):
    from app.printing import fonts
    from models import Organisation

    village = Organisation.live().where(Organisation.kind == "村党支部").order_by(Organisation.code).first()
    village.short_name = "鿯家村"  # U+9FEF: in no font installed here
    village.save()
    first = next(iter(fonts.resolve_fonts().values()))
    stand_in = fonts.FontChoice("biaosong", first.path, first.index, first.name, False)
    real = fonts.resolve_fonts

    monkeypatch.setattr(fonts, "resolve_fonts", lambda: {**real(), "biaosong": stand_in})
    view = make_view(db_location, qtbot, demo_db, tmp_path)
    choose(view, "scorecards")
    assert view.generate()
    status = view.status.text()
    assert "替代字体：" in status and f"小标宋用 {Path(first.path).name}" in status
    assert "会印成空框：鿯" in status


def test_the_notice_is_saved_as_word_with_the_edits_from_the_button(
    db_location, qtbot, demo_db, tmp_path, monkeypatch
):
    import zipfile

    from PySide6.QtWidgets import QFileDialog

    not_yet_issued()
    view = make_view(db_location, qtbot, demo_db, tmp_path)
    choose(view, "scorecards")
    view.generate()
    assert not view.save_word_button.isEnabled()  # only a notice has a Word copy
    choose(view, "notice")
    view.generate()
    assert view.save_word_button.isEnabled()
    view.body.setPlainText(view.body.toPlainText() + "\n请各党组织于月底前报送整改清单。")
    out = tmp_path / "通报.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.save_word_button.click()
    qtbot.waitUntil(lambda: "已保存到" in view.status.text(), timeout=20000)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "请各党组织于月底前报送整改清单。" in xml and view.notice.doc_no in xml
