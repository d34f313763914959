"""督查评分's small dialogs as a clerk meets them: opened from their buttons, dates typed as people type them."""

from __future__ import annotations

import datetime as dt

import pytest
from modal import answer_dialogs
from modal import press
from PySide6.QtWidgets import QMessageBox
from views import open_inspection

from models import Inspection
from models import Organisation
from models import Problem
from ui.pages.inspection import InspectionForm
from ui.widgets.small_form import SmallForm

Q = "2022Q3"


@pytest.fixture
def view(db_location, qtbot, demo_db, monkeypatch):
    widget = open_inspection(qtbot, db_location, Q)
    widget.warnings = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a: widget.warnings.append(text)
    )
    return widget


def test_new_inspection_takes_a_typed_date_and_refuses_an_empty_one(view, qtbot):
    village = Organisation.get_by_id(view.village.currentData())
    before = Inspection.live().where(Inspection.org == village).count()
    stayed_open = []

    def answer(form):
        assert isinstance(form, InspectionForm)
        assert form.day.date() is not None and form.day.date().month in (7, 8, 9)  # in the quarter chosen
        form.day.line.setText("")
        form.accept()  # an empty 督查日期 is named, and the dialog stays open
        stayed_open.append(form.isVisible())
        form.day.line.setText("2022.8.16")
        form.inspectors.setText("王明 李华")
        form.kind.setCurrentIndex(form.kind.count() - 1)
        form.accept()

    answer_dialogs(answer)
    view.new_button.click()
    assert stayed_open == [True] and view.warnings == ["请填写“督查日期”。"]
    made = Inspection.live().where(Inspection.org == village).order_by(Inspection.id.desc()).get()
    assert Inspection.live().where(Inspection.org == village).count() == before + 1
    assert (made.date, made.inspectors) == (dt.date(2022, 8, 16), "王明 李华")


def test_an_unreadable_date_is_named_and_nothing_is_written(view, qtbot):
    before = Inspection.live().count()
    stayed_open, asked = [], []

    def answer(form):
        form.day.line.setText("2022-13-40")
        form.accept()
        stayed_open.append(form.isVisible())
        answer_dialogs(press("不保存"), asked)  # Esc on a changed form asks first
        form.reject()

    answer_dialogs(answer)
    view.new_button.click()
    assert stayed_open == [True] and [shown.title for shown in asked] == ["尚未保存"]
    assert len(view.warnings) == 1 and view.warnings[0].startswith("“督查日期”：")
    assert Inspection.live().count() == before


def test_a_problem_found_keeps_the_typed_deadline(view, qtbot):
    inspection = view.current_inspection()
    assert inspection is not None
    due = inspection.date + dt.timedelta(days=20)

    def answer(form):
        assert isinstance(form, SmallForm) and form.windowTitle() == "记录发现的问题"
        description, _responsible, deadline, plan = form._fields
        assert deadline.date() == inspection.date + dt.timedelta(days=30)
        description.setText("党员活动室制度未上墙")
        deadline.line.setText(f"{due.year}年{due.month}月{due.day}日")
        plan.setPlainText("九月底前上墙")
        form.accept()

    answer_dialogs(answer)
    view.problem_button.click()
    assert view.messages == []
    problem = Problem.get(Problem.description == "党员活动室制度未上墙")
    assert problem.deadline == due and problem.inspection_id == inspection.id
    assert problem.plan == "九月底前上墙"


def test_the_whole_quarter_is_set_up_from_its_dialog(view, qtbot):
    view.quarter.setCurrentIndex(view.quarter.findData("2022Q4"))
    branches = len(list(Organisation.branches()))
    before = Inspection.live().where(Inspection.quarter == "2022Q4").count()

    def answer(form):
        assert isinstance(form, InspectionForm) and not form.kind.isVisibleTo(form)  # only 季督查
        form.day.line.setText("20221020")
        form.inspectors.setText("督查一组")
        form.accept()

    answer_dialogs(answer)
    view.all_button.click()
    qtbot.waitUntil(lambda: "新建督查" in getattr(view, "last_message", ""), timeout=30000)
    made = Inspection.live().where(
        (Inspection.quarter == "2022Q4") & (Inspection.date == dt.date(2022, 10, 20))
    )
    assert made.count() == branches - before > 0
    assert {i.inspectors for i in made} == {"督查一组"}
    assert f"新建督查 {branches - before} 个" in view.last_message
