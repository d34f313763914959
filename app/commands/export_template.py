"""``export-template --org CODE --out FILE.xlsx``: a village's blank, hand-fillable workbook."""

from __future__ import annotations

from app.cli import Refused
from app.cli import print_json
from app.commands._village_args import add_village_arguments
from app.commands._village_args import open_village

NAME = "export-template"
HELP = "导出某村（社区）的填报模板（Excel）：空白的，或 --prefilled 预先填入镇里已有的记录、未销号的问题和退回修改的记录"
ORDER = 20


def add_arguments(parser) -> None:
    add_village_arguments(parser)
    parser.add_argument(
        "--prefilled",
        action="store_true",
        help="预先填入镇党委已有的本村记录（带记录标识，改正后交回即为修改，不会重复）、未销号的问题和退回修改的记录",
    )


def run(args) -> int:
    from app.exchange import write_template  # noqa: PLC0415 (start-up: openpyxl only for a workbook)

    village = open_village(args)
    try:
        path = write_template(village, args.out, prefilled=args.prefilled)
    except LookupError as exc:
        raise Refused(str(exc)) from None
    if args.json:
        print_json({"ok": True, "org": village.code, "out": str(path), "prefilled": args.prefilled})
    else:
        kind = "预填的填报模板" if args.prefilled else "填报模板"
        print(f"已导出 {village.name} 的{kind}：{path}")
    return 0
