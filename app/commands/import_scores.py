"""``import-scores F.xlsx [--dry-run] [--errors-out E.xlsx]``: the inspection team's workbook back in."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from app.commands._import_args import add_check_arguments
from app.commands._import_args import nothing_imported

NAME = "import-scores"
HELP = "导入督查组填好的评分工作簿（全部检查通过才一次写入；发现问题记入问题台账）"
ORDER = 42


def WRITES(args) -> bool:
    return not args.dry_run


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="export-scoresheet 导出并填好的 Excel 文件")
    add_check_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from app.exchange import write_errors  # noqa: PLC0415 (openpyxl only for the commands that read workbooks)
    from app.inspection.scoresheet import ScoresheetRefused  # noqa: PLC0415 (as above)
    from app.inspection.scoresheet import apply_scores  # noqa: PLC0415 (as above)
    from app.inspection.scoresheet import plan_scores  # noqa: PLC0415 (as above)
    from models import open_database  # noqa: PLC0415 (as above)

    open_database(db_path(args))
    try:
        plan = plan_scores(args.file)
    except ScoresheetRefused as error:
        raise Refused(str(error)) from None
    assert plan is not None  # only a cancelled check has none
    problems = [str(p) for p in plan.problems]
    if problems and args.errors_out:
        write_errors(args.file, plan.problems, args.errors_out)
    if problems:
        if args.json:
            print_json({"ok": False, "counts": plan.counts(), "problems": problems})
            return 1
        raise nothing_imported(args, f"评分表“{args.file.name}”", problems, "未导入任何得分")
    villages = plan.villages()  # read before writing: old → new
    counted = plan.counts()  # so are the counts: the plan's changes are spent once written
    report: dict[str, object] = {
        "ok": True,
        "file": str(args.file),
        "counts": counted,
        "villages": [v.as_dict() for v in villages],
        "outcome": "仅检查",
    }
    if not args.dry_run:
        if plan.changes:
            from app.storage import backup  # noqa: PLC0415 (only when something is written)

            backup.make_backup(db_path(args), reason="导入督查评分前")
        report["written"] = apply_scores(plan)
        report["outcome"] = "已导入"
    if args.json:
        print_json(report)
    else:
        counts = "，".join(f"{k} {v}" for k, v in counted.items() if v) or "没有变化"
        print(f"{report['outcome']}：{args.file}（{counts}）")
        for village in villages:
            print("\n".join(village.lines()))
    return 0
