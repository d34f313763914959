"""Qt's own dialogs speak Chinese (also the texts qtbase_zh_CN lacks); villages and members
are listed by pinyin; the village selector narrows every record list and 全镇 restores it."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox

from app.text import pinyin_key
from models import RECORD_TYPES
from models import Member
from models import Organisation
from models.schema import filter_by_org
from models.schema import label_of
from models.schema import org_path
from ui import main as gui
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.main_window import TrackTab
from ui.record_page import RecordListPage


def _latin(text: str) -> bool:
    """English words left once the mnemonic (&N) is taken out."""
    plain = re.sub(r"\(&[A-Za-z]\)|&", "", text)
    return bool(re.search(r"[A-Za-z]{2,}", plain))


@pytest.fixture
def chinese_qt(qapp):
    assert gui.install_chinese(qapp)
    return qapp


def test_file_dialog_is_chinese(chinese_qt, qtbot, tmp_path):
    dialog = QFileDialog(None, "导出台账", str(tmp_path), "Excel 工作簿 (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert not [t for t in labels if _latin(t)], labels


def test_message_box_and_print_dialog_are_chinese(chinese_qt, qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "确认删除", "删除吗？")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert [b.text() for b in box.buttons()] == ["是(&Y)", "否(&N)"]
    dialog = QPrintDialog(QPrinter())
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    assert not [t for t in texts if t and _latin(t) and "PDF" not in t], texts


def test_dates_read_in_chinese_whatever_the_pc_language(chinese_qt):
    assert QLocale().language() == QLocale.Language.Chinese
    assert QLocale().monthName(4) == "四月"


@pytest.fixture
def demo_window(db_location, demo_db, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    win = MainWindow(AppContext(db_location))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.firstPainted):  # the villages are ordered once it is painted
        win.show()
    return win


def test_villages_and_members_are_listed_by_pinyin(demo_window):
    combo = demo_window.village
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert combo.itemText(0) == "全镇"
    assert len(names) == Organisation.branches().count() >= 10
    assert names == sorted(names, key=pinyin_key)
    assert names != [o.short_name for o in Organisation.branches().order_by(Organisation.code)]
    members = demo_window.page_of(Member)
    column = [f.name for f in members.table_model.fields].index("name")
    shown = [members.proxy.index(r, column).data() for r in range(members.proxy.rowCount())]
    assert len(shown) == members.table_model.total()
    assert shown == sorted(shown, key=pinyin_key)


def test_village_selector_narrows_every_record_list(demo_window):
    village = demo_window.village.itemData(1)
    narrowed = 0
    for track, types in RECORD_TYPES.items():
        tab = demo_window.show_tab(track)
        assert isinstance(tab, TrackTab)
        for model in types:
            page = tab.page_for(model)
            assert isinstance(page, RecordListPage)
            whole = page.table_model.total()
            demo_window.select_village(village)
            part = page.table_model.total()
            ids = demo_window.context.org_ids()
            assert part == filter_by_org(model.live(), model, ids).count(), label_of(model)
            if org_path(model) or model is Organisation:
                assert part < whole, label_of(model)
                narrowed += 1
            else:
                assert part == whole, label_of(model)  # town-level records (评分表) stay
            demo_window.select_village(None)
            assert page.table_model.total() == whole, label_of(model)
    assert narrowed >= 30
