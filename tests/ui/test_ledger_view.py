"""问题台账管理 view: overdue and reopened stand out, buttons follow the state, refusals are shown."""

import os

import pytest
from delivery_screens import D
from delivery_screens import build_delivery_town
from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from views import open_view

from app.delivery import problems as rules
from models import Problem
from models import ProblemCheck
from ui.pages import ledger
from ui.pages.ledger_model import LATE_RED
from ui.pages.ledger_model import REOPENED_YELLOW


def _view(qtbot, db, day=QDate(2022, 8, 5)):
    context, view, _opened = open_view(qtbot, db, ledger)
    view.as_of.setDate(day)
    return context, view


def _row_of(view, description):
    for row in range(view.proxy.rowCount()):
        if view.proxy.index(row, 3).data() == description:
            return row
    raise AssertionError(description)


def _select(view, description):
    view.table.selectRow(_row_of(view, description))


@pytest.fixture
def warned(monkeypatch) -> list[str]:
    """The warnings the view shows, by their text, instead of message boxes."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    return shown


def test_overdue_red_and_reopened_yellow(qtbot, db):
    build_delivery_town()
    _context, view = _view(qtbot, db)
    assert view.proxy.rowCount() == 3
    late = _row_of(view, "党务公开栏未按月更新")
    colour = view.proxy.index(late, 7).data(Qt.ItemDataRole.ForegroundRole).color()
    assert colour == LATE_RED and view.proxy.index(late, 7).data() == "逾期16天"
    reopened = _row_of(view, "三会一课记录不全")
    assert view.proxy.index(reopened, 0).data(Qt.ItemDataRole.BackgroundRole).color() == REOPENED_YELLOW
    assert view.proxy.index(reopened, 8).data() == "1次"
    on_time = _row_of(view, "主题党日未固定日期")
    assert view.proxy.index(on_time, 7).data(Qt.ItemDataRole.ForegroundRole) is None
    view.which.setCurrentText("逾期")
    assert view.proxy.rowCount() == 2
    view.which.setCurrentText("重新整改过")
    assert view.proxy.rowCount() == 1


def test_buttons_follow_the_state_and_move_it(qtbot, db):
    build_delivery_town()
    context, view = _view(qtbot, db)
    changes = []
    context.dataChanged.connect(changes.append)
    _select(view, "党务公开栏未按月更新")
    assert view.buttons["开始整改"].isEnabled() and not view.buttons["销号"].isEnabled()
    assert view.buttons["问责…"].isEnabled()  # overdue
    assert not view.buttons["回头看…"].isEnabled() and view.buttons["跟进督办…"].isEnabled()  # not fixed yet
    assert "季督查" in view.detail.text() and "逾期16天" in view.detail.text()
    assert view.apply(rules.start_rectification, "")  # the plan was filled when it was entered
    assert view.selected().state == "整改中" and changes == [Problem]
    assert view.buttons["整改完成"].isEnabled() and not view.buttons["开始整改"].isEnabled()
    assert view.apply(rules.mark_rectified, D(2022, 8, 3), "已更新公开栏")
    assert view.buttons["回头看…"].isEnabled()
    assert view.apply(rules.record_check, "回头看", D(2022, 8, 4), "通过")
    assert view.apply(rules.close_problem, D(2022, 8, 5))
    assert view.selected() is None or view.selected().state == "已销号"
    view.which.setCurrentText("全部")
    _select(view, "党务公开栏未按月更新")
    assert "销号" in view.detail.text() and "回头看：通过" in view.detail.text()


def test_refusal_is_a_message_not_a_crash(qtbot, db, warned):
    build_delivery_town()
    _context, view = _view(qtbot, db)
    _select(view, "主题党日未固定日期")
    assert not view.apply(rules.start_rectification, "")  # no plan yet
    assert warned and "整改方案" in warned[0]
    assert Problem.get(Problem.description == "主题党日未固定日期").state == "待整改"


def test_failed_recheck_reopens_in_the_view(qtbot, db, tmp_path):
    data = build_delivery_town()
    _context, view = _view(qtbot, db)
    problem = data["reopened"]
    _select(view, "三会一课记录不全")
    assert view.apply(rules.mark_rectified, D(2022, 8, 3), "再次补齐")
    assert view.apply(rules.record_check, "回头看", D(2022, 8, 4), "未通过", "", "仍缺6月记录")
    assert Problem.get_by_id(problem.id).reopened == 2
    assert view.proxy.index(_row_of(view, "三会一课记录不全"), 8).data() == "2次"
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    assert view.grab().save(str(tmp_path / "ledger.png"))
    if os.environ.get("WUZHUA_SCREENSHOTS"):
        view.grab().save(os.path.join(os.environ["WUZHUA_SCREENSHOTS"], "ledger.png"))
    assert (tmp_path / "ledger.png").stat().st_size > 5000


def test_table_model_contract(qtbot, db, qtmodeltester):
    build_delivery_town()
    _context, view = _view(qtbot, db)
    qtmodeltester.check(view.model)


def test_demo_problem_followed_from_inspection_to_recheck(qtbot, demo_db):
    from models import ProblemCheck

    _context, view = _view(qtbot, demo_db, QDate(2022, 11, 30))
    view.which.setCurrentText("全部")
    checked = (
        Problem.live()
        .join(ProblemCheck, on=(ProblemCheck.problem == Problem.id))
        .where(Problem.inspection.is_null(False) & (ProblemCheck.kind == "回头看"))
        .first()
    )
    assert checked is not None
    assert view.select_problem(checked.id)
    text = view.detail.text()
    assert checked.inspection.quarter in text and "回头看" in text


def test_overdue_notice_button(qtbot, db, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from models import Notice

    build_delivery_town()
    context, view = _view(qtbot, db)
    out = tmp_path / "通报.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    changes = []
    context.dataChanged.connect(changes.append)
    view.buttons["生成逾期问题通报…"].click()
    assert out.exists() and Notice.select().count() == 1 and changes == [Notice]
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    view.as_of.setDate(QDate(2022, 7, 1))
    view.buttons["生成逾期问题通报…"].click()
    assert shown and "无需通报" in shown[0]


def test_listing_costs_the_same_queries_for_10_and_40_problems(qtbot, db, monkeypatch):
    villages = build_delivery_town()["villages"]
    _context, view = _view(qtbot, db)
    view.which.setCurrentText("全部")

    def listed(count: int) -> tuple[int, int]:
        for table in (ProblemCheck, Problem):
            table.delete().execute()
        for n in range(count):
            Problem.create(
                org=villages[("东沟村", "西坪村")[n % 2]],
                source="季督查",
                description=f"问题{n}",
                responsible="王建国",
                found=D(2022, 6, 1),
                deadline=D(2022, 7, 20),
            )
        sent = []
        execute_sql = db.execute_sql
        monkeypatch.setattr(
            db, "execute_sql", lambda sql, *a, **k: sent.append(sql) or execute_sql(sql, *a, **k)
        )
        view.refresh()
        monkeypatch.undo()
        return view.proxy.rowCount(), len(sent)

    (few_rows, few), (many_rows, many) = listed(10), listed(40)
    assert (few_rows, many_rows) == (10, 40)
    assert few == many, f"10 problems: {few} queries, 40 problems: {many}"


def test_a_refused_step_keeps_its_dialog_open_with_what_was_typed(qtbot, db, warned):
    from modal import answer_dialogs

    from ui.pages.problem_dialogs import StepDialog

    build_delivery_town()
    _context, view = _view(qtbot, db)
    _select(view, "主题党日未固定日期")
    seen_open_after_refusal = []

    def answer(dialog):
        assert isinstance(dialog, StepDialog)
        dialog.text.setPlainText("   ")  # blank plan: refused
        dialog.accept()
        seen_open_after_refusal.append(dialog.isVisible())
        dialog.text.setPlainText("每月第一个周五为主题党日")
        dialog.accept()

    answer_dialogs(answer)
    view.start()
    assert seen_open_after_refusal == [True] and "整改方案" in warned[0]
    problem = Problem.get(Problem.description == "主题党日未固定日期")
    assert problem.state == "整改中" and problem.plan == "每月第一个周五为主题党日"


def test_the_as_of_day_is_typed_as_people_type_it(qtbot, db):
    build_delivery_town()
    _context, view = _view(qtbot, db)
    view.show()
    late = _row_of(view, "党务公开栏未按月更新")
    assert view.proxy.index(late, 7).data() == "逾期16天"
    view.as_of.setFocus()
    qtbot.waitUntil(lambda: view.as_of.lineEdit().selectedText() == view.as_of.text())
    qtbot.keyClicks(view.as_of, "2022.8.10")
    qtbot.keyClick(view.as_of, Qt.Key.Key_Tab)  # the ledger is read again as of the day typed
    assert view.day().isoformat() == "2022-08-10" and not view.as_of.hasFocus()
    assert view.proxy.index(_row_of(view, "党务公开栏未按月更新"), 7).data() == "逾期21天"


def test_the_description_keeps_its_characters_on_a_narrow_screen_and_fills_a_wide_one(qtbot, db):
    # at 1366×768 and 150 % the page is 670 logical pixels wide: 问题描述 was squeezed to "无职党…"
    build_delivery_town()
    _context, view = _view(qtbot, db)
    view.show()
    header, least = view.table.horizontalHeader(), view.table.fontMetrics().horizontalAdvance("字" * 14)

    def others() -> int:
        return sum(header.sectionSize(c) for c in range(header.count()) if c != 3)

    view.resize(670, 500)
    qtbot.waitUntil(lambda: header.sectionSize(3) == max(least, view.table.viewport().width() - others()))
    assert (
        header.sectionSize(3) >= least and view.table.horizontalScrollBar().maximum() > 0
    )  # scrolls instead
    view.resize(1600, 700)
    qtbot.waitUntil(lambda: header.sectionSize(3) == view.table.viewport().width() - others())
    assert (
        header.sectionSize(3) > least and view.table.horizontalScrollBar().maximum() == 0
    )  # the rest is its
