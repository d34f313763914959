"""``export-package --org CODE --out FILE.xlsx``: one village's records for the USB stick."""

from __future__ import annotations

from pathlib import Path

from app.cli import Refused, db_path, print_json

NAME = "export-package"
HELP = "导出某村（社区）的交换包（Excel），用 U 盘带到镇里或村里导入"
ORDER = 21


def add_arguments(parser) -> None:
    parser.add_argument("--org", required=True, help="村（社区）党组织代码，如 ZD01")
    parser.add_argument("--out", required=True, type=Path, help="保存为（.xlsx）")


def run(args) -> int:
    from app.exchange import export_package, find_village  # noqa: PLC0415
    from models import open_database  # noqa: PLC0415

    open_database(db_path(args))
    try:
        village = find_village(args.org)
        counts = export_package(village, args.out)
    except LookupError as exc:
        raise Refused(str(exc)) from None
    total = sum(counts.values())
    if args.json:
        print_json(
            {"ok": True, "org": village.code, "out": str(args.out), "records": total, "sheets": counts}
        )
    else:
        print(f"已导出 {village.name} 的交换包：{args.out}（共 {total} 条记录）")
    return 0
