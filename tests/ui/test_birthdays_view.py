"""政治生日 view: the month's members, recording the ceremony marks them done."""

from __future__ import annotations

import datetime as dt

from hand_built import two_villages
from PySide6.QtWidgets import QMessageBox
from views import open_view

from models import BirthdayCeremony
from models import BirthdayHonoree
from models import Member
from ui.pages import birthdays
from ui.pages.birthdays import CeremonyDialog

D = dt.date


def _town():
    villages = two_villages()
    east, west = villages.east, villages.west
    Member.create(org=east, name="张一", join_date=D(1990, 5, 3))
    Member.create(org=east, name="王三", join_date=D(2015, 5, 20))
    Member.create(org=west, name="赵四", join_date=D(1988, 5, 9))
    return east, west


def _view(qtbot, db, month=5):
    context, view, _opened = open_view(qtbot, db, birthdays)
    changed = []
    context.dataChanged.connect(changed.append)
    view.refresh()
    view.month.setCurrentIndex(month - 1)
    view.year.setValue(2022)
    return context, view, changed


def test_lists_the_months_members(qtbot, db):
    _town()
    _context, view, _changed = _view(qtbot, db)
    assert [p.name for p in view.model.rows] == ["王三", "张一", "赵四"]
    assert view.summary.text() == "共 3 人，已过 0 人，未过 3 人"
    view.month.setCurrentIndex(0)
    assert view.model.rowCount() == 0


def test_whole_town_needs_one_branch_to_record(qtbot, db, monkeypatch):
    _town()
    _context, view, _changed = _view(qtbot, db)
    org, people, problem = view.check_choice()
    assert org is None and "选择一个村" in problem
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    view.ask_and_record()
    assert shown and "选择一个村" in shown[0]
    assert BirthdayCeremony.select().count() == 0


def test_recording_marks_members_done(qtbot, db):
    east, _west = _town()
    context, view, changed = _view(qtbot, db)
    context.set_org_ids([east.id])
    view.refresh()
    org, people, problem = view.check_choice()
    assert org.id == east.id and problem == "" and {p.name for p in people} == {"张一", "王三"}
    view.table.selectRow(1)  # 张一 only
    org, people, _problem = view.check_choice()
    assert [p.name for p in people] == ["张一"]
    assert view.record(org, people, D(2022, 5, 28), "重温入党誓词", "")
    assert BirthdayHonoree.select().count() == 1
    assert changed == [BirthdayCeremony]
    done = {p.name: p.done for p in view.model.rows}
    assert done == {"王三": False, "张一": True}
    assert "已过 1 人" in view.summary.text()


def test_dialog_values(qtbot, db):
    east, _west = _town()
    dialog = CeremonyDialog(east, [], D(2022, 5, 31))
    qtbot.addWidget(dialog)
    dialog.form.setCurrentText("讲一次党课")
    assert dialog.values() == (D(2022, 5, 31), "讲一次党课", "")
