"""Lists that read well: the village in every list, attendance with its meeting's date and
type, months as 2022年11月, row numbers as positions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from ui_town import build_town

from models import Attendance
from models import Member
from models import OnlineStudy
from models import Reflection
from ui.record_model import RecordFilterProxy
from ui.record_model import RecordTableModel


def _column(model: RecordTableModel, header: str) -> list[str]:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index(header)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_member_records_show_the_village_and_months_read_as_months(db):
    town = build_town()
    OnlineStudy.create(member=town["赵强"], month=dt.date(2022, 11, 1), points=30)
    Reflection.create(member=town["张明"], date=dt.date(2022, 6, 1), title="学习体会")
    online = RecordTableModel(OnlineStudy)
    assert _column(online, "村（社区）") == ["西坪村"]
    assert _column(online, "月份") == ["2022年11月"]
    assert _column(RecordTableModel(Reflection), "村（社区）") == ["东沟村"]


def test_attendance_shows_the_meetings_date_and_type(db):
    town = build_town()
    Attendance.create(member=town["李华"], meeting=town["east_may"], state="出席")
    Attendance.create(member=town["刘洋"], meeting=town["west_jun"], state="请假", reason="外出务工")
    model = RecordTableModel(Attendance)
    assert sorted(_column(model, "日期")) == ["2022-05-10", "2022-06-20"]
    assert sorted(_column(model, "类型")) == ["党课", "支部党员大会"]
    assert sorted(_column(model, "村（社区）")) == ["东沟村", "西坪村"]


def test_row_numbers_count_positions_after_sorting(db):
    build_town()
    model = RecordTableModel(Member)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort([f.name for f in model.fields].index("name"), Qt.SortOrder.DescendingOrder)
    numbers = [proxy.headerData(r, Qt.Orientation.Vertical) for r in range(proxy.rowCount())]
    assert numbers == ["1", "2", "3", "4", "5", "6"]
