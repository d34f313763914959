"""``python -m app dispatch --month 2022-06``: the month's dispatch table, missing reports, PDF sheet."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from app.commands._delivery_args import add_common
from app.commands._delivery_args import answer
from app.commands._delivery_args import open_db
from app.commands._delivery_args import org_ids
from app.commands._delivery_args import parse_month
from app.commands._delivery_args import refuse_unless_pdf
from app.delivery.dispatch import DispatchTable
from app.delivery.dispatch import month_table

NAME = "dispatch"
HELP = "月调度：某月各村重点任务进度汇总、未报送和停滞的任务；可打印调度表（--out FILE.pdf）"
ORDER = 41


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--month", required=True, help="调度月份，如 2022-06")
    parser.add_argument("--out", type=Path, default=None, help="打印调度表到 PDF 文件")
    add_common(parser)


def run(args: argparse.Namespace) -> int:
    from app.printing.delivery import print_dispatch  # noqa: PLC0415 (start-up: ReportLab only when printing)

    open_db(args)
    month = parse_month(args.month)
    ids = org_ids(args)
    table = month_table(month, ids)
    if args.out is not None:
        refuse_unless_pdf(args.out, "调度表")
        print_dispatch(args.out, month, ids)
    fields = {
        "month": f"{month.year}-{month.month:02d}",
        "tasks": len(table.rows),
        "reported_share": table.reported_share(),
        "missing": table.missing_by_village(),
        "standing_still": [
            {"village": r.village, "task": r.title, "percent": r.percent} for r in table.standing_still
        ],
        "rows": [
            {
                "village": r.village,
                "task": r.title,
                "percent": r.percent,
                "previous": r.previous,
                "status": r.status,
            }
            for r in table.rows
        ],
    }
    return answer(args, fields, _lines(month, table))


def _lines(month: dt.date, table: DispatchTable) -> Iterator[str]:
    """The month's table as the command line shows it: the share reported, who is missing, what stands still."""
    yield f"{month.year}年{month.month}月调度：应报 {len(table.rows)} 项，已报 {table.reported_share():g}%。"
    for village, count in table.missing_by_village().items():
        yield f"  未报送：{village}（{count}项）"
    for r in table.standing_still:
        yield f"  停滞：{r.village}　{r.title}（{r.previous}% → {r.percent}%）"
