"""``python -m app demo``: write the deterministic demo town into an empty database."""

from __future__ import annotations

import argparse
import time

from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from models import Organisation
from models import close_database
from models import open_database
from models import record_type
from models.migrations import DatabaseTooNew
from models.schema import label_of

NAME = "demo"
HELP = "生成演示数据：一个镇、约14个村（社区）、党员和2022年五项行动的全年台账、两次季度督查"
ORDER = 10
WRITES = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--villages", type=int, default=14, help="村（社区）个数（默认 14）")
    parser.add_argument(
        "--members-per-village",
        type=int,
        default=None,
        metavar="M",
        help="每个村（社区）的党员人数（默认 40–80 人不等）",
    )
    parser.add_argument("--seed", type=int, default=2022, help="随机种子：相同种子生成相同数据（默认 2022）")


def run(args: argparse.Namespace) -> int:
    from app.demo import DemoRefused  # noqa: PLC0415 (start-up: the demo generator loads every record builder)
    from app.demo import create_demo  # noqa: PLC0415 (start-up: the demo generator loads every record builder)
    from app.demo import create_demo_file  # noqa: PLC0415 (start-up: the demo generator loads every record builder)

    path = db_path(args)
    members = (40, 80) if args.members_per_village is None else (args.members_per_village,) * 2
    if args.villages < 1 or args.villages > 99:
        raise Refused(f"村（社区）个数应在 1 到 99 之间，收到 {args.villages}。")
    if members[0] < 8 or members[0] > 2000:
        raise Refused(f"每村党员人数应在 8 到 2000 之间，收到 {members[0]}。")
    options = {"seed": args.seed, "villages": args.villages, "members_per_village": members}
    started = time.perf_counter()
    if not path.exists():
        # a new file appears only when complete: an interrupted run leaves nothing
        counts = create_demo_file(path, **options)
    else:
        try:
            open_database(path)
        except DatabaseTooNew as error:
            raise Refused(str(error)) from error
        try:
            if Organisation.select().exists():
                raise Refused(f"数据库 {path} 中已有党组织，演示数据只能写入空数据库。请换一个新的文件名。")
            try:
                counts = create_demo(**options)
            except DemoRefused as error:
                raise Refused(str(error)) from error
        finally:
            close_database()
    seconds = time.perf_counter() - started
    if args.json:
        print_json(
            {"ok": True, "db": str(path), "seed": args.seed, "seconds": round(seconds, 2), "counts": counts}
        )
        return 0
    print(f"已在 {path} 生成演示数据（种子 {args.seed}，用时 {seconds:.1f} 秒）：")
    for table, count in counts.items():
        print(f"  {label_of(record_type(table))}：{count} 条")
    return 0
