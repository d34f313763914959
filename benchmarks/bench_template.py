"""Writing one village's hand-fill template (export-template) on the demo town.

Goal (issue 12): under 1 s for one village. Baseline in the same run: openpyxl saving a
workbook with the same sheets and header rows only (the fixed cost of any xlsx).

    .venv/bin/python benchmarks/bench_template.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import ROOT
from _measure import report

sys.path.insert(0, str(ROOT))


def main() -> int:
    import openpyxl  # noqa: PLC0415 (after sys.path is set)

    import app.storage.backup  # noqa: F401, PLC0415 (registers the pre-upgrade backup)
    from app.demo import create_demo  # noqa: PLC0415
    from app.exchange.template import write_template  # noqa: PLC0415
    from models import Organisation  # noqa: PLC0415
    from models import close_database  # noqa: PLC0415
    from models import open_database  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        open_database(out / "bench.sqlite3")
        create_demo(seed=2022)
        village = Organisation.get(Organisation.code == "GZ01")
        runs = []
        for i in range(5):
            start = time.perf_counter()
            write_template(village, out / f"模板{i}.xlsx")
            runs.append(time.perf_counter() - start)
        written = openpyxl.load_workbook(out / "模板0.xlsx")
        headers = [(ws.title, [c.value for c in ws[1]]) for ws in written.worksheets]
        base_runs = []
        for i in range(5):
            start = time.perf_counter()
            book = openpyxl.Workbook()
            book.remove(book.active)
            for title, row in headers:
                book.create_sheet(title).append(row)
            book.save(out / f"头行{i}.xlsx")
            base_runs.append(time.perf_counter() - start)
        close_database()
    baseline = statistics.median(base_runs)
    seconds = statistics.median(runs)
    report("openpyxl, header rows only (baseline)", baseline, "s")
    report(f"export-template {village.code}, {len(headers)} sheets", seconds, "s", baseline, "< 1 s")
    return 0 if seconds < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
