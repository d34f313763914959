"""督查评分 and 督查排名 views on the demo town: entering scores, reasons, N/A, problems, ranking."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.inspection.scoring import totals
from models import Inspection
from models import InspectionScore
from models import Problem
from ui.context import AppContext
from ui.pages import inspection as inspection_view
from ui.pages import ranking as ranking_view
from ui.pages.score_model import NA
from ui.pages.score_model import POINTS
from ui.pages.score_model import REASON
from ui.pages.score_model import REMARK


@pytest.fixture
def view(db_location, qtbot, demo_db, tmp_path):
    widget = inspection_view.create(AppContext(db_location))
    qtbot.addWidget(widget)
    widget.quarter.setCurrentIndex(widget.quarter.findData("2022Q2"))
    widget.messages = []
    widget.model.report = widget.messages.append
    return widget


def row_where(model, computed: bool) -> int:
    return next(
        i for i, s in enumerate(model.scores) if (s.computed is not None) == computed and not s.not_applicable
    )


def test_changing_a_computed_item_needs_a_reason(view):
    model = view.model
    assert model.rowCount() > 10 and view.current_inspection() is not None
    row = row_where(model, computed=True)
    score = model.scores[row]
    new_points = 0.0 if score.computed else score.item.max_points
    model.ask_reason = lambda item, computed: None  # the clerk cancels the question
    assert not model.setData(model.index(row, POINTS), str(new_points))
    assert InspectionScore.get_by_id(score.id).points == score.points
    model.ask_reason = lambda item, computed: "台账与实际不符"
    assert model.setData(model.index(row, POINTS), str(new_points))
    stored = InspectionScore.get_by_id(score.id)
    assert (stored.points, stored.override_reason) == (new_points, "台账与实际不符")
    assert model.data(model.index(row, REASON)) == "台账与实际不符"
    assert "合计" in view.total.text()


def test_bad_points_are_refused_with_a_message(view):
    model = view.model
    row = row_where(model, computed=False)
    score = model.scores[row]
    assert not model.setData(model.index(row, POINTS), "abc")
    assert not model.setData(model.index(row, POINTS), str(score.item.max_points + 1))
    assert len(view.messages) == 2 and "之间" in view.messages[1]
    assert InspectionScore.get_by_id(score.id).points == score.points


def test_not_applicable_leaves_the_denominator(view):
    model = view.model
    row = row_where(model, computed=False)
    inspection = view.current_inspection()
    before = totals([inspection.id])[inspection.id]
    assert model.setData(model.index(row, NA), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    after = totals([inspection.id])[inspection.id]
    assert after.max_points == before.max_points - model.scores[row].item.max_points
    assert model.data(model.index(row, NA), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_problem_found_goes_into_the_ledger(view):
    inspection = view.current_inspection()
    before = Problem.live().where(Problem.inspection == inspection).count()
    problem = view.add_problem(
        "党员大会记录不全", inspection.date + dt.timedelta(days=20), "张书记", "补齐记录"
    )
    assert (problem.state, problem.source, problem.org_id) == ("待整改", inspection.kind, inspection.org_id)
    assert f"发现问题 {before + 1} 个" in view.total.text()


def test_new_inspection_gets_the_scorecard(view):
    view.quarter.setCurrentIndex(
        view.quarter.findData("2022Q4") if view.quarter.findData("2022Q4") >= 0 else 0
    )
    quarter = view.quarter.currentData()
    had = Inspection.live().where(Inspection.quarter == quarter).count()
    inspection = view.new_inspection("明查", dt.date(2022, 11, 10), "督查组")
    assert Inspection.live().where(Inspection.quarter == quarter).count() == had + 1
    assert view.current_inspection().id == inspection.id
    assert view.model.rowCount() > 10


def test_ranking_view_with_history(db_location, qtbot, demo_db, tmp_path):
    widget = ranking_view.create(AppContext(db_location))
    qtbot.addWidget(widget)
    widget.quarter.setCurrentIndex(widget.quarter.findData("2022Q3"))
    model = widget.model
    assert model.rowCount() >= 10
    places = [model.rows[r].place for r in range(model.rowCount())]
    assert places == sorted(places)
    bottom_rows = [r for r in range(model.rowCount()) if model.rows[r].bottom]
    assert bottom_rows and "后3位" in model.data(model.index(bottom_rows[0], 3))
    widget.table.selectRow(bottom_rows[0])
    assert widget.history_model.rowCount() == 2  # 2022Q2 and 2022Q3
    assert "2022年第二季度" in widget.history_model.item(0, 0).text()


def test_headers_fit_and_say_the_rest_in_a_tip(view):
    model = view.model
    header = view.table.horizontalHeader()
    assert model.headerData(REASON, Qt.Orientation.Horizontal) == "改分理由"
    assert "理由" in model.headerData(REASON, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    # the section's name is shown whole (no “…”): its column is as wide as its text
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    widest = max(view.table.fontMetrics().horizontalAdvance(n) for n in names)
    assert header.sectionSize(0) >= widest


def test_ranking_history_fits_its_panel(db_location, qtbot, demo_db, tmp_path):
    widget = ranking_view.create(AppContext(db_location))
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitExposed(widget)
    history = widget.history_view
    header = history.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(header.count()))
    assert used <= history.viewport().width()
    assert not history.horizontalScrollBar().isVisible()


def test_quarters_offered_are_the_campaigns_and_new_inspections_date_inside_them(demo_db):
    from app.campaign_time import campaign_quarters
    from app.campaign_time import day_in_quarter

    assert campaign_quarters() == {"2022Q2", "2022Q3", "2022Q4"}
    # the campaign is over: the last quarter's default day is the campaign's last, not 12-31
    assert day_in_quarter("2022Q4") == dt.date(2022, 11, 30)
    assert day_in_quarter("2022Q2") == dt.date(2022, 6, 30)
    assert day_in_quarter("2022Q3", today=dt.date(2022, 8, 16)) == dt.date(2022, 8, 16)


def test_evidence_of_a_score_is_one_click_away(view):
    model = view.model
    names = [s.item.name for s in model.scores]
    meetings = names.index("三会一课按期召开")
    text = view.evidence_text(meetings)
    assert text.startswith("三会一课按期召开（分值 6）")
    # the meetings the overview counted, by month and kind, with the days they were held
    assert "已计入：" in text and "支委会应开 1 次" in text
    manual = next(i for i, s in enumerate(model.scores) if not s.item.rule and s.remark)
    assert f"督查组说明：{model.scores[manual].remark}" in view.evidence_text(manual)
    assert view.evidence_button.isEnabled()
    assert view.evidence_text(-1) == ""


def test_one_step_makes_the_quarters_inspections_for_every_village(view, qtbot):
    from models import Organisation

    view.quarter.setCurrentIndex(view.quarter.findData("2022Q4"))
    assert view.current_inspection() is None
    seen = []
    view.create_quarter_inspections(dt.date(2022, 11, 25), "督查组", on_done=seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    villages = Organisation.branches().count()
    assert seen == [f"2022年第四季度：新建督查 {villages} 个，已有 0 个。"]
    assert Inspection.select().where(Inspection.quarter == "2022Q4").count() == villages
    assert view.current_inspection() is not None and view.model.rowCount() > 10
    assert any(s.computed is not None for s in view.model.scores)
    assert f"已评 0 / 共 {villages} 个村（社区）" in view.total.text()


def test_disposal_measure_is_chosen_or_written(qtbot, db):
    from models import Disposal
    from ui.widgets.form_widgets import editor_for
    from ui.widgets.form_widgets import set_value
    from ui.widgets.form_widgets import value_of

    editor = editor_for(Disposal.measure, None)
    qtbot.addWidget(editor)
    assert editor.findText("诫勉谈话") >= 0
    set_value(editor, "诫勉谈话")
    assert value_of(editor) == "诫勉谈话"
    editor.setEditText("提醒谈话并责令书面说明")
    assert value_of(editor) == "提醒谈话并责令书面说明"


def test_ranking_says_how_much_of_the_quarter_is_scored(db_location, qtbot, demo_db, tmp_path):
    from models import Organisation

    widget = ranking_view.create(AppContext(db_location))
    qtbot.addWidget(widget)
    widget.quarter.setCurrentIndex(widget.quarter.findData("2022Q2"))
    villages = Organisation.branches().count()
    assert widget.summary.text().startswith(f"已评 {villages} / 共 {villages} 个村（社区）；后3位：")
    one = Inspection.get(Inspection.quarter == "2022Q2")
    InspectionScore.update(points=None).where(InspectionScore.inspection == one).execute()
    widget.load()
    assert f"已评 {villages - 1} / 共 {villages} 个村（社区）；尚未评完" in widget.summary.text()
    assert not any(r.bottom for r in widget.model.rows)


def test_enter_moves_down_the_score_column_as_in_excel(view, qtbot):
    from PySide6.QtWidgets import QLineEdit

    view.show()
    qtbot.waitExposed(view)
    row = row_where(view.model, computed=False)  # an item the inspectors score by hand
    table = view.table
    table.setCurrentIndex(view.model.index(row, REMARK))
    table.edit(table.currentIndex())
    editors = [e for e in table.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    editor.setText("台账不全")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.model.scores[row].remark == "台账不全"  # kept
    assert table.currentIndex().row() == row + 1 and table.currentIndex().column() == REMARK
    assert table.state() == table.State.EditingState  # the next cell is open for typing
