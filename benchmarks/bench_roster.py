"""Importing a town's 花名册 (run: python benchmarks/bench_roster.py [--members 812]).

Goal (issue 13): a town of 14 villages and about 800 members is read, checked and written
in a few seconds; importing the same roster again (every member matched by ID number,
nothing to change) as well. Prints the seconds of each step, measured in this run.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from app.exchange.idcard import check_digit
from app.roster import apply_roster
from app.roster import plan_roster
from models import Member
from models import Organisation
from models import close_database
from models import create_default_campaign
from models import open_database

HEADERS = ("序号", "姓名", "性别", "民族", "出生年月", "公民身份号码", "文化程度", "入党时间", "党员类别", "所属支部", "现任职务", "联系电话")  # fmt: skip
EDUCATION = ("大学本科", "大专", "中专", "高中", "初中", "小学")


def _town(villages: int) -> list[str]:
    create_default_campaign()
    town = Organisation.create(code="LW", name="中共柳湾镇委员会", kind="镇党委")
    names = []
    for n in range(1, villages + 1):
        name = f"第{n}村党支部"
        Organisation.create(code=f"LW{n:02d}", name=name, short_name=f"第{n}村", kind="村党支部", parent=town)
        names.append(name)
    return names


def _roster(path: Path, branches: list[str], members: int) -> None:
    rng = random.Random(13)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["柳湾镇党员花名册"])
    sheet.append(list(HEADERS))
    for n in range(members):
        year, month, day = rng.randint(1940, 2000), rng.randint(1, 12), rng.randint(1, 28)
        first = f"620102{year}{month:02d}{day:02d}{n % 1000:03d}"
        sheet.append(
            [n + 1, f"党员{n:04d}", "", "汉族", f"{year}.{month:02d}", first + check_digit(first),
             rng.choice(EDUCATION), f"{year + 25}.07", "正式党员", rng.choice(branches), "", f"139{n:08d}"]
        )  # fmt: skip
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=812)
    parser.add_argument("--villages", type=int, default=14)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "town.sqlite3")
        book = Path(folder) / "花名册.xlsx"
        _roster(book, _town(args.villages), args.members)
        for step in ("首次导入", "再次导入（无变化）"):
            start = time.perf_counter()
            plan = plan_roster(book)
            checked = time.perf_counter()
            apply_roster(plan)
            done = time.perf_counter()
            print(
                f"{step}：{args.members} 名党员，检查 {checked - start:.2f} 秒，写入 {done - checked:.2f} 秒，"
                f"共 {done - start:.2f} 秒（{plan.totals()}）"
            )
        assert Member.select().count() == args.members
        close_database()


if __name__ == "__main__":
    main()
