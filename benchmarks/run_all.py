"""Every benchmark of the program, one after another: the figures the README records.

    .venv/bin/python benchmarks/run_all.py

Runs each ``benchmarks/bench_*.py`` in its own process, prints its figures (each with its
ratio to the baseline measured in the same run) and a summary of which goals are met.
The exit status is 0 only when every benchmark met its goals.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import ENV
from _measure import ROOT
from _measure import machine

HERE = Path(__file__).resolve().parent


def benchmarks() -> list[Path]:
    return sorted(HERE.glob("bench_*.py"))


def main() -> int:
    print(f"五抓五提升工作台 benchmarks, {dt.datetime.now():%Y-%m-%d %H:%M}")
    print(f"machine: {machine()}")
    outcome: list[tuple[str, int, float]] = []
    for script in benchmarks():
        print(f"\n== {script.stem} ==", flush=True)
        start = time.perf_counter()
        status = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=ENV).returncode
        outcome.append((script.stem, status, time.perf_counter() - start))
    print("\n== summary ==")
    for name, status, seconds in outcome:
        print(f"  {name:<24} {'goals met' if status == 0 else 'GOALS NOT MET'}   ({seconds:.0f} s)")
    return 0 if all(status == 0 for _n, status, _s in outcome) else 1


if __name__ == "__main__":
    sys.exit(main())
