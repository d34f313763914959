"""Writing the demo town: the default town (14 villages, 40–80 members) and the large
town (30 villages × 150 members), each into a fresh database, in this process.

Goals: the default town in under 5 s, the large town in under 20 s. Baseline in the same
run: a tiny town (2 villages × 10 members), which is mostly fixed costs.

    .venv/bin/python benchmarks/bench_demo.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import ROOT
from _measure import report

sys.path.insert(0, str(ROOT))

SIZES = (
    ("tiny town (baseline)", 2, 10, None),
    ("default town", 14, (40, 80), 5.0),
    ("large town", 30, 150, 20.0),
)


def build(villages: int, members) -> tuple[float, int]:
    """Seconds to write one town into a fresh database, and the records written."""
    from app.demo import create_demo  # noqa: PLC0415
    from models import close_database  # noqa: PLC0415
    from models import open_database  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "bench.sqlite3")
        start = time.perf_counter()
        counts = create_demo(seed=2022, villages=villages, members_per_village=members)
        seconds = time.perf_counter() - start
        close_database()
    return seconds, sum(counts.values())


def main() -> int:
    met = True
    baseline = None
    for name, villages, members, goal in SIZES:
        seconds, records = build(villages, members)
        baseline = baseline or seconds
        report(f"{name}: {records} records", seconds, "s", baseline, f"< {goal:g} s" if goal else "")
        met &= goal is None or seconds < goal
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
