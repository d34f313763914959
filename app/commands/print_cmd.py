"""``python -m app print notice|scorecards|summary --out FILE.pdf``: the printed documents."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app.campaign_time import QuarterRefused
from app.campaign_time import parse_quarter
from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from app.commands._org_arg import org_named
from app.setup.identity import installation
from models import open_database

NAME = "print"
HELP = "打印：督查排名通报（notice）、各村督查评分表（scorecards）、行动总结报告（summary），输出 PDF"
ORDER = 45


def WRITES(args) -> bool:
    """Only the notice writes (its document number is issued when first printed)."""
    return args.document == "notice"


DOCUMENTS = ("notice", "scorecards", "summary")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "document", choices=DOCUMENTS, help="notice 通报；scorecards 评分表；summary 总结报告"
    )
    parser.add_argument("--quarter", help="季度，如 2022Q2（通报和评分表必填）")
    parser.add_argument("--out", required=True, type=Path, help="输出的 PDF 文件（通报也可为 .docx）")
    parser.add_argument(
        "--date", help="成文日期，如 2022-07-08（默认今天；已有通报时沿用原日期；总结报告署此日期）"
    )
    parser.add_argument("--org", help="评分表只打印一个村（社区）：组织代码、名称或简称")
    parser.add_argument(
        "--issue",
        action="store_true",
        help="签发通报：取得下一个发文字号（成文日期用 --date）；不加时打印未编号的草稿，已签发的按原样重印",
    )


def _quarter(args: argparse.Namespace) -> str:
    if not args.quarter:
        raise Refused(f"打印 {args.document} 需要用 --quarter 指明季度，如 --quarter 2022Q2。")
    try:
        parse_quarter(args.quarter)
    except QuarterRefused as error:
        raise Refused(str(error)) from None
    return args.quarter.upper()


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Refused(f"--date 的日期“{text}”无法识别，请写成 2022-07-08 的形式。") from None


def run(args: argparse.Namespace) -> int:
    from app.printing.fonts import NoChineseFont  # noqa: PLC0415 (start-up: ReportLab only when printing)
    from app.printing.notice import NothingToPrint  # noqa: PLC0415 (start-up: ReportLab only when printing)
    from app.printing.notice import build_notice  # noqa: PLC0415 (start-up: ReportLab only when printing)
    from app.printing.notice import is_draft  # noqa: PLC0415 (start-up: ReportLab only when printing)
    from app.printing.notice import issue_quarter_notice  # noqa: PLC0415 (start-up: ReportLab only when printing)
    from app.printing.notice import notice_to_print  # noqa: PLC0415 (start-up: ReportLab only when printing)
    from app.printing.page import write_pdf  # noqa: PLC0415 (start-up: ReportLab only when printing)
    from app.printing.scorecards import build_scorecards  # noqa: PLC0415 (start-up: ReportLab only when printing)
    from app.printing.summary import build_summary  # noqa: PLC0415 (start-up: ReportLab only when printing)

    path = db_path(args)
    if not path.exists():
        raise Refused(f"数据库文件不存在：{path}")
    word = args.out.suffix.lower() == ".docx"
    if args.out.suffix.lower() != ".pdf" and not (word and args.document == "notice"):
        also = "；通报还可保存为 .docx（在 WPS、Word 中修改）" if args.document == "notice" else ""
        raise Refused(f"输出文件应以 .pdf 结尾（现为 {args.out.name}）{also}。")
    open_database(path)
    result: dict = {"ok": True, "document": args.document, "out": str(args.out)}
    try:
        if args.document == "notice":
            quarter = _quarter(args)
            # an issued notice is printed again as issued; otherwise a draft, numbered on --issue
            if args.issue and not installation().is_town:
                raise Refused("通报由镇党委签发、编号，村（社区）的电脑不能签发通报。")
            notice = notice_to_print(quarter, _day(args.date))
            reprint = not is_draft(notice)
            if is_draft(notice) and args.issue:
                notice = issue_quarter_notice(notice)
            document = build_notice(notice)
            result.update(doc_no=notice.doc_no, title=notice.title, draft=is_draft(notice), reprint=reprint)
        elif args.document == "scorecards":
            org_ids = None
            if args.org:
                org_ids = [org_named(args.org).id]
            document = build_scorecards(_quarter(args), org_ids)
        else:
            document = build_summary(day=_day(args.date))
    except (NothingToPrint, NoChineseFont) as error:
        raise Refused(str(error)) from None
    missing = document.missing_characters()
    if missing:
        # said before anything is printed: the clerk may install a font or reword first
        result["missing_characters"] = missing
        print(
            f"注意：本机所有中文字体都没有这些字符，打印出来会是空框：{'、'.join(missing)}。"
            "可安装字库较全的字体（如文泉驿正黑）后重新打印。",
            file=sys.stderr,
        )
    if word:
        from app.printing.notice_docx import write_notice_docx  # noqa: PLC0415 (python-docx only here)

        write_notice_docx(notice, args.out)  # a failed write is told by app.cli (WriteFailed)
    else:
        write_pdf(document, args.out)  # a failed write is told by app.cli (WriteFailed)
    result["pages"] = len(document.pages)
    if args.json:
        print_json(result)
    else:
        extra = f"（{result['doc_no']}）" if "doc_no" in result and not result.get("draft") else ""
        print(f"已输出 {args.out}{extra}，共 {result['pages']} 页。")
        if result.get("draft"):
            print("这是未编号的草稿；签发（取得发文字号）请加 --issue，成文日期用 --date。")
        elif result.get("reprint"):
            print(f"{result['doc_no']} 已经签发，按签发时的原样重印（不再编号）。")
    return 0
