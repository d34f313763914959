"""Arguments shared by the subcommands that write one village's workbook (export-template/-package)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import Refused
from app.cli import db_path
from models import Organisation
from models import open_database


def add_village_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--org", required=True, help="村（社区）党组织代码，如 GZ01")
    parser.add_argument("--out", required=True, type=Path, help="保存为（.xlsx）")


def open_village(args: argparse.Namespace) -> Organisation:
    """Open the database and find the village named by ``--org`` (refused when unknown)."""
    from app.exchange import find_village  # noqa: PLC0415 (start-up: openpyxl only for a workbook)

    open_database(db_path(args))
    try:
        return find_village(args.org)
    except LookupError as exc:
        raise Refused(str(exc)) from None
