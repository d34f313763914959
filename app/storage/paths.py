"""Where things are: the user's database, backups, and the program's own resources.

Resources are found through :func:`resource` alone, which also works inside a PyInstaller
bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "五抓五提升工作台"
APP_AUTHOR = "WuzhuaWorkbench"


def resource_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"  # app/storage/paths.py → the project


def resource(*parts: str) -> Path:
    """A file shipped with the program (fonts, icons, templates)."""
    return resource_root().joinpath(*parts)


def data_dir() -> Path:
    """The user's data folder (the database and its backups live here)."""
    override = os.environ.get("WUZHUA_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs  # noqa: PLC0415 (only when no folder is named: not at every start)

        path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """The database the window opens when no other is named."""
    override = os.environ.get("WUZHUA_DB")
    return Path(override) if override else data_dir() / "wuzhua.sqlite3"


def backup_dir(db_path: Path | str) -> Path:
    """Next to a database file; for a database on a server, in this PC's data folder (one folder per database)."""
    from models.server import is_server_url, server_url  # noqa: PLC0415 (light: no peewee; kept beside its use)

    if is_server_url(db_path):
        return data_dir() / "backups" / server_url(db_path).folder_name
    return Path(db_path).parent / "backups"
