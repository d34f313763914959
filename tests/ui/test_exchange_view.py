"""基础信息 → 数据交换: exports, the import preview with conflicts and refused rows, the import log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from modal import answer_dialogs
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QLabel

from app import exchange
from app.storage.paths import backup_dir
from models import Deed
from models import ImportLog
from models import Member
from models import Organisation
from models import create_default_campaign
from models import settings
from ui.background import wait_for_background_work
from ui.context import AppContext
from ui.pages import exchange as exchange_page
from ui.pages import exchange as view_module
from ui.pages import page


def exported(view, kind: str, path) -> Path | None:
    """导出… as its button does (in the background); the file once it is whole, None if refused."""
    written: list = []
    view.export(kind, path, on_done=written.append)
    assert wait_for_background_work()
    return written[0] if written else None


@pytest.fixture
def town(db):
    create_default_campaign()
    zd = Organisation.create(code="ZD", name="中共某镇委员会", kind="镇党委")
    settings.put("local_org_code", "ZD")
    village = Organisation.create(
        code="ZD01", name="红星村党支部", short_name="红星村", kind="村党支部", parent=zd
    )
    Member.create(org=village, name="王建国", join_date=dt.date(1990, 3, 1))
    return village


@pytest.fixture
def view(db_location, qtbot, town, tmp_path):
    widget = view_module.create(AppContext(db_location))
    qtbot.addWidget(widget)
    return widget


def _filled(view, tmp_path, rows) -> exchange.ImportPlan:
    template = exported(view, "template", tmp_path / "模板.xlsx")
    book = openpyxl.load_workbook(template)
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values, start=1):
            book["办实事"].cell(row=r, column=c, value=value)
    book.save(tmp_path / "填好.xlsx")
    return exchange.plan_import(tmp_path / "填好.xlsx")


def test_declares_its_place():
    assert (page("exchange").tab, page("exchange").title) == ("基础信息", "数据交换")


def test_exports_for_the_chosen_village(view, tmp_path):
    assert view.village.count() == 1 and view.village.currentData() == "ZD01"
    path = exported(view, "package", tmp_path / "包.xlsx")
    assert "办实事" in openpyxl.load_workbook(path, read_only=True).sheetnames
    assert "已导出 红星村党支部 的交换包" in view.status.text()
    prefilled = exported(view, "prefilled", tmp_path / "预填.xlsx")
    members = openpyxl.load_workbook(prefilled, read_only=True)["党员"]
    assert any("王建国" in row for row in members.iter_rows(min_row=3, values_only=True))
    assert "已导出 红星村党支部 的预填的填报模板" in view.status.text()


def test_preview_then_import_writes_once(view, tmp_path, qtbot, qtmodeltester):
    plan = _filled(view, tmp_path, [("王建国", "2022.5.1", "帮办代办", "修路")])
    dialog = view.show_preview(plan, run=False)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.counts)
    row = dialog.counts.rows[0]
    assert row[0] == "办实事" and row[1] == 1  # 新增 1
    assert dialog.import_button.isEnabled() and not dialog.errors_button.isVisibleTo(dialog)
    changed = []
    view.context.dataChanged.connect(changed.append)
    assert dialog.merge() is not None
    view.imported(dialog)
    assert Deed.select().count() == 1 and changed == [None]
    assert view.log.rows[0][3] == "已导入" and "写入 1 条记录" in view.status.text()


def test_refused_rows_block_until_the_clerk_skips_them(view, tmp_path, qtbot):
    plan = _filled(
        view,
        tmp_path,
        [("王建国", "2022.5.1", "帮办代办", "修路"), ("李四", "2022.2.30", "帮办代办", "修桥")],
    )
    dialog = view.show_preview(plan, run=False)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert dialog.problems.rowCount() == 2
    assert dialog.problems.rows[0][:4] == ("办实事", 4, "B", "2022.2.30") or dialog.problems.rows[1][:4] == (
        "办实事",
        4,
        "B",
        "2022.2.30",
    )
    out = dialog.save_errors(tmp_path / "标注.xlsx")
    assert openpyxl.load_workbook(out)["办实事"]["A4"].comment is not None
    dialog.skip_refused.setChecked(True)
    assert dialog.import_button.isEnabled()
    result = dialog.merge()
    assert result.outcome == "部分导入" and Deed.select().count() == 1


@pytest.mark.parametrize("take_file", [True, False])
def test_conflicts_are_chosen_row_by_row(view, tmp_path, qtbot, take_file):
    village = Organisation.get(code="ZD01")
    exported(view, "package", tmp_path / "包.xlsx")
    wang = Member.get(name="王建国")
    # The same member changed in the file (as if by the village) and here since the export.
    book = openpyxl.load_workbook(tmp_path / "包.xlsx")
    ws = book["党员"]
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("职务") + 1, value="支部书记")
    ws.cell(row=2, column=headers.index("修改时间") + 1, value="2030-01-01 00:00:00")
    book.save(tmp_path / "包2.xlsx")
    wang.post_title = "支部委员"
    wang.save()
    dialog = view.show_preview(exchange.plan_import(tmp_path / "包2.xlsx"), run=False)
    qtbot.addWidget(dialog)
    assert dialog.conflicts.rowCount() == 1 and "职务" in dialog.conflicts.rows[0][3]
    index = dialog.conflicts.index(0, 0)
    if take_file:
        assert dialog.conflicts.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    dialog.merge()
    view.imported(dialog)
    assert Member.get(name="王建国").post_title == ("支部书记" if take_file else "支部委员")
    # the status says what became of a conflict left as it was (the town's own text stays)
    kept = "1 条两边都改过的记录保留了本机的内容" in view.status.text()
    assert kept is not take_file
    assert village.code == "ZD01"


def test_a_hostile_file_is_reported_and_logged(view, tmp_path, monkeypatch):
    bad = tmp_path / "旧.xlsx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    shown = []
    monkeypatch.setattr(exchange_page.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    with pytest.raises(exchange.FileRefused) as caught:
        exchange.plan_import(bad)
    view.file_refused(bad, caught.value)
    assert "旧版 .xls" in shown[0]
    assert ImportLog.get().outcome == "已拒绝" and view.log.rows[0][3] == "已拒绝"


def test_the_import_button_writes_in_the_background(db_location, view, tmp_path, qtbot):
    plan = _filled(view, tmp_path, [("王建国", "2022.5.3", "其他", "后台导入")])
    dialog = exchange_page.ImportDialog(plan, view, db_location)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.import_button.click()
    assert dialog.result_.written == 1
    assert Deed.get().title == "后台导入"
    assert list(backup_dir(db_location).glob("*导入前*"))  # a backup was made first


def test_export_button_to_a_full_stick_says_so_and_leaves_nothing(view, tmp_path, monkeypatch, usb_stick):
    for i in range(300):  # a package bigger than the stick
        Member.create(
            org=view_module.exchange.find_village("ZD01"),
            name=f"党员{i:03d}号",
            join_date=dt.date(2000, 1, 1),
        )
    shown = []
    monkeypatch.setattr(exchange_page.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    with usb_stick(tmp_path / "stick") as stick:
        target = stick / "红星村-交换包.xlsx"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
        view.package_button.click()
        assert wait_for_background_work()  # written in the background, as every export is
        assert len(shown) == 1 and "U 盘或磁盘已满" in shown[0] and str(stick) in shown[0]
        assert list(stick.iterdir()) == []
    assert "没有导出" in view.status.text()


def _answer_each_preview_with_import(previews: list[str]) -> QTimer:
    """The preview runs exec(): only a timer firing inside its event loop can click 导入."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        # 导入 stays disabled while the import runs, so each preview is clicked once. Only
        # its title is kept: holding the dialog would change who deletes it.
        if isinstance(dialog, exchange_page.ImportDialog) and dialog.import_button.isEnabled():
            previews.append(dialog.windowTitle())
            dialog.import_button.click()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(poll)
    timer.start()
    return timer


