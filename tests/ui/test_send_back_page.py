"""审核退回 in the window: the town sends a village's meeting back from its list; the list says so."""

from delivery_screens import D
from delivery_screens import build_delivery_town
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import Meeting
from models import Organisation
from models import SendBack
from models import settings
from ui.context import AppContext
from ui.record_model import STATE_HEADER
from ui.record_page import RecordListPage


def _page(qtbot, db) -> RecordListPage:
    page = RecordListPage(Meeting, AppContext(db.database))
    qtbot.addWidget(page)
    return page


def _state(page: RecordListPage) -> str:
    column = page.table_model.columnCount() - 1
    assert page.table_model.headerData(column, Qt.Orientation.Horizontal) == STATE_HEADER
    return page.proxy.index(0, column).data()


def test_the_town_sends_a_meeting_back_and_the_village_sees_why(qtbot, db, monkeypatch):
    build_delivery_town()
    meeting = Meeting.create(
        org=Organisation.get(code="ZD01"), kind="支部党员大会", date=D(2022, 5, 3), topic="学习"
    )
    page = _page(qtbot, db)
    assert page.reviews and _state(page) == ""
    assert page.send_back_button.isVisibleTo(page) and not page.send_back_button.isEnabled()
    page.view.selectRow(0)
    assert page.send_back_button.isEnabled()
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: said.append((title, text)))
    assert page.send_back_selected("") is None  # no reason: refused with a message, nothing written
    assert SendBack.select().count() == 0 and said[0][0] == "不能退回" and "退回原因" in said[0][1]
    mark = page.send_back_selected("会议记录过于简单")
    assert mark is not None and mark.record_uuid == meeting.uuid and mark.org.code == "ZD01"
    assert _state(page) == "被退回（会议记录过于简单）"
    assert Meeting.get_by_id(meeting.id).topic == "学习"  # the record itself untouched

    settings.put("local_org_code", "ZD01")  # the same records read on the village's computer
    village = _page(qtbot, db)
    assert not village.reviews and not village.send_back_button.isVisibleTo(village)
    assert _state(village) == "被退回（会议记录过于简单）"
