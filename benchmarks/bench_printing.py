"""Printing speed: the ranking notice plus every scorecard of a 30-village town.

Builds a demo town with 30 villages (deterministic seed) in a temporary folder, then times
(median of 5 runs, fonts already loaded, as in the window after the first print):
laying out and writing the notice PDF, all 30 scorecard pages, the two together, and the
summary report. The first print of a session also loads the fonts; that is shown apart.
Goal: notice + all scorecards well under 1 s.

    .venv/bin/python benchmarks/bench_printing.py [--villages 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(function, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=30)
    args = parser.parse_args()

    from app.demo import create_demo  # noqa: PLC0415
    from app.inspection.ranking import inspected_quarters  # noqa: PLC0415
    from app.printing import fonts  # noqa: PLC0415
    from app.printing.notice import build_notice  # noqa: PLC0415
    from app.printing.notice import prepare_notice  # noqa: PLC0415
    from app.printing.page import write_pdf  # noqa: PLC0415
    from app.printing.scorecards import build_scorecards  # noqa: PLC0415
    from app.printing.summary import build_summary  # noqa: PLC0415
    from models import open_database  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        open_database(out / "town.sqlite3")
        create_demo(seed=2022, villages=args.villages)
        quarter = inspected_quarters()[-1]
        notice = prepare_notice(quarter, dt.date(2022, 10, 9))

        start = time.perf_counter()
        chosen = fonts.resolve_fonts()
        font_load = time.perf_counter() - start

        def print_notice():
            write_pdf(build_notice(notice), out / "notice.pdf")

        def print_cards():
            write_pdf(build_scorecards(quarter), out / "cards.pdf")

        def print_both():
            print_notice()
            print_cards()

        figures = {
            "字体载入（首次打印一次）": font_load,
            "通报": timed(print_notice),
            f"评分表（{args.villages} 页）": timed(print_cards),
            "通报＋全部评分表": timed(print_both),
            "总结报告": timed(lambda: write_pdf(build_summary(), out / "summary.pdf"), runs=3),
        }
    print(f"打印速度（{args.villages} 个村，{quarter}，中位数）")
    print("字体：" + "；".join(c.label for c in chosen.values()))
    for name, seconds in figures.items():
        print(f"  {name}: {seconds * 1000:.0f} ms")
    goal = figures["通报＋全部评分表"]
    print(f"目标：通报＋全部评分表 < 1000 ms —— {'达到' if goal < 1.0 else '未达到'}（{goal * 1000:.0f} ms）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