def test_twenty_files_imported_through_the_window(view, tmp_path, qtbot, monkeypatch):
    # The clerk's own path: 导入文件… → the file is checked in the background → the preview is
    # exec()'d from that check's on_done → 导入 writes in the background → the preview closes.
    # This used to abort ("shared QObject was deleted directly", then a segfault).
    book = openpyxl.load_workbook(exported(view, "template", tmp_path / "模板.xlsx"))
    for sheet in book.worksheets:  # small files: 办实事 and the hidden 文件信息 only
        if sheet.title == "办实事":
            sheet.delete_rows(4, sheet.max_row)
        elif sheet.sheet_state == "visible":
            book.remove(sheet)
    files = []
    for n in range(1, 21):
        for c, value in enumerate(("王建国", f"2022.5.{n}", "其他", f"第{n}件实事"), start=1):
            book["办实事"].cell(row=3, column=c, value=value)
        files.append(tmp_path / f"填好{n}.xlsx")
        book.save(files[-1])
    chosen = iter(files)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(next(chosen)), ""))
    previews: list[str] = []
    timer = _answer_each_preview_with_import(previews)
    try:
        for n in range(1, 21):
            view.import_button.click()
            qtbot.waitUntil(
                lambda n=n: len(previews) == n and f"填好{n}.xlsx" in view.status.text(), timeout=30000
            )
            assert (
                Deed.select().count() == n and view.status.text() == f"已导入：填好{n}.xlsx，写入 1 条记录。"
            )
            assert QApplication.activeModalWidget() is None
    finally:
        timer.stop()
    assert previews == [f"导入 填好{n}.xlsx" for n in range(1, 21)]
    assert sorted(d.title for d in Deed.select()) == sorted(f"第{n}件实事" for n in range(1, 21))
    assert [row[3] for row in view.log.rows] == ["已导入"] * 20
    qtbot.waitUntil(lambda: not view.findChildren(exchange_page.ImportDialog), timeout=5000)  # none left over


