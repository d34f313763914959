"""A 50 MB workbook of junk rows given to import-package (issue 11, item 10).

Goal: refused in seconds (< 10 s, the program's start included) with peak memory under
500 MB. Baseline in the same run: the same command on a one-village template (a file it
reads in full). The junk has the template's sheets, so it is not refused for its names,
and inline strings without a size record, the slowest kind of sheet to parse.

    .venv/bin/python benchmarks/bench_junk.py
"""

from __future__ import annotations

import random
import resource
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import ENV
from _measure import ROOT
from _measure import report

sys.path.insert(0, str(ROOT))

TARGET_BYTES = 50 * 1024 * 1024


def make_town(folder: Path) -> tuple[Path, Path]:
    import app.storage.backup  # noqa: F401, PLC0415 (registers the pre-upgrade backup)
    from app.demo import create_demo_file  # noqa: PLC0415 (after sys.path is set)
    from app.exchange.template import write_template  # noqa: PLC0415
    from models import Organisation  # noqa: PLC0415
    from models import close_database  # noqa: PLC0415
    from models import open_database  # noqa: PLC0415

    db = folder / "town.sqlite3"
    create_demo_file(db, seed=2022, villages=2)
    open_database(db)
    template = write_template(Organisation.get(Organisation.code == "GZ01"), folder / "模板.xlsx")
    close_database()
    return db, template


def make_junk(template: Path, out: Path) -> None:
    import openpyxl  # noqa: PLC0415 (after sys.path is set)

    source = openpyxl.load_workbook(template)
    book = openpyxl.Workbook(write_only=True)
    rng = random.Random(2022)
    for ws in source.worksheets:
        sheet = book.create_sheet(ws.title)
        for row in ws.iter_rows(values_only=True):
            sheet.append(row)
        if ws.title == "办实事":
            for _ in range(850_000):
                sheet.append(
                    [
                        f"人{rng.randrange(10**6)}",
                        "不是日期",
                        "".join(rng.choices(string.ascii_letters, k=20)),
                        "".join(rng.choices(string.ascii_letters, k=30)),
                    ]
                )
    book.save(out)


def timed(db: Path, workbook: Path) -> tuple[float, float, int]:
    """Seconds, peak memory (MB) and exit status of ``import-package --dry-run``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "app", "import-package", "--db", str(db), "--dry-run", str(workbook)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024, run.returncode


def main() -> int:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db, template = make_town(folder)
        junk = folder / "垃圾.xlsx"
        make_junk(template, junk)
        size = junk.stat().st_size / 1024 / 1024
        base_seconds, _base_peak, _status = timed(db, template)
        seconds, peak, status = timed(db, junk)
    report("import-package, a blank template (baseline)", base_seconds, "s")
    report(f"import-package, {size:.0f} MB of junk", seconds, "s", base_seconds, "< 10 s")
    report("  peak memory of that run", peak, "MB", None, "< 500 MB")
    print(f"  exit status {status} (1: refused)")
    return 0 if seconds < 10 and peak < 500 and status == 1 and size >= 45 else 1


if __name__ == "__main__":
    sys.exit(main())
