"""``export-template --org CODE --out FILE.xlsx``: a village's blank, hand-fillable workbook."""

from __future__ import annotations

from app.cli import Refused, print_json
from app.commands._village_args import add_village_arguments, open_village

NAME = "export-template"
HELP = "导出某村（社区）的空白填报模板（Excel）"
ORDER = 20


def add_arguments(parser) -> None:
    add_village_arguments(parser)


def run(args) -> int:
    from app.exchange import write_template  # noqa: PLC0415 (start-up: openpyxl only for a workbook)

    village = open_village(args)
    try:
        path = write_template(village, args.out)
    except LookupError as exc:
        raise Refused(str(exc)) from None
    if args.json:
        print_json({"ok": True, "org": village.code, "out": str(path)})
    else:
        print(f"已导出 {village.name} 的填报模板：{path}")
    return 0
