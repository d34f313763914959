"""``python -m app backup [--out FILE]``: a checked, consistent copy of the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from app.storage.backup import BackupError
from app.storage.backup import make_backup

NAME = "backup"
HELP = "备份数据库：生成一致的副本并检查其完整性（默认存入数据库旁的 backups 文件夹）"
ORDER = 90


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, default=None, help="备份文件（默认：backups 文件夹中带时间的文件名）"
    )


def run(args: argparse.Namespace) -> int:
    try:
        copy = make_backup(db_path(args), args.out)
    except BackupError as error:
        raise Refused(str(error)) from error
    if args.json:
        print_json({"ok": True, "path": str(copy), "bytes": copy.stat().st_size})
    else:
        print(f"已备份到：{copy}")
    return 0
