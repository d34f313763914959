"""``python -m app wallchart --out FILE.pdf``: the 挂图作战 chart on landscape A3 or A4."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import print_json
from app.commands._delivery_args import add_common
from app.commands._delivery_args import open_db
from app.commands._delivery_args import org_ids
from app.commands._delivery_args import parse_day
from app.commands._delivery_args import refuse_unless_pdf
from app.delivery.wall_chart import build_chart

NAME = "wallchart"
HELP = "挂图作战：把重点任务和节点画成横道图，打印到 A3/A4 横向 PDF"
ORDER = 42


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="输出 PDF 文件")
    parser.add_argument("--paper", choices=("A3", "A4"), default="A3", help="纸张（横向），默认 A3")
    parser.add_argument(
        "--group",
        choices=("track", "village"),
        default="track",
        help="分组：track 按行动，village 按村（社区）",
    )
    add_common(parser)


def run(args: argparse.Namespace) -> int:
    from app.printing.delivery import print_wall_chart  # noqa: PLC0415 (start-up: ReportLab only when printing)

    refuse_unless_pdf(args.out, "挂图")
    open_db(args)
    today = parse_day(args.today, campaign_day=True)
    ids = org_ids(args)
    pages = print_wall_chart(args.out, today, args.group, args.paper, ids)
    chart = build_chart(today, args.group, ids)
    if args.json:
        print_json(
            {
                "ok": True,
                "pages": pages,
                "tasks": chart.row_count,
                "overdue": chart.overdue_count(),
                "out": str(args.out),
            }
        )
    else:
        print(
            f"已写入：{args.out}（{pages} 页，{chart.row_count} 项任务，逾期事项 {chart.overdue_count()} 个）"
        )
    return 0
