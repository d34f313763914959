"""``python -m app init``: a new, empty town (or a village's computer from the town's package)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from app.setup.catalogue import note_operator
from app.setup.new_file import build_database_file
from app.setup.town import SetupRefused
from app.setup.town import TownAnswers
from app.setup.town import create_town
from app.setup.town import validate_answers
from app.setup.village import install_village
from models import close_database
from models import open_database
from models.migrations import DatabaseTooNew

NAME = "init"
HELP = "新建乡镇：建立空数据库（行动及三个阶段、默认督查评分表、镇党委、设置）；或用 --village-from 安装村（社区）电脑"
ORDER = 5

# option → (TownAnswers field, what the clerk is asked)
TOWN_OPTIONS = (
    ("--town-name", "town_name", "乡镇名称，如 柳湾镇"),
    ("--town-code", "town_code", "乡镇代码（2 到 6 个字母），如 LW；各村代码为 LW01、LW02……"),
    ("--issuer", "issuer", "发文机关，如 中共柳湾镇委员会"),
    ("--doc-prefix", "doc_prefix", "发文字号前缀，如 柳党发"),
    ("--office", "office", "印发通报的办公室，如 党政办公室（版记中前面加镇名）"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    for option, dest, text in TOWN_OPTIONS:
        parser.add_argument(option, dest=dest, default=None, help=text)
    parser.add_argument("--year", type=int, default=2022, help="行动年度（默认 2022；阶段日期按行动方案）")
    parser.add_argument(
        "--village-from",
        dest="village_from",
        type=Path,
        default=None,
        metavar="交换包.xlsx",
        help="村（社区）电脑安装：用镇党委为本村导出的交换包建立本村数据库",
    )


def run(args: argparse.Namespace) -> int:
    path = db_path(args)
    answers = None if args.village_from else _answers(args)
    village_from = args.village_from

    def fill() -> dict[str, Any]:
        note_operator()
        if answers is not None:
            campaign, town = create_town(answers)
            return {
                "ok": True,
                "db": str(path),
                "kind": "town",
                "town": {"code": town.code, "name": town.name, "short_name": town.short_name},
                "campaign": {
                    "name": campaign.name,
                    "year": campaign.year,
                    "phases": [
                        {"name": p.name, "start": p.start.isoformat(), "end": p.end.isoformat()}
                        for p in campaign.phases()
                    ],
                },
            }
        installed = install_village(village_from)
        return {
            "ok": True,
            "db": str(path),
            "kind": "village",
            "village": {"code": installed.code, "name": installed.name},
            "town": installed.town,
            "written": installed.written,
        }

    try:
        if path.exists():  # an existing, empty database (refused by fill() if it is not empty)
            try:
                open_database(path)
            except DatabaseTooNew as error:
                raise Refused(str(error)) from error
            try:
                report = fill()
            finally:
                close_database()
        else:  # a new file appears only when complete: a refused or broken set-up leaves none
            report = build_database_file(path, fill)
    except SetupRefused as refused:
        raise Refused(str(refused)) from None
    if args.json:
        print_json(report)
    elif report["kind"] == "town":
        _print_town(report)
    else:
        print(
            f"已在 {path} 安装 {report['village']['name']}（{report['village']['code']}）的数据库，"
            f"来自 {report['town']} 的交换包，共导入 {report['written']} 条记录。"
        )
        print("本机单位已设为本村：以后导出的交换包注明来自本村，其他村的文件不能导入。")
    return 0


def _answers(args: argparse.Namespace) -> TownAnswers:
    missing = [option for option, dest, _text in TOWN_OPTIONS if not (getattr(args, dest) or "").strip()]
    if missing:
        raise Refused(
            f"新建乡镇缺少：{'、'.join(missing)}（或用 --village-from 交换包.xlsx 安装村里的电脑）。"
        )
    answers = TownAnswers(
        town_name=args.town_name,
        town_code=args.town_code,
        issuer=args.issuer,
        doc_prefix=args.doc_prefix,
        office=args.office,
        year=args.year,
    )
    problems = validate_answers(answers)
    if problems:
        raise Refused("\n".join(problems))
    return answers


def _print_town(report: dict) -> None:
    town = report["town"]
    campaign = report["campaign"]
    print(f"已在 {report['db']} 新建乡镇：{town['name']}（代码 {town['code']}）。")
    print(f"{campaign['year']}年{campaign['name']}：")
    for phase in campaign["phases"]:
        print(f"  {phase['name']}：{phase['start']} 至 {phase['end']}")
    print("已建立默认的季度督查评分表（满分100分）。")
    print(
        f"下一步：在“基础信息 → 党组织”中录入各村（社区）党支部（代码 {town['code']}01、{town['code']}02……），"
        "再录入党员。"
    )
