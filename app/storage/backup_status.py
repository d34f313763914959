"""Automatic backups that cannot fail silently: the last failure is written down.

A backup taken on close, before an import or before an upgrade may fail (a full disk, a
folder that became read-only). The program goes on, but the failure is kept in a small
JSON file next to the backups, so that the next start and the 备份与恢复 page say
上次自动备份失败 with the reason and the time, until an automatic backup succeeds again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from app.storage.lock import process_alive
from app.storage.paths import backup_dir
from app.storage.paths import data_dir
from app.storage.safe_write import PART_SUFFIX
from models.server import is_server_url
from models.server import server_url

_STATUS_NAME = "{stem}-自动备份失败.json"
# ``<name>.<pid>-<hex>.part`` as app.storage.safe_write names them; older versions used ``.part``
_PART_PID = re.compile(r"\.(?P<pid>\d+)-[0-9a-f]+\.part(?:-wal|-shm|-journal)?$")


@dataclass
class BackupFailure:
    """The last automatic backup that failed: when, why it was taken, what went wrong."""

    time: dt.datetime
    reason: str
    message: str

    @property
    def text(self) -> str:
        """The line the window and the 备份与恢复 page show."""
        return f"上次自动备份失败（{self.time:%Y-%m-%d %H:%M}，{self.reason}）：{self.message}"


def _status_file(db_path: Path) -> Path:
    return backup_dir(Path(db_path)) / _STATUS_NAME.format(stem=Path(db_path).stem)


def record_failure(db_path: Path, reason: str, message: str) -> None:
    """Write down that the automatic backup (``reason``: 关闭时, 导入前, 升级前) failed.

    Written in place, not through a temporary file: on a full disk a short file is more
    likely to fit than a second one, and a torn record is read as "failed, reason unknown".
    Next to the backups, or next to the database when the backups folder cannot be made.
    """
    entry = {"time": dt.datetime.now().isoformat(timespec="seconds"), "reason": reason, "message": message}
    data = json.dumps(entry, ensure_ascii=False)
    for target in (_status_file(db_path), _fallback_file(db_path)):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(data, encoding="utf-8")
            return
        except OSError:
            continue


def _fallback_file(db_path: Path) -> Path:
    if is_server_url(db_path):  # no folder of its own on this PC: the data folder (Path(url) is relative)
        return data_dir() / _STATUS_NAME.format(stem=server_url(db_path).folder_name)
    return Path(db_path).with_name(_STATUS_NAME.format(stem=Path(db_path).stem))


def clear_failure(db_path: Path) -> None:
    """An automatic backup succeeded: the earlier failure is no longer news."""
    for target in (_status_file(db_path), _fallback_file(db_path)):
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)


def last_failure(db_path: Path) -> BackupFailure | None:
    """The last automatic backup failure not yet followed by a success, else None."""
    for target in (_status_file(db_path), _fallback_file(db_path)):
        try:
            text = target.read_text(encoding="utf-8")
        except OSError:
            continue
        try:
            entry = json.loads(text)
            return BackupFailure(dt.datetime.fromisoformat(entry["time"]), entry["reason"], entry["message"])
        except (ValueError, KeyError, TypeError):
            when = dt.datetime.fromtimestamp(target.stat().st_mtime).replace(microsecond=0)
            return BackupFailure(when, "自动备份", "原因未能记录")
    return None


def remove_stale_parts(db_path: Path) -> list[Path]:
    """Delete half-written files (``*.part``) that no running process is still writing.

    Called at start: a power cut during a backup, or during the first start's demo town,
    leaves one behind in the backups folder or beside the database, as big as a database.
    """
    db_path = Path(db_path)
    folder = backup_dir(db_path)
    candidates = list(folder.glob(f"*{PART_SUFFIX}*")) if folder.is_dir() else []
    if not is_server_url(db_path):  # a server database has no folder here beside it
        candidates += db_path.parent.glob(f"{db_path.name}.*{PART_SUFFIX}*")
    removed: list[Path] = []
    for path in candidates:
        match = _PART_PID.search(path.name)
        if match and int(match["pid"]) != os.getpid() and process_alive(int(match["pid"])):
            continue  # another program is writing it right now
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed
