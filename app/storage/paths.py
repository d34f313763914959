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


SERVER_FILE = "server.txt"  # this PC uses the office's database server: its address, no password


def default_db_path() -> Path:
    """The database the window opens when no other is named.

    ``WUZHUA_DB``; else the office's server when this PC was set to use it (设置 or the first
    start: :func:`use_server`); else ``wuzhua.sqlite3`` in the data folder. A server comes
    back as a ``ServerUrl``, which answers what is asked of a file's path here.
    """
    override = os.environ.get("WUZHUA_DB")
    if override:
        return Path(override)
    remembered = data_dir() / SERVER_FILE
    if remembered.is_file():
        from typing import cast  # noqa: PLC0415 (only when a server is remembered)

        from models.server import ServerRefused  # noqa: PLC0415 (only when a server is remembered)
        from models.server import server_url  # noqa: PLC0415 (only when a server is remembered)

        try:
            return cast("Path", server_url(remembered.read_text(encoding="utf-8").strip()))
        except ServerRefused:
            pass  # a damaged note: the local file, as before it was written
    return data_dir() / "wuzhua.sqlite3"


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


def use_server(url: str | None) -> Path:
    """From now on the window opens ``url`` (a server database; its password is never written), or
    again the local file (None). Returns the file that records the choice."""
    note = data_dir() / SERVER_FILE
    if url is None:
        note.unlink(missing_ok=True)
        return note
    from models.server import server_url  # noqa: PLC0415 (only when a server is chosen)

    note.write_text(str(server_url(url)) + "\n", encoding="utf-8")  # ServerUrl holds no password
    return note


def backup_dir(db_path: Path | str) -> Path:
    """Next to a database file; for a database on a server, in this PC's data folder (one folder per database)."""
    from models.server import is_server_url  # noqa: PLC0415 (light: no peewee; kept beside its use)
    from models.server import server_url  # noqa: PLC0415 (light: no peewee; kept beside its use)

    if is_server_url(db_path):
        return data_dir() / "backups" / server_url(db_path).folder_name
    return Path(db_path).parent / "backups"


def server_chosen() -> bool:
    """This PC was set to open the office's server (see :func:`use_server`)."""
    return (data_dir() / SERVER_FILE).is_file()


def try_server(url: str) -> str:
    """Why the server database at ``url`` cannot be reached ("" when it can), in libpq's words."""
    from app.storage.engine_copy import connect  # noqa: PLC0415 (peewee and the driver only when asked)
    from models.server import needs_password  # noqa: PLC0415 (only when asked)

    try:
        connect(url).close()
    except Exception as error:  # noqa: BLE001 (whatever the server says is told to the clerk)
        # reached, but it wants the password the window will ask for when it opens the database
        return "" if needs_password(error) else str(error)
    return ""
