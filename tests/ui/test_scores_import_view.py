"""督查评分 → 导出评分表 / 导入评分表: the inspection team's workbook out and back through the window."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFileDialog
from views import open_inspection

from app.inspection.scoresheet import COL
from app.inspection.scoresheet import SHEET
from app.storage.paths import backup_dir
from app.storage.paths import last_folder
from models import InspectionScore
from models import Problem
from ui.pages.scores_import import ScoresImportDialog

Q = "2022Q2"


def _letter(name: str) -> str:
    return chr(ord("A") + COL[name])


@pytest.fixture
def view(db_location, qtbot, demo_db, tmp_path):
    return open_inspection(qtbot, db_location, Q)


def _exported(view, qtbot, monkeypatch, target) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    view.export_sheet_button.click()
    qtbot.waitUntil(lambda: "已导出评分表" in view.total.text(), timeout=30000)
    assert last_folder() == target.parent  # the next file dialog opens there


def _on_preview(answer) -> list:
    """Answer the preview (exec()'d from the check's on_done) from a timer inside its loop."""
    seen: list = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ScoresImportDialog) and not seen:
            seen.append(
                {
                    "title": dialog.windowTitle(),
                    "villages": list(dialog.village_rows.rows),
                    "changes": list(dialog.changes.rows),
                    "new_problems": list(dialog.new_problems.rows),
                    "problems": list(dialog.problems.rows),
                    "can_import": dialog.import_button.isEnabled(),
                    "errors_button": dialog.errors_button.isVisibleTo(dialog),
                }
            )
            answer(dialog)
        elif not seen:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return seen


def test_the_clerk_exports_fills_and_imports_the_workbook(view, db_location, qtbot, monkeypatch, tmp_path):
    sheet = tmp_path / "u盘" / "评分表.xlsx"
    sheet.parent.mkdir()
    _exported(view, qtbot, monkeypatch, sheet)
    book = openpyxl.load_workbook(sheet)
    ws = book[SHEET]
    rows = list(ws.iter_rows(min_row=2))
    manual = [r for r in rows if r[COL["系统计算"]].value in (None, "")]
    first, second = manual[0], next(r for r in manual if r[1].value != manual[0][1].value)
    before = InspectionScore.get(InspectionScore.uuid == first[0].value).points
    new_points = 0 if before else first[COL["分值"]].value
    first[COL["得分"]].value = new_points
    first[COL["扣分说明"]].value = "会议记录缺页"
    second[COL["发现问题"]].value = "党务公开栏未更新"
    book.save(sheet)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(sheet), ""))
    seen = _on_preview(lambda dialog: dialog.import_button.click())
    view.import_sheet_button.click()
    qtbot.waitUntil(lambda: "已导入评分表" in view.total.text(), timeout=30000)

    preview = seen[0]
    assert preview["title"] == "导入评分表 评分表.xlsx" and preview["can_import"]
    assert not preview["errors_button"] and preview["problems"] == []
    by_code = {r[0]: r for r in preview["villages"]}
    assert len(by_code) == 14  # every village of the demo town, changed or not
    assert by_code[first[1].value][2] == 1 and by_code[second[1].value][3] == 1
    old = "未打分" if before is None else f"{before:g} 分"
    assert (
        first[COL["村（社区）"]].value,
        first[0].row,
        first[COL["评分内容"]].value,
        old,
        f"{new_points:g} 分",
    ) in [c[:5] for c in preview["changes"]]
    assert next(c for c in preview["changes"] if c[1] == first[0].row)[5] == "会议记录缺页"
    assert preview["new_problems"] == [(second[COL["村（社区）"]].value, "党务公开栏未更新")]

    stored = InspectionScore.get(InspectionScore.uuid == first[0].value)
    assert (stored.points, stored.remark) == (new_points, "会议记录缺页")
    assert Problem.select().where(Problem.description == "党务公开栏未更新").count() == 1
    assert "写入 1 项得分，记入问题台账 1 个问题" in view.total.text()
    assert list(backup_dir(db_location).glob("*导入督查评分前*"))  # a backup first
    assert QApplication.activeModalWidget() is None


def test_a_bad_workbook_is_named_cell_by_cell_and_cancel_writes_nothing(view, qtbot, monkeypatch, tmp_path):
    sheet = tmp_path / "评分表.xlsx"
    _exported(view, qtbot, monkeypatch, sheet)
    book = openpyxl.load_workbook(sheet)
    ws = book[SHEET]
    rows = list(ws.iter_rows(min_row=2))
    manual = next(r for r in rows if r[COL["系统计算"]].value in (None, ""))
    computed = next(r for r in rows if isinstance(r[COL["系统计算"]].value, int | float))
    manual[COL["得分"]].value = manual[COL["分值"]].value + 3
    computed[COL["改动后得分"]].value = 0
    other = next(r for r in rows if r[1].value != manual[1].value and r is not computed)
    other[COL["发现问题"]].value = "不应写入的问题"
    book.save(sheet)
    points_before = {s.uuid: s.points for s in InspectionScore.select()}

    errors = tmp_path / "错误清单.xlsx"

    def answer(dialog: ScoresImportDialog) -> None:
        assert dialog.save_errors(errors) == errors
        dialog.reject()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(sheet), ""))
    seen = _on_preview(answer)
    view.import_sheet_button.click()
    qtbot.waitUntil(lambda: bool(seen) and QApplication.activeModalWidget() is None, timeout=30000)

    preview = seen[0]
    assert not preview["can_import"] and preview["errors_button"]
    assert (SHEET, manual[0].row, _letter("得分")) in [p[:3] for p in preview["problems"]]
    assert (SHEET, computed[0].row, _letter("改分理由")) in [p[:3] for p in preview["problems"]]
    marked = openpyxl.load_workbook(errors)[SHEET]
    assert "得分" in marked[f"{_letter('得分')}{manual[0].row}"].comment.text
    assert marked[f"{_letter('改分理由')}{computed[0].row}"].comment is not None
    # 取消: nothing written
    assert {s.uuid: s.points for s in InspectionScore.select()} == points_before
    assert not Problem.select().where(Problem.description == "不应写入的问题").exists()
    assert "已导入评分表" not in view.total.text()


def test_a_file_that_is_no_score_workbook_is_said_plainly(view, qtbot, tmp_path):
    other = tmp_path / "别的.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "党员"
    book.save(other)
    view.check_scoresheet(other)
    qtbot.waitUntil(lambda: bool(view.messages), timeout=20000)
    assert view.messages == [f"文件“别的.xlsx”没有“{SHEET}”工作表，不是导出的督查评分表。"]


def test_exporting_a_quarter_without_inspections_says_what_to_do(view, qtbot, tmp_path):
    view.quarter.setCurrentIndex(view.quarter.findData("2022Q4"))
    view.export_scoresheet(tmp_path / "评分表.xlsx")
    qtbot.waitUntil(lambda: bool(view.messages), timeout=20000)
    assert "2022年第四季度还没有季度督查，请先建立" in view.messages[0]
    assert not (tmp_path / "评分表.xlsx").exists()
