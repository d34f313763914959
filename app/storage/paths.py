"""Where things are: the user's database, backups, and the program's own resources.

Resources are found through :func:`resource` alone, which also works inside a PyInstaller
bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import contextlib
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


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


_LAST_FOLDER = "last_folder.txt"


def last_folder() -> Path:
    """The folder the clerk last chose a file in (often the USB stick), else the home folder."""
    try:
        text = (data_dir() / _LAST_FOLDER).read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    folder = Path(text) if text else Path.home()
    return folder if folder.is_dir() else Path.home()


def remember_folder(chosen: str | Path) -> None:
    """Keep the folder of a file the clerk chose, so that the next file dialog opens there."""
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    # only a convenience: if it cannot be kept, the next dialog opens in the home folder
    with contextlib.suppress(OSError):
        (data_dir() / _LAST_FOLDER).write_text(str(folder), encoding="utf-8")
