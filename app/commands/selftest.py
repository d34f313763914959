"""``python -m app selftest``: the bundle's self-test (database, window offscreen, printing)."""

from __future__ import annotations

import argparse

from app.cli import print_json
from app.selftest import run_selftest

NAME = "selftest"
HELP = "自检：打开数据库、在后台绘制主窗口、打印一份通报到临时 PDF（安装或打包后运行）"
ORDER = 95


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--empty", action="store_true", help="用空数据库自检（默认在临时文件夹中生成演示数据）"
    )


def run(args: argparse.Namespace) -> int:
    # without --db the self-test never touches the user's own database
    result = run_selftest(getattr(args, "db", None), use_demo=not args.empty)
    if args.json:
        print_json(result.as_dict())
    else:
        for step in result.steps:
            mark = "通过" if step.ok else "失败"
            print(f"[{mark}] {step.name}：{step.detail}（{step.seconds:.1f} 秒）")
        print(f"日志文件：{result.log_file or '无法写入'}")
        print("自检通过。" if result.ok else "自检未通过。")
    return 0 if result.ok else 1
