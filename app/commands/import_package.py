"""``import-package FILE.xlsx [--dry-run] [--errors-out FILE] [--skip-refused] [--conflicts keep|take]
[--duplicates merge|keep]``."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from app.commands._import_args import add_check_arguments
from app.commands._import_args import nothing_imported
from app.storage import backup
from models import ImportLog
from models import Organisation
from models import open_database

NAME = "import-package"
HELP = "检查并导入村里填报的模板或交换包（一次性全部写入，或什么都不写）"
ORDER = 22


def WRITES(args) -> bool:
    """Every import writes, a dry run too (the import log); only the history only reads."""
    return not args.history


def add_arguments(parser) -> None:
    parser.add_argument("file", type=Path, nargs="?", help="要导入的 Excel 文件（.xlsx）")
    parser.add_argument(
        "--history", action="store_true", help="列出最近的导入记录（文件、村、时间、结果、条数）"
    )
    add_check_arguments(parser)
    parser.add_argument("--skip-refused", action="store_true", help="跳过有错误的行，只导入其余的行")
    parser.add_argument(
        "--receipt",
        type=Path,
        default=None,
        help="写出给村（社区）的回执（.xlsx）：接收了什么、哪些行未接收及原因、退回修改的问题",
    )
    parser.add_argument(
        "--conflicts",
        choices=("keep", "take"),
        default="keep",
        help="两边都改过的记录：keep 保留本机的（默认），take 采用文件中的",
    )
    parser.add_argument(
        "--duplicates",
        choices=("merge", "keep"),
        default="merge",
        help="可能与已有记录重复的行（没有标识，关键内容与已有记录相同）："
        "merge 作为对已有记录的修改（默认），keep 作为另一条新记录",
    )


def run(args) -> int:
    from app import exchange  # noqa: PLC0415 (start-up: openpyxl only for a workbook)
    from app.exchange.receipt import write_receipt  # noqa: PLC0415 (start-up: openpyxl only for a workbook)

    open_database(db_path(args))
    if args.history:
        return _print_history(args.json)
    if args.file is None:
        raise Refused("请指定要导入的文件，或用 --history 查看导入记录。")
    try:
        plan = exchange.plan_import(args.file)
    except exchange.FileRefused as refusal:
        exchange.log_import(args.file, "已拒绝", str(refusal))
        raise Refused(str(refusal)) from None
    problems = plan.problems()
    problem_lines = [str(p) for p in problems]
    if problems and args.errors_out:
        exchange.write_errors(args.file, problems, args.errors_out)
    report = {
        "ok": True,
        "file": str(args.file),
        "org": plan.info.org_code,
        "kind": plan.info.kind,
        "sheets": plan.counts(),
        "totals": plan.totals(),
        "problems": problem_lines,
        "conflicts": [f"{r.incoming.sheet}第{r.incoming.row}行：{r.note}" for r in plan.conflicts()],
        "duplicates": [f"{r.incoming.sheet}第{r.incoming.row}行：{r.note}" for r in plan.likely_duplicates()],
        "notes": plan.notes,
        "resubmissions": [f"{r.incoming.sheet}第{r.incoming.row}行：{r.note}" for r in plan.resubmissions()],
        "nothing_to_import": plan.nothing_to_import(),
    }
    if args.dry_run:
        exchange.log_import(plan, "仅检查", "；".join(problem_lines[:20]))
        report["outcome"] = "仅检查"
    else:
        if _writes_something(plan):
            try:
                backup.auto_backup(db_path(args), reason="导入前")  # a wrong import can be undone
            except backup.BackupError as error:
                raise Refused(f"导入前备份数据库失败，为安全起见没有导入。{error}") from error
        try:
            result = exchange.apply_plan(
                plan, conflicts=args.conflicts, skip_refused=args.skip_refused, duplicates=args.duplicates
            )
        except exchange.ImportRefused:
            if args.receipt:
                write_receipt(plan, "已拒绝（未导入任何内容）", args.receipt)
            raise nothing_imported(args, f"文件“{args.file.name}”", problem_lines, "未导入任何内容") from None
        report["outcome"] = result.outcome
        report["written"] = result.written
        report["resubmitted"] = result.resubmitted
        report["messages"] = result.messages
        if args.receipt:
            write_receipt(plan, result.outcome, args.receipt)
            report["receipt"] = str(args.receipt)
    if args.json:
        print_json(report)
    else:
        _print_report(report)
    # a script checking a file first must be able to tell that it would be refused
    return 1 if args.dry_run and problems else 0


def _writes_something(plan) -> bool:
    totals = plan.totals()
    return bool(totals["新增"] or totals["修改"] or totals["冲突"])


def _print_report(report: dict) -> None:
    print(f"{report['outcome']}：{report['file']}（{report['org']}）")
    if report["nothing_to_import"]:
        print(f"  {report['nothing_to_import']}")
    for sheet, counts in report["sheets"].items():
        text = "，".join(f"{k} {v}" for k, v in counts.items() if v)
        print(f"  {sheet}：{text}")
    for line in report["conflicts"]:
        print(f"  冲突：{line}")
    for line in report["duplicates"]:
        print(f"  可能重复：{line}")
    for line in report["problems"]:
        print(f"  错误：{line}")
    for line in report["notes"]:
        print(f"  说明：{line}")
    for line in report["resubmissions"]:
        print(f"  再次报送：{line}")
    if report.get("resubmitted"):
        print(
            f"  {report['resubmitted']} 条退回的记录已改正报来，请审核后接收（send-back --accept）或再次退回"
        )
    for line in report.get("messages", []):
        print(f"  {line}")


def _print_history(as_json: bool) -> int:
    logs = list(ImportLog.select().order_by(ImportLog.id.desc()).limit(50))
    rows = [
        {
            "time": f"{log.time:%Y-%m-%d %H:%M:%S}",
            "file": log.file_name,
            "sha256": log.file_hash,
            "org": log.org_code,
            "outcome": log.outcome,
            "counts": json.loads(log.counts or "{}"),
            "message": log.message,
        }
        for log in logs
    ]
    if as_json:
        print_json({"ok": True, "imports": rows})
        return 0
    if not rows:
        print("还没有导入记录。")
        return 0
    names = {o.code: o.label for o in Organisation.select()}
    print(f"最近 {len(rows)} 次导入（最新的在前）：")
    for row in rows:
        village = (
            f"{names[row['org']]}（{row['org']}）" if row["org"] in names else row["org"] or "（未识别）"
        )
        print(f"{row['time']}  {row['outcome']}  {village}  {row['file']}")
        print(f"    {_history_detail(row)}")
    return 0


def _history_detail(row: dict) -> str:
    """What an import did, summed over its tables (新增 3，修改 1), or why it was refused."""
    totals: dict[str, int] = {}
    for per_table in row["counts"].values():
        if isinstance(per_table, dict):
            for kind, count in per_table.items():
                totals[kind] = totals.get(kind, 0) + int(count or 0)
    counted = "，".join(f"{kind} {count}" for kind, count in totals.items() if count and kind != "无变化")
    reason = row["message"].splitlines()[0].split("；")[0][:120] if row["message"] else ""
    if row["outcome"] == "已拒绝":  # a refused file wrote nothing, whatever its rows would have done
        return "未写入任何内容" + (f"：{reason}" if reason else "")
    if counted:
        return counted + (f"；{reason}" if reason else "")
    return reason or ("没有变化" if totals else "—")
