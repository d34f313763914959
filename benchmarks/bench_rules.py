"""How long the campaign's rule checks, member points and calendar take on a large town-year.

    .venv/bin/python benchmarks/bench_rules.py [--villages 30] [--members 35]

Builds a town with ``app.demo.create_demo`` (villages × members, a year of records) in a
temporary file and prints the timings. Goal: all rules for the whole town well under a second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.calendar_events import events_between
from app.campaign_time import as_of_day
from app.points import member_totals
from app.rules import evaluate
from app.rules import upcoming
from models import EXCHANGE_TYPES
from models import Campaign
from models import Member
from models import open_database


def timed(label: str, function, repeat: int = 3):
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label:<36}{best * 1000:8.0f} ms")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--villages", type=int, default=30)
    parser.add_argument("--members", type=int, default=35)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    from app.demo import create_demo  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "bench.sqlite3")
        start = time.perf_counter()
        create_demo(seed=args.seed, villages=args.villages, members_per_village=args.members)
        print(f"demo town built in {time.perf_counter() - start:.1f} s")
        records = sum(t.select().count() for t in EXCHANGE_TYPES)
        print(f"members: {Member.select().count()}, records: {records}")
        campaign = Campaign.current()
        as_of = as_of_day(campaign)
        mid = dt.date(campaign.year, 8, 15)
        findings = timed("all rules, whole town, campaign end", lambda: evaluate(as_of))
        print(f"  findings: {len(findings)}")
        timed("all rules, whole town, mid-campaign", lambda: evaluate(mid))
        timed("upcoming 30 days, mid-campaign", lambda: upcoming(mid))
        timed("member points, whole town", lambda: member_totals(as_of))
        timed("calendar events, one month", lambda: events_between(dt.date(2022, 6, 1), dt.date(2022, 6, 30)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
