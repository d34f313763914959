"""Arguments shared by the subcommands that write one village's workbook (export-template/-package)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import db_path
from app.commands._org_arg import org_named
from models import Organisation
from models import open_database


def add_village_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--org", required=True, help="村（社区）党组织的代码、名称或简称，如 GZ01 或 红崖村")
    parser.add_argument("--out", required=True, type=Path, help="保存为（.xlsx）")


def open_village(args: argparse.Namespace) -> Organisation:
    """Open the database and find the village named by ``--org`` (refused when unknown)."""

    open_database(db_path(args))
    return org_named(args.org)
