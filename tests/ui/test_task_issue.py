"""下发重点任务 view: proposed dates, hand adjustment, issuing to several villages at once."""

import os

import pytest
from delivery_screens import D
from delivery_screens import build_delivery_town
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox
from views import open_view

from app.delivery import schedule
from models import Campaign
from models import KeyTask
from models import Milestone
from models import settings
from ui.pages import task_issue


@pytest.fixture
def messages(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(("warning", a[2])))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(("information", a[2])))
    return shown


def _view(qtbot, db):
    context, view, _opened = open_view(qtbot, db, task_issue)
    view.start.setDate(QDate(2022, 5, 1))
    view.deadline.setDate(QDate(2022, 7, 31))
    return context, view


def test_steps_are_worked_back_from_the_deadline(qtbot, db):
    build_delivery_town()
    _context, view = _view(qtbot, db)
    steps = view.steps.steps
    assert [s.title for s in steps] == ["制定方案", "组织实施", "检查验收"]
    assert steps[-1].due == D(2022, 7, 31) and steps[-1].start == D(2022, 7, 27)
    # a longer last step moves every date before it
    view.steps.setData(view.steps.index(2, 2), 10)
    assert view.steps.steps[-1].start == D(2022, 7, 22)
    assert view.steps.steps[1].due == D(2022, 7, 21)
    # weekends off: the Sunday deadline becomes Friday 29 July, and the setting is kept
    view.weekends.setChecked(False)
    assert view.steps.steps[-1].due == D(2022, 7, 29)
    assert settings.get(schedule.WEEKENDS_KEY) is False


def test_the_deadline_stays_inside_the_campaign(qtbot, db, messages):
    build_delivery_town()
    _context, view, _opened = open_view(qtbot, db, task_issue)
    end = Campaign.current().end
    assert view.deadline.day() <= end  # today is after the campaign: no default beyond its end
    view.title.setText("冬季党员冬训")
    view.deadline.setDate(QDate(end.year, 12, 20))
    assert f"晚于本次活动的结束日期 {end.isoformat()}" in view.problems.text()
    assert view.issue() == [] and "晚于本次活动的结束日期" in messages[-1][1]
    assert not KeyTask.select().where(KeyTask.title == "冬季党员冬训").exists()


def test_hand_adjusted_date_is_checked(qtbot, db):
    build_delivery_town()
    _context, view = _view(qtbot, db)
    view.steps.setData(view.steps.index(0, 3), QDate(2022, 4, 20))
    assert view.steps.steps[0].start == D(2022, 4, 20)
    assert "工期不够" in view.problems.text()
    view.replan()
    assert view.problems.text() == ""


def test_issue_to_chosen_villages(qtbot, db, messages, tmp_path):
    build_delivery_town()
    before = KeyTask.select().count()
    context, view = _view(qtbot, db)
    changes = []
    context.dataChanged.connect(changes.append)
    assert view.issue() == [] and "任务名称" in messages[-1][1]
    view.title.setText("软弱涣散党组织整顿")
    view.check_all(True)
    tasks = view.issue()
    assert len(tasks) == 3 and len({t.batch for t in tasks}) == 1
    assert messages[-1][0] == "information" and "3 个村" in messages[-1][1]
    assert KeyTask.select().count() == before + 3
    assert Milestone.select().where(Milestone.task == tasks[0]).count() == 3
    assert tasks[0].track == "抓落实" and changes == [KeyTask]
    view.resize(1100, 650)
    view.show()
    qtbot.waitExposed(view)
    assert view.grab().save(str(tmp_path / "issue.png"))
    if os.environ.get("WUZHUA_SCREENSHOTS"):
        view.grab().save(os.path.join(os.environ["WUZHUA_SCREENSHOTS"], "task_issue.png"))


def test_steps_model_contract(qtbot, db, qtmodeltester):
    build_delivery_town()
    _context, view = _view(qtbot, db)
    qtmodeltester.check(view.steps)


def test_the_untouched_defaults_can_be_issued_and_a_start_the_clerk_sets_stays(qtbot, db, messages):
    # the clerk fills only the name and the villages: today is after the campaign, so the default
    # deadline is its last day; 开始日期 follows the first step instead of contradicting the steps
    build_delivery_town()
    _context, view, _opened = open_view(qtbot, db, task_issue)
    assert view.problems.text() == ""
    assert view.start.day() == view.steps.steps[0].start and view.steps.steps[-1].due == view.deadline.day()
    view.title.setText("冬季党员冬训")
    view.check_all(True)
    tasks = view.issue()
    assert len(tasks) == 3 and messages[-1][0] == "information"
    assert tasks[0].start == view.steps.steps[0].start
    # a second press does not issue it again: the name and the villages were cleared
    assert view.title.text() == "" and view.chosen_org_ids() == [] and not view.has_unsaved_input()
    assert view.issue() == [] and "任务名称" in messages[-1][1]
    # a start the clerk typed is theirs: a new deadline replans the steps, not the start
    view.start.setDate(QDate(2022, 5, 1))
    view.deadline.setDate(QDate(2022, 7, 31))
    assert view.start.day() == D(2022, 5, 1) and view.steps.steps[-1].due == D(2022, 7, 31)
