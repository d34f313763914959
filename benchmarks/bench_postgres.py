"""The same work on the office's PostgreSQL server as on a SQLite file, and three clients at once.

    .venv/bin/python benchmarks/bench_postgres.py --server postgresql://postgres@localhost/postgres [--seconds 60]

``--server`` (or ``WUZHUA_BENCH_POSTGRES``) names a maintenance database on a server where this
user may create databases; the benchmark makes its own and drops them. Without a server it
says so and exits 0 (nothing to measure). Prints, for SQLite and PostgreSQL: all rules for a
town-year, importing a package of 10,000 records, printing the notice and 30 scorecards;
then three clients (two editing the same village's records, one importing) for ``--seconds``:
saves, conflicts told, errors, and whether every save that was reported done is in the
database. Goal: each PostgreSQL figure at most 2 × its SQLite one, no error, nothing lost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg
from bench_exchange import build

from app.campaign_time import as_of_day
from app.demo import create_demo
from app.exchange import apply_plan
from app.exchange import export_package
from app.exchange import plan_import
from app.inspection.ranking import inspected_quarters
from app.printing.notice import build_notice
from app.printing.notice import prepare_notice
from app.printing.page import write_pdf
from app.printing.scorecards import build_scorecards
from app.records import RecordChanged
from app.records import save_record
from app.records import set_operator
from app.rules import evaluate
from app.storage.engine_copy import copy_database
from models import Campaign
from models import Member
from models import Organisation
from models import close_database
from models import open_database
from models.server import server_url


def best(action, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


class Server:
    def __init__(self, maintenance: str):
        self.url = server_url(maintenance)
        self.conn = psycopg.connect(dbname=self.url.dbname, autocommit=True, **self.url.connect_params())
        self.made: list[str] = []

    def create(self, name: str, template: str | None = None) -> str:
        self.conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.made.append(name)
        return self.url.rsplit("/", 1)[0] + "/" + name

    def close(self) -> None:
        for name in self.made:
            self.conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.conn.close()


def rules_and_printing(location: str | Path, out: Path) -> tuple[float, float]:

    open_database(location)
    as_of = as_of_day(Campaign.current())
    rules = best(lambda: evaluate(as_of))
    quarter = inspected_quarters()[-1]
    notice = prepare_notice(quarter, dt.date(2022, 10, 9))

    def print_both():
        write_pdf(build_notice(notice), out / "notice.pdf")
        write_pdf(build_scorecards(quarter), out / "cards.pdf")

    printing = best(print_both)
    close_database()
    return rules, printing


def import_time(receiver: str | Path, package: Path) -> float:

    open_database(receiver)
    seconds = best(lambda: apply_plan(plan_import(package)), repeat=1)
    close_database()
    return seconds


def _editor(location: str, name: str, seconds: float, queue) -> None:
    """One clerk saving the same village's members over and over; a conflict is taken over, as told."""

    open_database(location)
    set_operator(name)
    village = Organisation.get(Organisation.code == "ZD01")
    ids = [m.id for m in Member.select(Member.id).where(Member.org == village).order_by(Member.id).limit(20)]
    saves = conflicts = errors = 0
    last: dict[int, str] = {}
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        member_id = ids[n % len(ids)]
        record = Member.get_by_id(member_id)
        value = f"{name}-{n}"
        time.sleep(0.01)  # the form is open a moment while the other clerk may save
        try:
            try:
                save_record(Member, {"note": value}, record)
            except RecordChanged as clash:
                conflicts += 1
                record.updated_at = clash.their_stamp  # the clerk chose: keep mine
                save_record(Member, {"note": value}, record)
            saves += 1
            last[member_id] = value
        except Exception as error:  # noqa: BLE001 (counted and reported)
            errors += 1
            print(f"{name}: {error!r}", file=sys.stderr)
        n += 1
    close_database()
    queue.put((name, saves, conflicts, errors, last))


