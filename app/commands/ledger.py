"""``python -m app ledger``: the 问题整改台账 as an Excel workbook or a PDF, and its overdue problems."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import Refused
from app.cli import print_json
from app.commands._delivery_args import add_common
from app.commands._delivery_args import open_db
from app.commands._delivery_args import org_ids
from app.commands._delivery_args import parse_day

NAME = "ledger"
HELP = "问题台账：导出 Excel 台账（.xlsx）或打印 PDF，列出逾期和重新整改的问题"
ORDER = 40


def WRITES(args) -> bool:
    """Only the overdue notice writes (its document number)."""
    return args.notice is not None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=None, help="输出文件：.xlsx 为 Excel 台账，.pdf 为打印版")
    parser.add_argument(
        "--notice",
        type=Path,
        default=None,
        help="同时生成逾期问题通报（GB/T 9704 公文格式）到此文件（.pdf 打印，.docx 供修改）",
    )
    add_common(parser)


def run(args: argparse.Namespace) -> int:
    from app.delivery.ledger import export_ledger  # noqa: PLC0415 (start-up: openpyxl only for a workbook)
    from app.delivery.ledger import ledger_rows  # noqa: PLC0415 (start-up: openpyxl only for a workbook)
    from app.printing.delivery import print_ledger  # noqa: PLC0415 (start-up: ReportLab only when printing)

    open_db(args)
    today = parse_day(args.today, campaign_day=True)
    ids = org_ids(args)
    rows = ledger_rows(today, ids)
    written = None
    if args.out is not None:
        suffix = args.out.suffix.lower()
        if suffix == ".xlsx":
            export_ledger(args.out, today, ids)
        elif suffix == ".pdf":
            print_ledger(args.out, today, ids)
        else:
            raise Refused(
                f"输出文件“{args.out.name}”的类型不支持：请用 .xlsx（Excel 台账）或 .pdf（打印版）。"
            )
        written = str(args.out)
    notice_no = None
    if args.notice is not None:
        from app.printing.notice import NothingToPrint  # noqa: PLC0415 (start-up: ReportLab only when printing)
        from app.printing.overdue_notice import prepare_overdue_notice  # noqa: PLC0415 (start-up: ReportLab only when printing)
        from app.printing.overdue_notice import print_overdue_notice  # noqa: PLC0415 (start-up: ReportLab only when printing)

        kind = args.notice.suffix.lower()
        if kind not in (".pdf", ".docx"):
            raise Refused(
                f"通报可保存为 .pdf（打印）或 .docx（在 WPS、Word 中修改）：“{args.notice.name}”都不是。"
            )
        try:
            if kind == ".docx":
                from app.printing.notice_docx import write_notice_docx  # noqa: PLC0415 (python-docx only here)

                notice = prepare_overdue_notice(today, ids)
                write_notice_docx(notice, args.notice)
                notice_no = notice.doc_no
            else:
                notice_no = print_overdue_notice(args.notice, today, ids).doc_no
        except NothingToPrint as nothing:
            raise Refused(str(nothing)) from None
    overdue = [r for r in rows if r.overdue]
    reopened = [r for r in rows if r.reopened]
    if args.json:
        print_json(
            {
                "ok": True,
                "problems": len(rows),
                "overdue": [
                    {"village": r.village, "description": r.description, "remark": r.remark} for r in overdue
                ],
                "reopened": len(reopened),
                "out": written,
                "notice": notice_no,
            }
        )
        return 0
    print(f"问题共 {len(rows)} 个，逾期 {len(overdue)} 个，重新整改 {len(reopened)} 个。")
    for r in overdue:
        print(f"  逾期：{r.village}　{r.description}　（{r.remark}）")
    if written:
        print(f"已写入：{written}")
    if notice_no:
        print(f"逾期问题通报（{notice_no}）已写入：{args.notice}")
    return 0
