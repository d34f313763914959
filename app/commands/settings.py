"""``python -m app settings [--set KEY=VALUE …]``: list the values of 设置, or change them."""

from __future__ import annotations

import argparse

from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from app.setup.catalogue import GROUPS
from app.setup.catalogue import SettingRefused
from app.setup.catalogue import change
from app.setup.catalogue import entries
from app.setup.catalogue import note_operator
from models import open_database

NAME = "settings"
HELP = "列出或修改设置：乡镇、本机单位、发文机关和字号、版记、行动和阶段日期、规则阈值、积分办法、打印字体"
ORDER = 6


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set",
        dest="changes",
        action="append",
        default=[],
        metavar="项=值",
        help="修改一项（可重复，全部通过检查才写入），如 --set printing.copy_to=县委组织部",
    )


def run(args: argparse.Namespace) -> int:
    path = db_path(args)
    if not path.exists():
        raise Refused(f"数据库文件 {path} 不存在（新建乡镇请用 init）")
    open_database(path)
    note_operator()
    wanted: dict[str, str] = {}
    for pair in args.changes:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise Refused(f"“{pair}”应写成 项=值，如 printing.copy_to=县委组织部")
        wanted[key.strip()] = value
    try:
        changed = change(wanted) if wanted else []
    except SettingRefused as refused:
        raise Refused(f"{refused}（未修改任何设置）") from None
    listed = entries()
    if args.json:
        print_json(
            {
                "ok": True,
                "changed": [e.key for e in changed],
                "settings": [
                    {"key": e.key, "label": e.label, "group": e.group, "value": e.text(), "help": e.help}
                    for e in listed
                ],
            }
        )
        return 0
    if wanted:
        print(f"已修改 {len(changed)} 项：" + ("、".join(e.label for e in changed) or "（与原值相同）"))
        return 0
    for group in GROUPS:
        print(f"【{group}】")
        for e in (e for e in listed if e.group == group):
            print(f"  {e.key} = {e.text() or '（空）'}")
            print(f"      {e.help if e.help.startswith(e.label) else f'{e.label}：{e.help}'}")
    return 0
