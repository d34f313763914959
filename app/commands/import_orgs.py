"""``import-orgs FILE.xlsx [--sheet S] [--dry-run] [--errors-out F]``: branches and 党小组 from a list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from app.commands._import_args import add_check_arguments

NAME = "import-orgs"
HELP = "从表格一次登记村（社区）党支部和党小组（代码可空，程序按上级代码编号；全部写入或什么都不写）"
ORDER = 21


def add_arguments(parser) -> None:
    parser.add_argument(
        "file", type=Path, help="党组织列表 Excel 文件（.xlsx），列：组织名称、简称、代码、类别、上级组织"
    )
    parser.add_argument("--sheet", help="只读这个工作表")
    add_check_arguments(parser)


def run(args) -> int:
    from app.exchange import FileRefused  # noqa: PLC0415 (openpyxl only when a workbook is read)
    from app.exchange import ImportRefused  # noqa: PLC0415 (openpyxl only when a workbook is read)
    from app.exchange import write_errors  # noqa: PLC0415 (openpyxl only when a workbook is read)
    from app.roster.orgs import apply_orgs  # noqa: PLC0415 (as above)
    from app.roster.orgs import plan_orgs  # noqa: PLC0415 (as above)
    from app.roster.orgs import read_org_sheet  # noqa: PLC0415 (as above)
    from models import open_database  # noqa: PLC0415 (as above)

    open_database(db_path(args))
    try:
        plan = plan_orgs(read_org_sheet(args.file, args.sheet), args.file.name)
    except FileRefused as refusal:
        raise Refused(str(refusal)) from None
    problems = [str(p) for p in plan.problems()]
    if problems and args.errors_out:
        write_errors(args.file, plan.problems(), args.errors_out)
    report: dict[str, Any] = {
        "ok": True,
        "file": str(args.file),
        "totals": plan.totals(),
        "organisations": [
            {
                "row": r.row,
                "name": r.values.get("name", ""),
                "code": r.values.get("code", ""),
                "status": r.status,
            }
            for r in plan.rows
        ],
        "problems": problems,
    }
    if args.dry_run:
        report["outcome"] = "仅检查"
    else:
        try:
            report["written"] = apply_orgs(plan)
        except ImportRefused:
            lines = "\n".join(problems[:50])
            raise Refused(
                f"文件“{args.file.name}”有 {len(problems)} 处错误，未登记任何党组织\n{lines}"
            ) from None
        report["outcome"] = "已导入"
    if args.json:
        print_json(report)
        return 1 if problems else 0  # a check that found errors says so to a script too
    print(
        f"{report['outcome']}：{report['file']}（"
        + "，".join(f"{k} {v}" for k, v in report["totals"].items() if v)
        + "）"
    )
    for org in report["organisations"]:
        print(f"  第{org['row']}行 {org['code']} {org['name']}：{org['status']}")
    for line in problems:
        print(f"  错误：{line}")
    return 1 if problems else 0
