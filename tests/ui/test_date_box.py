"""The date boxes of toolbars and pages (截至日期, 调度月份, 成文日期…) take a date typed as people type it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from ui.widgets.date_box import DateBox


@pytest.fixture
def boxes(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    day = DateBox(dt.date(2022, 11, 30), window)
    month = DateBox(dt.date(2022, 6, 1), window, display="yyyy年M月")
    after = QLineEdit(window)
    for widget in (day, month, after):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield day, month, after
    window.close()  # held until here: the boxes are its children


def _type(qtbot, box: DateBox, text: str) -> None:
    box.setFocus()
    qtbot.waitUntil(lambda: box.lineEdit().selectedText() == box.lineEdit().text())  # typing replaces it
    if text.isascii():
        QTest.keyClicks(box, text)
    else:  # what an input method commits
        box.lineEdit().insert(text)
    QTest.keyClick(box, Qt.Key.Key_Tab)


@pytest.mark.parametrize(
    "typed",
    ["2022-5-1", "2022.5.1", "2022/5/1", "20220501", "2022年5月1日"],
)
def test_a_typed_date_is_read_whole_and_tab_moves_on(boxes, qtbot, typed):
    day, month, _after = boxes
    changes = []
    day.dateChanged.connect(lambda value: changes.append(value.toString("yyyy-MM-dd")))
    _type(qtbot, day, typed)
    assert day.day() == dt.date(2022, 5, 1)
    assert changes == ["2022-05-01"]  # once, when the typing was finished
    assert month.hasFocus()  # Tab left the box instead of walking through its sections
    assert day.text() == "2022-05-01"


def test_a_month_box_takes_its_own_form_and_the_peoples_forms(boxes, qtbot):
    _day, month, after = boxes
    _type(qtbot, month, "2022年9月")
    assert month.day().replace(day=1) == dt.date(2022, 9, 1) and after.hasFocus()
    _type(qtbot, month, "2022.7.15")
    assert (month.day().year, month.day().month) == (2022, 7) and month.text() == "2022年7月"


def test_text_that_is_no_date_puts_the_last_date_back(boxes, qtbot):
    day, _month, _after = boxes
    _type(qtbot, day, "2022-13-40")
    assert day.day() == dt.date(2022, 11, 30) and day.text() == "2022-11-30"
