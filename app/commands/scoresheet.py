"""``export-scoresheet --quarter 2022Q2 --out F.xlsx``: the inspection team's score workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.campaign_time import QuarterRefused
from app.campaign_time import parse_quarter
from app.cli import Refused
from app.cli import db_path
from app.cli import print_json

NAME = "export-scoresheet"
HELP = "导出季度督查评分工作簿（每村每项一行；自动计分已填并锁定，其余由督查组填写）"
ORDER = 41
WRITES = True  # the computed items of a new inspection are filled in first


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quarter", required=True, help="季度，如 2022Q2")
    parser.add_argument("--out", required=True, type=Path, help="输出的 Excel 文件（.xlsx）")


def run(args: argparse.Namespace) -> int:
    from app.inspection.scoresheet import ScoresheetRefused  # noqa: PLC0415 (openpyxl only for the commands that write workbooks)
    from app.inspection.scoresheet import export_scoresheet  # noqa: PLC0415 (openpyxl only for the commands that write workbooks)
    from models import open_database  # noqa: PLC0415 (as above)

    try:
        parse_quarter(args.quarter)
    except QuarterRefused as error:
        raise Refused(str(error)) from None
    open_database(db_path(args))
    try:
        rows = export_scoresheet(args.quarter.upper(), args.out)
    except ScoresheetRefused as error:
        raise Refused(str(error)) from None
    if args.json:
        print_json({"ok": True, "out": str(args.out), "rows": rows})
    else:
        print(f"已输出 {args.out}，共 {rows} 行。")
    return 0