def _importer(location: str, package: str, seconds: float, queue) -> None:

    open_database(location)
    imports = errors = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            apply_plan(plan_import(Path(package)))
            imports += 1
        except Exception as error:  # noqa: BLE001 (counted and reported)
            errors += 1
            print(f"import: {error!r}", file=sys.stderr)
    close_database()
    queue.put(("import", imports, 0, errors, {}))


def concurrency(location: str, package: Path, seconds: float) -> dict:
    """Three clients at once; whether the last value each clerk saved is what one of them left."""

    queue = multiprocessing.Queue()
    clients = [
        multiprocessing.Process(target=_editor, args=(location, "李娟", seconds, queue)),
        multiprocessing.Process(target=_editor, args=(location, "王磊", seconds, queue)),
        multiprocessing.Process(target=_importer, args=(location, str(package), seconds, queue)),
    ]
    for client in clients:
        client.start()
    results = [queue.get(timeout=seconds + 300) for _ in clients]
    for client in clients:
        client.join()
    open_database(location)
    stored = {m.id: m.note for m in Member.select(Member.id, Member.note)}
    close_database()
    # nothing lost: every member either clerk saved holds the last value one of them saved
    finals: dict[int, set[str]] = {}
    for _name, _s, _c, _e, last in results:
        for member_id, value in last.items():
            finals.setdefault(member_id, set()).add(value)
    lost = sum(1 for member_id, values in finals.items() if stored.get(member_id) not in values)
    return {
        "saves": sum(r[1] for r in results if r[0] != "import"),
        "conflicts": sum(r[2] for r in results),
        "imports": sum(r[1] for r in results if r[0] == "import"),
        "errors": sum(r[3] for r in results),
        "lost": lost,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=os.environ.get("WUZHUA_BENCH_POSTGRES", ""))
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()
    if not args.server:
        print("no server given (--server or WUZHUA_BENCH_POSTGRES): nothing measured")
        return 0

    folder = Path(tempfile.mkdtemp(prefix="bench-postgres-"))
    server = Server(args.server)
    failed = False
    try:
        demo = folder / "demo.sqlite3"
        open_database(demo)
        create_demo(seed=2022, villages=30)
        close_database()
        demo_pg = server.create("bench_demo")
        copy_database(demo, demo_pg)
        rules_sqlite, print_sqlite = rules_and_printing(demo, folder)
        rules_pg, print_pg = rules_and_printing(demo_pg, folder)

        town, receiver = build(folder, args.records)
        package = folder / "package.xlsx"
        open_database(town)
        export_package(Organisation.get(code="ZD01"), package)
        close_database()
        receiver_copy = folder / "receiver-copy.sqlite3"
        shutil.copyfile(receiver, receiver_copy)
        receiver_pg = server.create("bench_receiver")
        copy_database(receiver, receiver_pg)
        import_sqlite = import_time(receiver_copy, package)
        import_pg = import_time(receiver_pg, package)

        busy_pg = server.create("bench_busy")
        copy_database(receiver, busy_pg)
        busy = concurrency(busy_pg, package, args.seconds)

        print(f"{'':<34}{'SQLite':>10}{'PostgreSQL':>12}{'ratio':>8}  (goal ≤ 2)")
        for label, a, b in (
            ("all rules, town-year (30 villages)", rules_sqlite, rules_pg),
            (f"import {args.records} records", import_sqlite, import_pg),
            ("notice + 30 scorecards", print_sqlite, print_pg),
        ):
            print(f"{label:<34}{a:>9.2f}s{b:>11.2f}s{b / a:>8.2f}")
            failed |= b > 2 * a
        print(
            f"three clients for {args.seconds:.0f} s on PostgreSQL: {busy['saves']} saves, "
            f"{busy['conflicts']} conflicts told and settled, {busy['imports']} imports, "
            f"{busy['errors']} errors, {busy['lost']} saves lost"
        )
        failed |= busy["errors"] > 0 or busy["lost"] > 0
    finally:
        close_database()
        server.close()
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
