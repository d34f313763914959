"""Start-up: program start to main window shown on the demo database, and peak memory.

The program's time is also split into its phases (imports; Qt set-up, lock, integrity
check and opening the database; building the window; first paint) as measured inside it.
Baseline, measured in the same run: a bare PySide6 window with the same eight tabs (each a
label), started the same way. Both are fresh processes, so Python and Qt start-up count
for both. Goals: at most 2× the baseline; peak memory at most 200 MB.

    .venv/bin/python benchmarks/bench_startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import ENV, ROOT, median_of, report, timed_child  # noqa: E402

PROGRAM = """
import time
t0 = time.perf_counter()
import json, resource, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from app.lock import acquire
from models import open_database
from ui.context import AppContext
from ui.main import check_before_opening, make_application
from ui.main_window import MainWindow
t1 = time.perf_counter()

db = Path(sys.argv[1])
app = make_application([])
lock = acquire(db)
assert check_before_opening(db)
open_database(db)
t2 = time.perf_counter()
window = MainWindow(AppContext(db))
t3 = time.perf_counter()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
t4 = time.perf_counter()
print("shown", flush=True)
phases = {"imports": t1 - t0, "database": t2 - t1, "window": t3 - t2, "first paint": t4 - t3}
shown_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
for i in range(window.tabs.count()):  # every tab once, as a clerk looking around would
    window.tabs.setCurrentIndex(i)
    app.processEvents()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"shown_mb": shown_mb, "peak_mb": peak, "phases": phases}))
lock.release()
"""

BARE = """
import json, resource
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

app = QApplication([])
window = QMainWindow()
tabs = QTabWidget()
for name in ("总览", "抓学习", "抓制度", "抓作风", "抓品牌", "抓落实", "日历", "基础信息"):
    tabs.addTab(QLabel(name), name)
window.setCentralWidget(tabs)
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
print("shown", flush=True)
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def demo_database(folder: Path) -> tuple[Path, str]:
    """The demo town (through ``python -m app demo``), or an empty database if demo is missing."""
    path = folder / "demo.sqlite3"
    made = subprocess.run(
        [sys.executable, "-m", "app", "demo", "--db", str(path)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    if made.returncode == 0:
        return path, "demo town"
    path.unlink(missing_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from models import open_database; open_database(sys.argv[1])",
            str(path),
        ],
        cwd=ROOT,
        env=ENV,
        check=True,
    )
    return path, "EMPTY database (python -m app demo failed or is missing)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, what = demo_database(Path(tmp))
        print(f"start-up on the {what} ({db.stat().st_size // 1024} KB), median of {args.runs} runs")
        timed_child(BARE)  # warm the disk cache for both alike
        bare, bare_fig = median_of(args.runs, lambda: timed_child(BARE))
        program, fig = median_of(args.runs, lambda: timed_child(PROGRAM, str(db)))
    report("bare PySide6 window, 8 tabs", bare, "s")
    report("program start to main window", program, "s", bare, "≤ 2×")
    for phase, seconds in fig["phases"].items():
        print(f"    of which {phase:<24} {seconds:9.3f} s")
    report("memory, bare window", bare_fig["peak_mb"], "MB")
    report("memory at main window shown", fig["shown_mb"], "MB", bare_fig["peak_mb"])
    report("peak memory, every tab visited", fig["peak_mb"], "MB", bare_fig["peak_mb"], "≤ 200 MB")
    ok = program <= 2 * bare and fig["peak_mb"] <= 200
    print(f"  start-up goals {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
