"""``python -m app migrate-db --from A --to B``: a whole database moved between SQLite and PostgreSQL, verified."""

from __future__ import annotations

import argparse

from app.cli import Refused
from app.cli import _location
from app.cli import print_json
from app.storage.engine_copy import CopyRefused
from app.storage.engine_copy import copy_database

NAME = "migrate-db"
HELP = "把整个数据库复制到另一处（SQLite 文件 ↔ 数据库服务器 postgresql://…），逐表核对条数和内容；目标须为空"
ORDER = 92


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="source", type=_location, required=True, help="源数据库（文件或服务器地址）"
    )
    parser.add_argument("--to", dest="target", type=_location, required=True, help="目标数据库（须为空）")


def run(args: argparse.Namespace) -> int:
    try:
        tables = copy_database(args.source, args.target)
    except CopyRefused as error:
        raise Refused(str(error)) from error
    rows = sum(count for count, _ in tables.values())
    if args.json:
        print_json(
            {
                "ok": True,
                "rows": rows,
                "tables": {t: {"rows": c, "sha256": h} for t, (c, h) in tables.items()},
            }
        )
    else:
        print(
            f"已复制 {len(tables)} 张表共 {rows} 行到 {getattr(args.target, 'name', args.target)}，逐表核对一致。"
        )
    return 0
