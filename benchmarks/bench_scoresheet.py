"""A quarter of 14 villages scored through the inspection team's workbook (issue 15).

On the demo town (14 villages and communities): the 2022Q4 inspections made for every
village (computed items filled in), export-scoresheet, every manual item filled in and a
problem written for each village (as the team does on paper, here by program), then
import-scores checked and written. Today the same scores are typed into the window one village
at a time (about 110 minutes a quarter); the program's own part should stay a few seconds.
Baseline in the same run: openpyxl writing and reading back a workbook of the same cells.

    .venv/bin/python benchmarks/bench_scoresheet.py
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import ROOT
from _measure import report

sys.path.insert(0, str(ROOT))

QUARTER = "2022Q4"


def main() -> int:
    import openpyxl  # noqa: PLC0415 (after sys.path is set)

    import app.storage.backup  # noqa: F401, PLC0415 (registers the pre-upgrade backup)
    from app.demo import create_demo  # noqa: PLC0415
    from app.inspection.ranking import quarter_progress  # noqa: PLC0415
    from app.inspection.scoresheet import COL  # noqa: PLC0415
    from app.inspection.scoresheet import SHEET  # noqa: PLC0415
    from app.inspection.scoresheet import apply_scores  # noqa: PLC0415
    from app.inspection.scoresheet import create_quarter_inspections  # noqa: PLC0415
    from app.inspection.scoresheet import export_scoresheet  # noqa: PLC0415
    from app.inspection.scoresheet import plan_scores  # noqa: PLC0415
    from models import Organisation  # noqa: PLC0415
    from models import close_database  # noqa: PLC0415
    from models import open_database  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        open_database(out / "bench.sqlite3")
        create_demo(seed=2022)
        villages = Organisation.branches().count()

        start = time.perf_counter()
        create_quarter_inspections(QUARTER, dt.date(2022, 11, 25))
        made = time.perf_counter() - start

        start = time.perf_counter()
        rows = export_scoresheet(QUARTER, out / "评分表.xlsx")
        exported = time.perf_counter() - start

        # the team's pen, by program: every manual item, one problem per village
        book = openpyxl.load_workbook(out / "评分表.xlsx")
        ws = book[SHEET]
        seen: set[str] = set()
        for row in ws.iter_rows(min_row=2):
            if row[COL["系统计算"]].value in (None, ""):
                row[COL["得分"]].value = row[COL["分值"]].value
            code = row[COL["村（社区）代码"]].value
            if code not in seen:
                seen.add(code)
                row[COL["发现问题"]].value = f"{code} 会议记录不全"
        book.save(out / "评分表.xlsx")

        start = time.perf_counter()
        plan = plan_scores(out / "评分表.xlsx")
        assert plan is not None and not plan.problems, plan and plan.problems[:3]
        checked = time.perf_counter() - start
        start = time.perf_counter()
        written = apply_scores(plan)
        imported = time.perf_counter() - start
        progress = quarter_progress(QUARTER)
        assert progress.complete, progress.text
        assert written["问题"] == villages, written

        values = [list(r) for r in ws.iter_rows(values_only=True)]
        start = time.perf_counter()
        plain = openpyxl.Workbook()
        for line in values:
            plain.active.append(line)
        plain.save(out / "同样的单元格.xlsx")
        list(
            openpyxl.load_workbook(out / "同样的单元格.xlsx", read_only=True).active.iter_rows(
                values_only=True
            )
        )
        baseline = time.perf_counter() - start
        close_database()

    total = made + exported + checked + imported
    print(
        f"  {villages} villages, {rows} rows, {written['得分']} scores and {written['问题']} problems written"
    )
    report("inspection new --org all", made, "s")
    report("export-scoresheet", exported, "s")
    report("import-scores: check", checked, "s")
    report("import-scores: write", imported, "s")
    report("openpyxl, same cells out and in (baseline)", baseline, "s")
    report(
        "a 14-village quarter through the workbook", total, "s", baseline, "< 10 s (today ~110 min by hand)"
    )
    return 0 if total < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
