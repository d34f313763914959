"""Options and refusals shared by the subcommands that read a workbook in (import-package/-members/-orgs)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import Refused


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    """``--dry-run`` and ``--errors-out``: check without writing, and keep the workbook with errors marked."""
    parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
    parser.add_argument("--errors-out", type=Path, help="有错误时，把标出错误单元格的工作簿保存到此文件")


def nothing_imported(args: argparse.Namespace, subject: str, problems: list[str], nothing: str) -> Refused:
    """The refusal when ``subject`` had errors and ``nothing`` was written: how many, where they are marked, the first 50."""
    where = (
        f"，已标出错误的工作簿：{args.errors_out}"
        if args.errors_out
        else "（可加 --errors-out 文件名 得到标出错误的工作簿）"
    )
    lines = "\n".join(problems[:50])
    return Refused(f"{subject}有 {len(problems)} 处错误，{nothing}{where}\n{lines}")
