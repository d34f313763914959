"""Arguments shared by the 抓落实 subcommands (ledger, dispatch, wallchart, submissions)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterable
from collections.abc import Mapping
from pathlib import Path

from app.campaign_time import as_of_day
from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from app.commands._org_arg import org_and_groups
from models import open_database


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        default=None,
        help="按哪一天判断逾期，如 2022-09-05（默认今天，但不晚于行动的最后一天，与总览和 check 相同）",
    )
    parser.add_argument(
        "--org", default=None, help="只含一个村（社区）：组织代码、名称或简称，如 ZD01（默认全镇）"
    )


def open_db(args: argparse.Namespace) -> None:
    path = db_path(args)
    if not path.exists():
        raise Refused(f"数据库文件不存在：{path}")
    open_database(path)


def refuse_unless_pdf(out: Path, what: str) -> None:
    """Refused unless ``out`` (the --out file) is a .pdf: ``what`` is only printed, to PDF."""
    if out.suffix.lower() != ".pdf":
        raise Refused(f"{what}只能打印为 PDF：“{out.name}”不是 .pdf 文件。")


def answer(args: argparse.Namespace, fields: Mapping[str, object], lines: Iterable[str]) -> int:
    """The reply of a command that can also print to --out: with --json one object (ok, then
    ``fields``, then out), else ``lines`` and, when a PDF was written, where."""
    if args.json:
        print_json({"ok": True, **fields, "out": str(args.out) if args.out else None})
        return 0
    for line in lines:
        print(line)
    if args.out:
        print(f"已写入：{args.out}")
    return 0


def parse_day(text: str | None, what: str = "--today", *, campaign_day: bool = False) -> dt.date:
    """A date written 2022-09-05; when not given today, or with ``campaign_day`` today but no
    later than the campaign's last day (the day the window, ``check`` and the notices judge by)."""
    if not text:
        return as_of_day() if campaign_day else dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Refused(f"{what} 的日期“{text}”无法识别，请写成 2022-09-05 的形式。") from None


def parse_month(text: str) -> dt.date:
    """A month written 2022-06 (or any day of it, 2022-06-15)."""
    try:
        if len(text) <= 7:
            year, month = text.split("-")
            return dt.date(int(year), int(month), 1)
        return dt.date.fromisoformat(text).replace(day=1)
    except ValueError:
        raise Refused(f"--month 的月份“{text}”无法识别，请写成 2022-06 的形式。") from None


def org_ids(args: argparse.Namespace) -> list[int] | None:
    """The chosen village and its 党小组, or None for the whole town."""
    if not args.org:
        return None
    return org_and_groups(args.org)