def test_an_unfilled_template_opened_through_the_page_says_there_is_nothing_to_import(
    view, tmp_path, qtbot, monkeypatch
):
    template = exported(view, "template", tmp_path / "模板.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(template), ""))
    said: list[str] = []

    def read_and_close(dialog) -> None:
        said.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()

    answer_dialogs(read_and_close)
    view.import_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=30000)
    assert any("没有填写任何记录（各工作表只有表头和示例行），没有可导入的内容" in text for text in said)
    assert ImportLog.select().where(ImportLog.outcome == "已导入").count() == 0  # 取消: nothing written


def test_after_an_import_the_town_writes_the_receipt_that_travels_in_the_next_package(view, tmp_path, qtbot):
    from models import Receipt

    assert view.receipt_button.isVisibleTo(view) and not view.receipt_button.isEnabled()
    plan = _filled(
        view, tmp_path, [("王建国", "2022.5.1", "帮办代办", "修路"), ("无此人", "2022.5.2", "其他", "x")]
    )
    dialog = view.show_preview(plan, run=False)
    qtbot.addWidget(dialog)
    dialog.skip_refused.setChecked(True)
    assert dialog.merge() is not None
    view.imported(dialog)
    assert view.receipt_button.isEnabled()
    written = view.write_receipt(tmp_path / "回执.xlsx")
    assert written is not None and "已写回执" in view.status.text()
    refused = openpyxl.load_workbook(written)["未接收的行"]
    assert refused.cell(row=2, column=5).value == "无此人"
    kept = Receipt.get()
    assert kept.org.code == "ZD01" and "部分导入" in kept.text and "无此人" in kept.text
    package = exported(view, "package", tmp_path / "下发.xlsx")
    sheet = openpyxl.load_workbook(package, read_only=True)["回执"]
    assert any("无此人" in str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)


def test_the_preview_names_the_records_sent_back_and_corrected(view, tmp_path, qtbot):
    from app.exchange.review import send_back_record

    deed = Deed.create(member=Member.get(name="王建国"), date=dt.date(2022, 5, 1), kind="其他", title="修路")
    send_back_record(deed, "佐证不足", dt.date(2022, 6, 1))
    path = exported(view, "prefilled", tmp_path / "预填.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["办实事"]
    column = next(c.column for c in sheet[1] if c.value == "办理结果")
    sheet.cell(row=3, column=column).value = "附验收单"
    book.save(tmp_path / "交回.xlsx")
    dialog = view.show_preview(exchange.plan_import(tmp_path / "交回.xlsx"), run=False)
    qtbot.addWidget(dialog)
    assert "以下 1 条是镇党委退回后改正、再次报送的记录" in dialog.resubmitted.text()
    assert "办实事第3行：再次报送（2022-06-01因“佐证不足”退回）" in dialog.resubmitted.text()
    assert dialog.merge() is not None
    view.imported(dialog)
    assert "其中 1 条是退回后改正、再次报送的记录" in view.status.text()
