"""党员积分 view: members by points, a member's ledger that opens its records, the scheme editable."""

from __future__ import annotations

import datetime as dt

from hand_built import two_villages
from PySide6.QtCore import QDate
from views import open_view

from app.points import member_ledger
from models import Deed
from models import Member
from models import settings
from ui.pages import points
from ui.pages.points import SCHEME_KEY
from ui.pages.points import SchemeDialog

D = dt.date


def _town():
    east = two_villages().east
    zhang = Member.create(org=east, name="张一", join_date=D(1990, 5, 3))
    li = Member.create(org=east, name="李二", join_date=D(2001, 7, 1))
    deed = Deed.create(member=li, date=D(2022, 6, 1), kind="帮办代办", title="代办社保")
    return zhang, li, deed


def _view(qtbot, db):
    _context, view, opened = open_view(qtbot, db, points)
    view.refresh()
    view.as_of_edit.setDate(QDate(2022, 11, 30))
    return view, opened


def test_members_by_points_and_ledger(qtbot, db):
    zhang, li, deed = _town()
    view, opened = _view(qtbot, db)
    assert [(p.name, p.total) for p in view.members_model.rows] == [("李二", 63.0), ("张一", 60.0)]
    view.members_view.selectRow(0)
    assert [e.label for e in view.ledger_model.rows] == ["基础分", "为群众办实事"]
    assert "63 分" in view.ledger_title.text()
    view.ledger_view.doubleClicked.emit(view.ledger_model.index(1, 0))
    assert opened == [(Deed, deed.id)]


def test_scheme_dialog_saves_the_setting(qtbot, db):
    zhang, li, _deed = _town()
    view, _opened = _view(qtbot, db)
    dialog = SchemeDialog(settings.get(SCHEME_KEY))
    qtbot.addWidget(dialog)
    dialog.base.setValue(100)
    dialog.points["deed"].setValue(5)
    scheme = dialog.scheme()
    assert scheme["base"] == 100 and scheme["points"]["deed"] == 5 and scheme["max_total"] is None
    settings.put(SCHEME_KEY, scheme)
    view.refresh()
    assert [(p.name, p.total) for p in view.members_model.rows] == [("李二", 105.0), ("张一", 100.0)]
    assert member_ledger(li.id, D(2022, 11, 30))[1] == 105
    assert "基础分 100" in view.scheme_label.text()
