"""``export-template --org CODE --out FILE.xlsx``: a village's blank, hand-fillable workbook."""

from __future__ import annotations

from pathlib import Path

from app.cli import Refused, db_path, print_json

NAME = "export-template"
HELP = "导出某村（社区）的空白填报模板（Excel）"
ORDER = 20


def add_arguments(parser) -> None:
    parser.add_argument("--org", required=True, help="村（社区）党组织代码，如 ZD01")
    parser.add_argument("--out", required=True, type=Path, help="保存为（.xlsx）")


def run(args) -> int:
    from app.exchange import find_village, write_template  # noqa: PLC0415
    from models import open_database  # noqa: PLC0415

    open_database(db_path(args))
    try:
        village = find_village(args.org)
        path = write_template(village, args.out)
    except LookupError as exc:
        raise Refused(str(exc)) from None
    if args.json:
        print_json({"ok": True, "org": village.code, "out": str(path)})
    else:
        print(f"已导出 {village.name} 的填报模板：{path}")
    return 0
