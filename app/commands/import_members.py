"""``import-members FILE.xlsx [--sheet S] [--org BRANCH] [--dry-run] [--errors-out F]``: the 花名册."""

from __future__ import annotations

from pathlib import Path

from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from app.commands._import_args import add_check_arguments
from app.commands._import_args import nothing_imported

NAME = "import-members"
HELP = "导入党员花名册（按身份证号识别已有党员，一次性全部写入，或什么都不写）"
ORDER = 23


def add_arguments(parser) -> None:
    parser.add_argument("file", type=Path, help="花名册 Excel 文件（.xlsx）")
    parser.add_argument("--sheet", help="只读这个工作表（默认：每个有花名册表头的工作表）")
    parser.add_argument("--org", help="没有“所在党支部”列时，这些党员所在的支部（代码、名称或简称）")
    add_check_arguments(parser)


def run(args) -> int:
    from app import roster  # noqa: PLC0415 (openpyxl only for the commands that read workbooks)
    from app.exchange import FileRefused  # noqa: PLC0415 (as above)
    from app.exchange import ImportRefused  # noqa: PLC0415 (as above)
    from app.exchange import write_errors  # noqa: PLC0415 (as above)
    from models import open_database  # noqa: PLC0415 (as above)

    open_database(db_path(args))
    try:
        plan = roster.plan_roster(args.file, sheet=args.sheet, default_org=args.org)
    except FileRefused as refusal:
        raise Refused(str(refusal)) from None
    problems = [str(p) for p in plan.problems()]
    if problems and args.errors_out:
        write_errors(args.file, plan.problems(), args.errors_out)
    report = {
        "ok": True,
        "file": str(args.file),
        "sheets": plan.counts(),
        "totals": plan.totals(),
        "moved": plan.moves(),
        "problems": problems,
        "unknown_headers": plan.unknown_headers,
        "notes": plan.notes,
    }
    if args.dry_run:
        roster.log_checked(plan)
        report["outcome"] = "仅检查"
    else:
        totals = plan.totals()
        if not problems and (totals["新增"] or totals["修改"]):
            from app.storage import backup  # noqa: PLC0415 (only when something is written)

            backup.make_backup(db_path(args), reason="导入花名册前")  # a wrong import can be undone
        try:
            result = roster.apply_roster(plan)
        except ImportRefused:
            raise nothing_imported(args, f"花名册“{args.file.name}”", problems, "未导入任何党员") from None
        report["outcome"] = "已导入"
        report["written"] = result.written
    if args.json:
        print_json(report)
    else:
        _print_report(report)
    return 1 if problems else 0  # a check that found errors says so to a script too


def _print_report(report: dict) -> None:
    totals = "，".join(f"{k} {v}" for k, v in report["totals"].items() if v) or "没有党员"
    print(f"{report['outcome']}：{report['file']}（{totals}）")
    for sheet, counts in report["sheets"].items():
        print(f"  {sheet}：" + "，".join(f"{k} {v}" for k, v in counts.items() if v))
    for line in report["moved"]:
        print(f"  转入其他支部：{line}")
    for line in report["problems"]:
        print(f"  错误：{line}")
    if report["unknown_headers"]:
        print(
            "  未识别的列（未导入；可在窗口“导入花名册”中指定对应的信息）："
            + "、".join(report["unknown_headers"])
        )
    for line in report["notes"]:
        print(f"  说明：{line}")
