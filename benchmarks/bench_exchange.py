"""Speed of the USB exchange against openpyxl alone (run: python benchmarks/bench_exchange.py).

Goals: importing a package of 10,000 records (check, preview and write) takes no longer than
openpyxl needs to read the same file in read-only mode (issue 12: ratio ≤ 1.0, and ≤ 0.5 with
the fast reader, python-calamine, that the import uses for sheets of plain values); exporting
it at most 1.3 × openpyxl's write-only writing of the same cells (issue 5). Prints both
figures and the ratios, measured in this run, and python-calamine's bare reading of the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from app.exchange import apply_plan
from app.exchange import export_package
from app.exchange import plan_import
from models import Deed
from models import Member
from models import Organisation
from models import Service
from models import Visit
from models import close_database
from models import create_default_campaign
from models import database
from models import now
from models import open_database
from models import settings
from models.db import new_uuid


def build(folder: Path, records: int) -> tuple[Path, Path]:
    """A town database holding one village's records, and a copy that lacks those records."""
    rng = random.Random(2022)
    town = folder / "town.sqlite3"
    open_database(town)
    create_default_campaign()
    zd = Organisation.create(code="ZD", name="中共某镇委员会", kind="镇党委")
    settings.put("local_org_code", "ZD")
    village = Organisation.create(code="ZD01", name="红星村党支部", kind="村党支部", parent=zd)
    members = [
        Member.create(
            org=village, name=f"党员{i:03d}", join_date=dt.date(1990, 1, 1) + dt.timedelta(days=i * 37)
        )
        for i in range(100)
    ]
    close_database()
    receiver = folder / "receiver.sqlite3"
    shutil.copyfile(town, receiver)
    open_database(town)
    stamp = now()
    rest = records - len(members)
    with database.atomic():
        for model, make in (
            (
                Deed,
                lambda m, d: {
                    "kind": "帮办代办",
                    "title": f"帮助群众办理事项{d}",
                    "result": "已办结，群众满意",
                },
            ),
            (
                Service,
                lambda m, d: {"kind": "志愿服务", "content": f"志愿服务第{d}次", "hours": 2.5, "score": 8},
            ),
            (
                Visit,
                lambda m, d: {"kind": "入户走访", "households": 3, "opinion": "反映道路需要硬化，已记录"},
            ),
        ):
            rows = []
            for n in range(rest // 3 + (1 if model is Deed else 0) * (rest % 3)):
                member = rng.choice(members)
                day = dt.date(2022, 4, 21) + dt.timedelta(days=rng.randrange(190))
                rows.append(
                    {
                        "uuid": new_uuid(),
                        "origin": "ZD01",
                        "created_at": stamp,
                        "updated_at": stamp,
                        "member": member.id,
                        "date": day,
                        **make(member, n),
                    }
                )
            for start in range(0, len(rows), 500):
                model.insert_many(rows[start : start + 500]).execute()
    close_database()
    return town, receiver


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def baseline_read(path: Path) -> list[tuple[str, list[tuple]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    sheets = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in book.worksheets]
    book.close()
    return sheets


def baseline_write(sheets, out: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(out)


def calamine_read(path: Path) -> int | None:
    """Cells python-calamine reads from ``path`` (None when it is not installed)."""
    try:
        import python_calamine  # noqa: PLC0415 (an old environment may lack it: then not measured)
    except ImportError:
        return None
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return sum(len(row) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-exchange-"))
    town, receiver = build(folder, args.records)
    package = folder / "package.xlsx"

    open_database(town)
    export_times = [
        timed(lambda: export_package(Organisation.get(code="ZD01"), package)) for _ in range(args.repeat)
    ]
    close_database()
    sheets = baseline_read(package)
    cells = sum(len(r) for _t, rows in sheets for r in rows)
    write_times = [
        timed(lambda: baseline_write(sheets, folder / "baseline.xlsx")) for _ in range(args.repeat)
    ]
    read_times = [timed(lambda: baseline_read(package)) for _ in range(args.repeat)]

    import_times = []
    for n in range(args.repeat):
        copy = folder / f"receiver{n}.sqlite3"
        shutil.copyfile(receiver, copy)
        open_database(copy)
        import_times.append(timed(lambda: apply_plan(plan_import(package))))
        written = Deed.select().count() + Service.select().count() + Visit.select().count()
        close_database()
    export_s, write_s = min(export_times), min(write_times)
    import_s, read_s = min(import_times), min(read_times)
    print(
        f"package: {args.records} records, {cells} cells, {package.stat().st_size // 1024} KB; imported {written} new records"
    )
    print(
        f"export : {export_s:.2f} s   openpyxl write-only: {write_s:.2f} s   ratio {export_s / write_s:.2f} (goal ≤ 1.30)"
    )
    print(
        f"import : {import_s:.2f} s   openpyxl read-only : {read_s:.2f} s   ratio {import_s / read_s:.2f} (goal ≤ 1.00, ★ ≤ 0.50)"
    )
    if calamine_read(package) is not None:
        calamine_s = min(timed(lambda: calamine_read(package)) for _ in range(args.repeat))
        print(f"reading: python-calamine {calamine_s:.2f} s = {calamine_s / read_s:.2f} × openpyxl read-only")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
