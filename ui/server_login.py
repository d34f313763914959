"""Opening a database on the office's server from the window: the password asked when the password file lacks it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget

from models import open_database
from models.server import is_server_url
from models.server import needs_password
from models.server import server_url
from models.server import set_password


def open_with_password(location: Path | str, parent: QWidget | None = None) -> None:
    """Open the database; a server that wants a password the password file lacks asks the clerk for it.

    The password is held in memory for this run only (never written to the settings or the log).
    """
    try:
        open_database(location)
        return
    except Exception as error:
        if not is_server_url(location) or not needs_password(error):
            raise
        refused = error
    url = server_url(location)
    for _attempt in range(3):
        password, ok = QInputDialog.getText(
            parent,
            "连接数据库服务器",
            f"数据库服务器 {url.host} 上的数据库 {url.dbname} 需要用户 {url.user or '（默认）'} 的密码：",
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            raise refused
        set_password(url, password)
        try:
            open_database(url)
            return
        except Exception as error:
            if not needs_password(error):
                raise
            refused = error
    raise refused
