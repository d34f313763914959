"""Shared by the benchmark scripts: timing a fresh process, the machine, printing figures."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Headless on this machine; the figures then measure the program, not the X server.
ENV = {
    **os.environ,
    "QT_QPA_PLATFORM": "offscreen",
    "WUZHUA_NO_BACKUP_ON_CLOSE": "1",
    "PYTHONPATH": str(ROOT),
}
# The installed program (the bundle) runs precompiled bytecode; a shell that forbids .pyc
# files would have every start compile the program's 100-odd modules again (~0.13 s here).
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def timed_child(code: str, *args: str, env: dict | None = None) -> tuple[float, dict]:
    """Run ``code`` in a fresh Python; seconds from launch until it prints its first line.

    The child prints one line when the moment to time has come, then any number of JSON
    lines of its own figures, which are merged and returned.
    """
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            cwd=ROOT,
            env={**ENV, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        first = proc.stdout.readline()
        seconds = time.perf_counter() - start
        # read the rest through the same buffered file: readline() may have read ahead
        rest = proc.stdout.read()
        proc.wait(timeout=600)
        err.seek(0)
        errors = err.read()
    if proc.returncode != 0 or not first.strip():
        raise RuntimeError(f"child failed ({proc.returncode}):\n{first}{rest}\n{errors[-3000:]}")
    figures: dict = {}
    for line in rest.splitlines():
        if line.startswith("{"):
            figures.update(json.loads(line))
    return seconds, figures


def median_of(runs: int, measure) -> tuple[float, dict]:
    """The median time of ``runs`` measurements (and the figures of the median run)."""
    results = sorted((measure() for _ in range(runs)), key=lambda r: r[0])
    times = [r[0] for r in results]
    return statistics.median(times), results[len(results) // 2][1]


def machine() -> str:
    """One line saying where the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1048576:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def report(name: str, value: float, unit: str, baseline: float | None = None, goal: str = "") -> str:
    """One figure as a line: value, ratio to its baseline, and the goal."""
    line = f"  {name:<34} {value:>9.3f} {unit}"
    if baseline:
        line += f"   ratio {value / baseline:5.2f}×"
    if goal:
        line += f"   (goal {goal})"
    print(line, flush=True)
    return line
