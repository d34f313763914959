"""``python -m app submissions --month 2022-06 | --quarter 2022Q2``: who has reported, what arrived, who is missing."""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from app.campaign_time import QuarterRefused
from app.campaign_time import quarter_label
from app.campaign_time import quarter_range
from app.cli import Refused
from app.commands._delivery_args import answer
from app.commands._delivery_args import open_db
from app.commands._delivery_args import parse_month
from app.commands._delivery_args import refuse_unless_pdf
from app.exchange.submissions import VillageReport
from app.exchange.submissions import not_reported
from app.exchange.submissions import submissions
from app.setup.identity import installation

NAME = "submissions"
HELP = "报送情况：各村（社区）某月或某季度送来的文件（交换包序号、日期、新增/修改/拒绝条数）、缺号和未报送的村（催报）"
ORDER = 42


def add_arguments(parser: argparse.ArgumentParser) -> None:
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--month", help="月份，如 2022-06")
    when.add_argument("--quarter", help="季度，如 2022Q2")
    parser.add_argument("--out", type=Path, default=None, help="打印报送情况和催报名单到 PDF 文件")


def period(args: argparse.Namespace) -> tuple[dt.date, dt.date, str]:
    """(first day, last day, label) of the month or quarter asked for."""
    if args.month:
        first = parse_month(args.month)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return first, last, f"{first.year}年{first.month}月"
    try:
        first, last = quarter_range(args.quarter)
    except QuarterRefused as error:
        raise Refused(str(error)) from None
    return first, last, quarter_label(args.quarter.upper())


def run(args: argparse.Namespace) -> int:
    from app.printing.delivery import print_submissions  # noqa: PLC0415 (start-up: ReportLab only when printing)

    open_db(args)
    if not installation().is_town:
        raise Refused("报送情况是镇党委查看各村报送的：这是村（社区）的电脑，本村导出的交换包见“数据交换”。")
    first, last, label = period(args)
    reports = submissions(first, last)
    missing = not_reported(reports)
    if args.out is not None:
        refuse_unless_pdf(args.out, "报送情况")
        print_submissions(args.out, label, reports)
    fields = {
        "period": label,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "villages": [r.as_dict() for r in reports],
        "not_reported": [r.name for r in missing],
    }
    return answer(args, fields, _lines(label, reports, missing))


def _lines(label: str, reports: list[VillageReport], missing: list[VillageReport]) -> Iterator[str]:
    """What arrived as the command line shows it: each file, the gaps, who to chase up."""
    yield f"{label}报送情况：应报 {len(reports)} 个村（社区），已报 {len(reports) - len(missing)} 个。"
    for r in reports:
        for f in r.files:
            extra = f"，{f.again}" if f.again else ""
            yield (
                f"  {r.name}：{f.time:%Y-%m-%d} {f.what}（{f.outcome}{extra}）"
                f"新增 {f.new}、修改 {f.changed}、拒绝 {f.refused}"
            )
    for r in reports:
        if r.gaps:
            yield f"  {r.name}：{r.gaps}"
    if missing:
        yield "未报送（催报）：" + "、".join(r.name for r in missing)
