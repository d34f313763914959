"""``export-package --org CODE --out FILE.xlsx``: one village's records for the USB stick."""

from __future__ import annotations

from app.cli import Refused
from app.cli import print_json
from app.commands._village_args import add_village_arguments
from app.commands._village_args import open_village

NAME = "export-package"
HELP = "导出某村（社区）的交换包（Excel），用 U 盘带到镇里或村里导入"
ORDER = 21
WRITES = True  # the exchange marks of what was sent


def add_arguments(parser) -> None:
    add_village_arguments(parser)


def run(args) -> int:
    from app.exchange import export_package  # noqa: PLC0415 (start-up: openpyxl only for a workbook)

    village = open_village(args)
    try:
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
