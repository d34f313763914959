"""Start-up: program start to main window shown on the demo database, and peak memory.

The program is started as a clerk starts it (``python -m app --db …``) and its time split
into phases as measured inside it: start (imports, Qt set-up, lock, integrity check,
opening the database), building the window, showing it until the first paint. Baseline,
measured in the same run: a bare PySide6 window with the same eight tabs (each a label),
started the same way. Both are fresh processes, so Python and Qt start-up count for both.
Goals: at most 2× the baseline; peak memory at most 200 MB.

    .venv/bin/python benchmarks/bench_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import ENV
from _measure import ROOT
from _measure import median_of
from _measure import report
from _measure import timed_child

# The program as a clerk starts it (``python -m app --db …``: app.cli.main), measured from
# the first line of the process. The child watches for ui.main_window to be loaded (an
# import hook, so that nothing is imported earlier than the program itself imports it) and
# wraps MainWindow: the time its building starts and ends, and, once the window is shown
# and the event loop has run (first paint), "shown" is printed, every tab visited once for
# the peak memory, and the program asked to quit as a clerk closing the window would.
PROGRAM = """
import time
t0 = time.perf_counter()
import sys
marks = {}

def instrument(module):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    cls = module.MainWindow
    plain_init, plain_show = cls.__init__, cls.show

    def __init__(self, *args, **kwargs):
        marks["window"] = time.perf_counter()
        plain_init(self, *args, **kwargs)
        marks["built"] = time.perf_counter()

    def show(self):
        plain_show(self)
        marks["show"] = time.perf_counter()
        QTimer.singleShot(0, lambda: after_first_paint(self))

    cls.__init__, cls.show = __init__, show

    def after_first_paint(window):
        import json, resource

        t4 = time.perf_counter()
        print("shown", flush=True)
        app = QApplication.instance()
        shown_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        for i in range(window.tabs.count()):  # every tab once, as a clerk looking around would
            window.tabs.setCurrentIndex(i)
            app.processEvents()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        phases = {
            "start (imports, checks)": marks["window"] - t0,
            "window": marks["built"] - marks["window"],
            "show and first paint": t4 - marks["built"],
        }
        print(json.dumps({"shown_mb": shown_mb, "peak_mb": peak, "phases": phases}), flush=True)
        window.close()


class WatchMainWindow:
    def find_spec(self, name, path=None, target=None):
        if name != "ui.main_window":
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        plain_exec = spec.loader.exec_module

        def exec_module(module):
            plain_exec(module)
            instrument(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, WatchMainWindow())
from app.cli import main

sys.exit(main(["--db", sys.argv[1]]))
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
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, what = demo_database(Path(tmp))
        print(f"start-up on the {what} ({db.stat().st_size // 1024} KB), median of {args.runs} runs")
        # the operator's name as if chosen at an earlier start (no question asked)
        operator = {"WUZHUA_OPERATOR": "基准测试"}
        timed_child(BARE)  # warm the disk cache for both alike
        timed_child(PROGRAM, str(db), env=operator)
        # Taken in turns, so that other work on the machine weighs on both alike.
        bare_runs, program_runs = [], []
        for _ in range(args.runs):
            bare_runs.append(timed_child(BARE))
            program_runs.append(timed_child(PROGRAM, str(db), env=operator))
        bare, bare_fig = median_of(args.runs, iter(bare_runs).__next__)
        program, fig = median_of(args.runs, iter(program_runs).__next__)
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
