"""A record list page: add, edit and delete through the toolbar; search and date range."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_town import build_town

from models import AuditEntry
from models import Meeting
from ui.context import AppContext
from ui.record_form import RecordFormDialog
from ui.record_model import ID_ROLE
from ui.record_page import RecordListPage


@pytest.fixture
def page(db_location, db, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    town = build_town()
    context = AppContext(db_location)
    widget = RecordListPage(Meeting, context)
    qtbot.addWidget(widget)
    widget.show()
    widget.town = town
    return widget


def _topics(page: RecordListPage) -> list[str]:
    column = [f.name for f in page.table_model.fields].index("topic")
    return [page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())]


def _select(page: RecordListPage, topic: str) -> None:
    row = _topics(page).index(topic)
    page.view.selectRow(row)


def test_lists_and_counts(page):
    assert page.count_label.text() == "共 4 条"
    assert not page.edit_button.isEnabled() and not page.delete_button.isEnabled()
    _select(page, "学习党章")
    assert page.edit_button.isEnabled() and page.delete_button.isEnabled()


def test_add_through_the_form(page, monkeypatch, qtbot):
    def fill_and_accept(dialog):
        dialog.editors["kind"].setCurrentIndex(dialog.editors["kind"].findText("主题党日"))
        dialog.editors["org"].setCurrentIndex(dialog.editors["org"].findText("西坪村党支部"))
        dialog.editors["topic"].insert("重温入党誓词")
        dialog.editors["date"].set_date(dt.date(2022, 7, 1))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RecordFormDialog, "exec", fill_and_accept)
    with qtbot.waitSignal(page.context.dataChanged):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert "重温入党誓词" in _topics(page)
    assert page.count_label.text() == "共 5 条"
    new = Meeting.get(Meeting.topic == "重温入党誓词")
    assert page.selected_id() == new.id  # the new row is selected
    assert (
        AuditEntry.select().where(AuditEntry.record_uuid == new.uuid, AuditEntry.action == "新增").count()
        == 1
    )


def test_double_click_edits(page, monkeypatch, qtbot):
    def rename(dialog):
        dialog.editors["topic"].clear()
        dialog.editors["topic"].insert("研究村务（改）")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RecordFormDialog, "exec", rename)
    row = _topics(page).index("研究村务")
    index = page.proxy.index(row, 0)
    record_id = index.data(ID_ROLE)  # read now: the saved edit reloads the rows, and the index goes stale
    page.view.doubleClicked.emit(index)
    assert "研究村务（改）" in _topics(page) and "研究村务" not in _topics(page)
    assert Meeting.get_by_id(record_id).topic == "研究村务（改）"


@pytest.mark.parametrize(
    "answer, kept", [(QMessageBox.StandardButton.No, True), (QMessageBox.StandardButton.Yes, False)]
)
def test_delete_asks_first(page, monkeypatch, answer, kept):
    asked = []

    def question(parent, title, text, *args):
        asked.append((title, text))
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    _select(page, "乡村振兴专题党课")
    target = page.selected_id()
    page.delete_button.click()
    assert asked and asked[0][0] == "确认删除" and "乡村振兴专题党课" in asked[0][1]
    assert ("乡村振兴专题党课" in _topics(page)) == kept
    assert Meeting.get_by_id(target).deleted == (not kept)
    if not kept:
        assert page.count_label.text() == "共 3 条"
        assert AuditEntry.get(AuditEntry.action == "删除").summary == "乡村振兴专题党课"


def test_search_box_and_date_range(page, qtbot):
    page.search.setText("学习")
    qtbot.waitUntil(lambda: page.count_label.text() == "共 2 条", timeout=2000)
    assert sorted(_topics(page)) == sorted(["学习党章", "党小组学习"])
    page.search.clear()
    qtbot.waitUntil(lambda: page.count_label.text() == "共 4 条", timeout=2000)
    page.date_from.setDate(QDate(2022, 6, 1))
    page.date_to.setDate(QDate(2022, 7, 31))
    assert sorted(_topics(page)) == sorted(["乡村振兴专题党课", "党小组学习"])
    page.clear_dates()
    assert page.count_label.text() == "共 4 条"


def test_follows_the_village_selection(page):
    town = page.town
    page.context.set_org_ids([town["west"].id])
    assert _topics(page) == ["乡村振兴专题党课"]
    page.context.set_org_ids(None)
    assert len(_topics(page)) == 4


def test_reloads_when_data_changes_elsewhere(page):
    Meeting.create(org=page.town["east"], kind="党课", date=page.town["east_may"].date, topic="外部新增")
    page.context.notify_changed(Meeting)
    assert "外部新增" in _topics(page)


def test_delete_key_asks_too(page, monkeypatch, qtbot):
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: asked.append(a[1]) or QMessageBox.StandardButton.No
    )
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    _select(page, "学习党章")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert asked == ["确认删除"]
