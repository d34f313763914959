"""The inspection team's score workbook: inspections for every village, out, filled in, back in."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl

from app.cli import main
from app.inspection.ranking import quarter_progress
from app.inspection.scoresheet import COL
from app.inspection.scoresheet import HEADERS
from app.inspection.scoresheet import SHEET
from models import Inspection
from models import InspectionScore
from models import Organisation
from models import Problem
from models import close_database
from models import open_database

Q = "2022Q4"


def _letter(name: str) -> str:
    return chr(ord("A") + COL[name])


def _run(capsys, *argv) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def test_a_quarter_scored_through_one_workbook(db_location, demo_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "督查组")
    db = str(db_location)
    villages = Organisation.branches().count()
    close_database()  # the commands open the file themselves

    code, made = _run(
        capsys, "inspection", "new", "--quarter", Q, "--org", "all", "--date", "2022-11-25", "--db", db
    )
    assert code == 0 and len(made["made"]) == villages and made["existing"] == []
    code, again = _run(
        capsys, "inspection", "new", "--quarter", Q, "--org", "all", "--date", "2022-11-25", "--db", db
    )
    assert again["made"] == [] and len(again["existing"]) == villages

    sheet = tmp_path / "评分表.xlsx"
    code, exported = _run(capsys, "export-scoresheet", "--quarter", Q, "--out", str(sheet), "--db", db)
    assert code == 0
    book = openpyxl.load_workbook(sheet)
    ws = book[SHEET]
    assert tuple(c.value for c in ws[1]) == HEADERS and ws.protection.sheet
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == exported["rows"] > villages * 10
    computed = [r for r in rows if r[COL["系统计算"]].value not in (None, "")]
    manual = [r for r in rows if r[COL["系统计算"]].value in (None, "")]
    assert computed and manual
    assert all(r[COL["得分"]].protection.locked for r in computed)  # filled in by the program, locked
    assert not any(r[COL["得分"]].protection.locked for r in manual)
    limits = {str(v.sqref): v.formula2 for v in ws.data_validations.dataValidation}
    first_manual = manual[0][COL["得分"]]
    assert limits[first_manual.coordinate] == f"{manual[0][COL['分值']].value:g}"

    # the team fills in every manual item; two mistakes
    for row in manual:
        row[COL["得分"]].value = row[COL["分值"]].value - 1
    manual[0][COL["得分"]].value = manual[0][COL["分值"]].value + 5
    computed[0][COL["改动后得分"]].value = 0  # a computed item changed without a reason
    manual[1][COL["发现问题"]].value = "会议记录不全\n党务公开栏未更新"
    book.save(sheet)

    errors = tmp_path / "错误标注.xlsx"
    code = main(["import-scores", str(sheet), "--errors-out", str(errors), "--db", db])
    assert code == 1
    message = capsys.readouterr().err
    assert f"工作表“{SHEET}”第{manual[0][0].row}行{_letter('得分')}列（得分）" in message
    assert f"第{computed[0][0].row}行{_letter('改分理由')}列（改分理由）" in message
    marked = openpyxl.load_workbook(errors)[SHEET]
    assert marked[f"{_letter('改分理由')}{computed[0][0].row}"].comment is not None
    open_database(db_location)
    quarter_ids = [i.id for i in Inspection.select().where(Inspection.quarter == Q)]
    nothing = InspectionScore.select().where(InspectionScore.inspection.in_(quarter_ids))
    assert not [s for s in nothing if s.points is not None and not s.item.rule]  # all or nothing
    assert not quarter_progress(Q).complete
    close_database()

    book = openpyxl.load_workbook(sheet)
    ws = book[SHEET]
    ws[f"{_letter('得分')}{manual[0][0].row}"] = manual[0][COL["分值"]].value
    ws[f"{_letter('改分理由')}{computed[0][0].row}"] = "现场核实台账与实际不符"
    book.save(sheet)
    code, checked = _run(capsys, "import-scores", str(sheet), "--dry-run", "--db", db)
    assert code == 0 and checked["outcome"] == "仅检查" and checked["counts"]["发现问题"] == 2
    # the preview per village: old → new with the reason, the problems, the rest unchanged
    villages_seen = {v["code"]: v for v in checked["villages"]}
    assert len(villages_seen) == villages
    changed_village = villages_seen[computed[0][COL["村（社区）代码"]].value]
    override = next(c for c in changed_village["changed"] if c["row"] == computed[0][0].row)
    old_points = computed[0][COL["得分"]].value
    assert override["new"] == "0 分" and override["reason"] == "现场核实台账与实际不符"
    # a computed item whose records never came reads 未报送, not 未打分
    shown_before = {None: "未打分", "": "未打分", "未报送": "未报送"}
    assert override["old"] == (
        f"{old_points:g} 分" if isinstance(old_points, int | float) else shown_before[old_points]
    )
    assert override["item"] == computed[0][COL["评分内容"]].value
    problem_village = villages_seen[manual[1][COL["村（社区）代码"]].value]
    assert problem_village["problems"] == ["会议记录不全", "党务公开栏未更新"]
    manual_change = next(c for c in problem_village["changed"] if c["row"] == manual[1][0].row)
    assert (
        manual_change["old"] == "未打分"
        and manual_change["new"] == f"{manual[1][COL['分值']].value - 1:g} 分"
    )
    assert sum(len(v["changed"]) for v in checked["villages"]) == checked["counts"]["修改"]
    assert sum(v["unchanged"] for v in checked["villages"]) == checked["counts"]["无变化"]
    main(["import-scores", str(sheet), "--dry-run", "--db", db])
    printed = capsys.readouterr().out
    assert (
        f"{problem_village['code']} {problem_village['name']}：" in printed
        and "  问题：会议记录不全" in printed
    )
    assert (
        f"  改：{override['item']}：{override['old']} → 0 分（改分理由：现场核实台账与实际不符）" in printed
    )
    code = main(["import-scores", str(sheet), "--db", db])
    first_line = capsys.readouterr().out.splitlines()[0]
    # the line the clerk reads counts what was written, 修改 included (counted before writing)
    assert code == 0 and first_line.startswith(f"已导入：{sheet}（")
    assert f"修改 {checked['counts']['修改']}" in first_line and "发现问题 2" in first_line

    open_database(db_location)
    progress = quarter_progress(Q)
    assert progress.complete and progress.text == f"已评 {villages} / 共 {villages} 个村（社区）"
    changed = InspectionScore.get(InspectionScore.uuid == computed[0][0].value)
    assert (changed.points, changed.override_reason) == (0.0, "现场核实台账与实际不符")
    found = Problem.select().where(Problem.description.in_(["会议记录不全", "党务公开栏未更新"]))
    inspection = Inspection.get(
        Inspection.id == InspectionScore.get(InspectionScore.uuid == manual[1][0].value).inspection_id
    )
    assert {p.deadline for p in found} == {inspection.date + dt.timedelta(days=30)}
    assert {p.inspection_id for p in found} == {inspection.id} and found.count() == 2
    close_database()
    # the same workbook again changes nothing and records no problem twice
    code, repeat = _run(capsys, "import-scores", str(sheet), "--db", db)
    assert code == 0 and repeat["counts"]["修改"] == 0 and repeat["counts"]["发现问题"] == 0
    open_database(db_location)
