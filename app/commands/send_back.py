"""``python -m app send-back``: 审核退回 of a village's record, the list of send-backs, 接收."""

from __future__ import annotations

import argparse

from app.cli import Refused
from app.cli import print_json
from app.commands._delivery_args import open_db
from app.commands._delivery_args import org_ids
from app.commands._delivery_args import parse_day

NAME = "send-back"
HELP = "审核退回：镇党委退回村（社区）报送的记录并写明原因；列出退回情况；接收改正后再次报送的记录"
ORDER = 45


def WRITES(args) -> bool:
    return bool(args.record or args.accept)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--record", default=None, help="要退回的记录标识（交换包“记录标识”列；可只写前8位以上）"
    )
    parser.add_argument("--reason", default="", help="退回原因，如：会议记录过于简单；佐证不足")
    parser.add_argument("--date", default=None, help="退回日期，如 2022-06-10（默认今天）")
    parser.add_argument("--accept", default=None, help="接收改正后再次报送的记录：记录标识")
    parser.add_argument("--org", default=None, help="只列一个村（社区）的退回：组织代码，如 ZD01")
    parser.add_argument("--all", action="store_true", help="列出时也含已接收的")


def run(args: argparse.Namespace) -> int:
    from app.exchange.review import SendBackRefused  # noqa: PLC0415 (start-up: the exchange package only when used)
    from app.exchange.review import accept_resubmission  # noqa: PLC0415 (start-up: the exchange package only when used)
    from app.exchange.review import find_record  # noqa: PLC0415 (start-up: the exchange package only when used)
    from app.exchange.review import open_send_back  # noqa: PLC0415 (start-up: the exchange package only when used)
    from app.exchange.review import send_back_record  # noqa: PLC0415 (start-up: the exchange package only when used)
    from app.records import TownOwned  # noqa: PLC0415 (start-up: peewee only when used)
    from models import SendBack  # noqa: PLC0415 (start-up: peewee only when used)

    open_db(args)
    try:
        if args.record:
            record = find_record(args.record)
            if record is None:
                raise Refused(f"没有标识为“{args.record}”的村（社区）记录（标识见交换包的“记录标识”列）。")
            mark = send_back_record(record, args.reason, parse_day(args.date, "--date"))
            return _said(
                args, mark, f"已退回{mark.org.name}的{mark.record_label}“{mark.summary}”：{mark.reason}"
            )
        if args.accept:
            record = find_record(args.accept)
            pending = open_send_back(record.uuid) if record is not None else None
            if pending is None:
                raise Refused(f"标识为“{args.accept}”的记录没有待处理的退回。")
            mark = accept_resubmission(pending)
            return _said(args, mark, f"已接收{mark.org.name}的{mark.record_label}“{mark.summary}”")
    except (SendBackRefused, TownOwned) as refused:
        raise Refused(str(refused)) from None
    query = SendBack.live()
    ids = org_ids(args)
    if ids is not None:
        query = query.where(SendBack.org.in_(ids))
    if not args.all:
        query = query.where(SendBack.state != "已接收")
    marks = list(query.order_by(SendBack.date, SendBack.id))
    if args.json:
        print_json({"ok": True, "send_backs": [_as_json(m) for m in marks]})
        return 0
    if not marks:
        print("没有待处理的退回。")
    for m in marks:
        again = f"（{m.resubmitted}再次报送）" if m.resubmitted else ""
        print(
            f"{m.date}　{m.org.name}　{m.record_label}“{m.summary}”　{m.reason}　{m.state}{again}　{m.record_uuid}"
        )
    return 0


def _as_json(mark) -> dict:
    return {
        "village": mark.org.code,
        "record": mark.record_uuid,
        "type": mark.record_label,
        "summary": mark.summary,
        "date": mark.date.isoformat(),
        "reason": mark.reason,
        "state": mark.state,
        "resubmitted": mark.resubmitted.isoformat() if mark.resubmitted else None,
    }


def _said(args, mark, text: str) -> int:
    if args.json:
        print_json({"ok": True, **_as_json(mark)})
    else:
        print(text)
    return 0
