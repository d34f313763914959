"""``python -m app rank --quarter 2022Q2``: the quarterly inspection ranking."""

from __future__ import annotations

import argparse

from app.campaign_time import QuarterRefused
from app.campaign_time import parse_quarter
from app.campaign_time import quarter_label
from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from app.inspection.ranking import AT_TOWN
from app.inspection.ranking import inspected_quarters
from app.inspection.ranking import previous_quarter
from app.inspection.ranking import propose_disposals
from app.inspection.ranking import quarter_progress
from app.inspection.ranking import rank_quarter
from app.inspection.ranking import ranking_notice
from app.inspection.ranking import received_ranking
from app.setup.identity import installation
from app.text import cn_date
from app.text import display_width
from app.text import pad
from models import open_database

NAME = "rank"
HELP = "季度督查排名：各村得分、名次、是否排名后3位、是否连续2次排名后3位"
ORDER = 40


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quarter", required=True, help="季度，如 2022Q2")
    parser.add_argument(
        "--propose-disposals",
        action="store_true",
        help="为连续2次排名后3位的党组织书记建立“待研究”的处置记录",
    )


def run(args: argparse.Namespace) -> int:
    path = db_path(args)
    if not path.exists():
        raise Refused(f"数据库文件不存在：{path}")
    try:
        parse_quarter(args.quarter)
    except QuarterRefused as error:
        raise Refused(str(error)) from None
    open_database(path)
    quarter = args.quarter.upper()
    local = installation()
    if not local.is_town:
        return _received(args, quarter)
    rows = rank_quarter(quarter)
    if not rows:
        known = "、".join(inspected_quarters()) or "无"
        raise Refused(f"{quarter_label(quarter)}没有季度督查记录（已有督查的季度：{known}）。")
    progress = quarter_progress(quarter)
    proposed = propose_disposals(quarter) if args.propose_disposals else []
    if args.json:
        print_json(
            {
                "ok": True,
                "quarter": quarter,
                "previous_quarter": previous_quarter(quarter),
                "progress": progress.as_dict(),
                "villages": [r.as_dict() for r in rows],
                "bottom": [r.name for r in rows if r.bottom],
                "twice_bottom": [r.name for r in rows if r.twice_bottom],
                "disposals_proposed": [d.org.label for d in proposed],
            }
        )
        return 0
    print(f"{quarter_label(quarter)}督查排名（{progress.text}）")
    if progress.warning:
        print(progress.warning)
    _table(rows)
    for d in proposed:
        print(f"已建立处置记录（待研究）：{d.org.label} 书记 {d.secretary}")
    return 0


def _received(args: argparse.Namespace, quarter: str) -> int:
    """A village's computer: the town's ranking as its notice brought it, never computed here."""
    if args.propose_disposals:
        raise Refused("书记处置由镇党委研究决定，村（社区）的电脑不能建立处置记录。")
    notice = ranking_notice(quarter)
    rows = received_ranking(quarter)
    if notice is None or not rows:
        got = "（收到的通报没有附排名表）" if notice is not None else ""
        raise Refused(
            f"{AT_TOWN}。本机还没有收到镇党委{quarter_label(quarter)}的排名通报{got}；"
            "镇党委签发后随交换包下发，在“数据交换”中导入即可查看。"
        )
    if args.json:
        print_json(
            {
                "ok": True,
                "quarter": quarter,
                "received": True,
                "doc_no": notice.doc_no,
                "date": notice.date.isoformat(),
                "villages": [r.as_dict() for r in rows],
                "bottom": [r.name for r in rows if r.bottom],
                "twice_bottom": [r.name for r in rows if r.twice_bottom],
            }
        )
        return 0
    print(
        f"镇党委下发的{quarter_label(quarter)}督查排名（{notice.doc_no}，{cn_date(notice.date)}，共 {len(rows)} 个党组织）"
    )
    _table(rows)
    return 0


def _table(rows) -> None:
    name_width = max([display_width("党组织"), *(display_width(r.name) for r in rows)]) + 2
    print(f"{pad('名次', 8)}{pad('党组织', name_width)}{pad('得分', 8, '>')}  备注")
    for r in rows:
        print(f"{pad(r.place_text, 8)}{pad(r.name, name_width)}{r.score:>8.2f}  {r.notes}".rstrip())
