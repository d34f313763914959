"""The town's authority in the window: a village's computer reads the town's records, writes its own."""

from delivery_screens import D
from delivery_screens import build_delivery_town
from PySide6.QtCore import QDate

from app.delivery import problems as rules
from models import Inspection
from models import Problem
from models import settings
from ui.context import AppContext
from ui.pages import ledger
from ui.record_form import RecordFormDialog
from ui.record_page import RecordListPage


def _ledger(qtbot, db):
    view = ledger.create(AppContext(db.database))
    qtbot.addWidget(view)
    view.as_of.setDate(QDate(2022, 8, 5))
    return view


def _select(view, description) -> None:
    for row in range(view.proxy.rowCount()):
        if view.proxy.index(row, 3).data() == description:
            view.table.selectRow(row)
            return
    raise AssertionError(description)


def test_the_town_confirms_or_sends_back_what_a_village_reported(qtbot, db):
    build_delivery_town()
    problem = Problem.get(description="主题党日未固定日期")
    rules.start_rectification(problem, "每月固定 10 日")
    rules.report_rectified(Problem.get_by_id(problem.id), D(2022, 7, 20), "已在公开栏公布主题党日时间")
    view = _ledger(qtbot, db)
    view.which.setCurrentText("待确认")
    assert view.proxy.rowCount() == 1 and view.proxy.index(0, 6).data() == "待确认"
    _select(view, "主题党日未固定日期")
    assert view.buttons["确认整改"].isEnabled() and view.buttons["退回…"].isEnabled()
    assert "已在公开栏公布" in view.detail.text()
    assert view.apply(rules.send_back, "佐证不足，请附公开栏照片或记录")
    view.which.setCurrentText("被退回")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 6).data() == "被退回（佐证不足，请附公开栏照片或记录）"
    assert Problem.get_by_id(problem.id).state == "整改中"  # nothing deleted, the evidence kept
    assert Problem.get_by_id(problem.id).evidence == "已在公开栏公布主题党日时间"


def test_a_village_computer_reads_the_towns_records(db_location, qtbot, db):
    build_delivery_town()
    settings.put("local_org_code", "ZD01")  # this is 东沟村's computer
    view = _ledger(qtbot, db)
    assert "报整改完成…" in view.buttons and "销号" not in view.buttons and "回头看…" not in view.buttons
    assert not view.buttons["新增问题…"].isEnabled()
    page = RecordListPage(Inspection, AppContext(db_location))
    qtbot.addWidget(page)
    assert not page.add_button.isEnabled() and "镇党委" in page.add_button.toolTip()
    problem = Problem.get(description="三会一课记录不全")
    form = RecordFormDialog(Problem, problem)
    qtbot.addWidget(form)
    assert not form.editors["state"].isEnabled() and not form.editors["deadline"].isEnabled()
    assert form.editors["evidence"].isEnabled() and form.editors["plan"].isEnabled()
    assert set(form.values()) <= {"plan", "evidence", "proposed", "accountability_note"} - {
        "accountability_note"
    }
