"""Backups of the database: consistent copies, checked, kept in rotation, listed, restorable.

The copy goes through SQLite's backup API (never a file copy, which could catch the
database half-written or miss what is still in the WAL file), into a temporary name; it
becomes the backup only after ``PRAGMA integrity_check`` on the copy says ``ok``. So a file
in the backups folder is always a complete, sound database.

Backups are taken when the window closes, before every import and migration, and on
demand; the folder keeps the last :data:`KEEP_NEWEST`, the newest of each of the last
:data:`KEEP_DAYS` days and the newest of every month (:func:`rotate`). A failed automatic
backup is recorded (:func:`auto_backup`). A restore first backs up the current state, so it can itself be undone.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.storage.backup_status import clear_failure
from app.storage.backup_status import record_failure
from app.storage.integrity import check_file
from app.storage.paths import backup_dir
from app.storage.safe_write import WriteFailed
from app.storage.safe_write import writing
from app.storage.sqlite_copy import connect_existing
from app.storage.sqlite_copy import copy_database
from models import EXCHANGE_TYPES
from models import database
from models import migrations
from models.migrations import SCHEMA_VERSION
from models.schema import label_of
from models.server import ServerUrl
from models.server import is_server_url
from models.server import server_url
from models.settings import load_local_origin

KEEP_NEWEST = 10  # the last ten backups are always kept,
KEEP_DAYS = 30  # and the newest of each of the last thirty days, and the newest of each month
SPACE_MARGIN = 1_000_000  # room left for the integrity check's journal and the folder itself

_STAMP = "%Y%m%d-%H%M%S"
# wuzhua-20220708-093000.sqlite3, wuzhua-20220708-093000-2-导入前.sqlite3
_NAME = re.compile(r"^.+-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?(?:-(?P<reason>[^\d.-][^.-]*))?\.sqlite3$")


class BackupError(RuntimeError):
    """The backup could not be made; the message says why, in Chinese."""


@dataclass
class BackupInfo:
    """One backup file as the 备份与恢复 screen lists it."""

    path: Path
    time: dt.datetime
    reason: str
    size: int
    counts: dict[str, int]
    ok: bool
    problem: str = ""

    @property
    def total(self) -> int:
        """Records in the backup (all record types; deleted ones not counted)."""
        return sum(self.counts.values())


def default_backup_path(db_path: Path | str, when: dt.datetime | None = None, reason: str = "") -> Path:
    """``backups/<name>-YYYYMMDD-HHMMSS[-原因].sqlite3`` next to the database, never an existing file."""
    stamp = (when or dt.datetime.now()).strftime(_STAMP)
    folder = backup_dir(Path(db_path))
    reason = re.sub(r"[-.\\/:*?\"<>|\s]", "", reason)
    tail = f"-{reason}" if reason else ""
    stem = glob.escape(Path(db_path).stem)
    number = 1
    # two backups within one second, whatever their reasons: the number keeps their order
    while True:
        part = stamp if number == 1 else f"{stamp}-{number}"
        if not any(folder.glob(f"{stem}-{part}.sqlite3")) and not any(
            folder.glob(f"{stem}-{part}-[!0-9]*.sqlite3")
        ):
            return folder / f"{Path(db_path).stem}-{part}{tail}.sqlite3"
        number += 1


def make_backup(db_path: Path | str, out: Path | str | None = None, reason: str = "手动") -> Path:
    """Copy the database at ``db_path`` to ``out`` (default: the backups folder); return the copy.

    ``reason`` goes into the default file name (手动, 关闭时, 导入前, 恢复前 …); backups in
    the default folder are rotated afterwards. Safe while the program has the database open.
    Raises :class:`BackupError` when the database is missing, unreadable or written by a
    newer version, ``out`` already exists or is the database itself, the folder lacks the
    space or cannot be written, or the copy fails its integrity check; nothing is left
    behind then.
    """
    if is_server_url(db_path):
        return _backup_server(server_url(db_path), out, reason)
    db_path = Path(db_path)
    if not db_path.is_file():
        raise BackupError(f"数据库文件 {db_path} 不存在，无法备份。")
    target = Path(out) if out else default_backup_path(db_path, reason=reason)
    if target.resolve() == db_path.resolve():
        raise BackupError("备份文件不能与数据库是同一个文件，请另选文件名。")
    if target.exists():
        raise BackupError(f"文件 {target} 已存在，为免覆盖请另选文件名。")
    _refuse_newer(db_path)
    _check_space(db_path, target.parent)
    try:
        with writing(target) as partial:
            copy_database(db_path, partial)
            problem = verify(partial)
            if problem:
                raise BackupError(
                    f"备份副本未通过完整性检查（{problem}），数据库可能已损坏，请先运行“检查”。"
                )
    except WriteFailed as failed:
        raise BackupError(f"备份没有完成。{failed}") from failed
    except sqlite3.DatabaseError as error:
        raise BackupError(
            f"无法读取数据库文件 {db_path}：{error}。它可能不是本程序的数据库或已损坏。"
        ) from error
    if out is None:
        rotate(db_path)
    return target


def _backup_server(url: ServerUrl, out: Path | str | None, reason: str) -> Path:
    """A database on the server, backed up as the same checked SQLite file (one snapshot of it)."""
    from app.storage.engine_copy import CopyRefused  # noqa: PLC0415 (only for a server database)
    from app.storage.engine_copy import copy_database  # noqa: PLC0415 (only for a server database)

    target = Path(out) if out else default_backup_path(url, reason=reason)
    if target.exists():
        raise BackupError(f"文件 {target} 已存在，为免覆盖请另选文件名。")
    try:
        with writing(target) as partial:
            copy_database(url, partial)
            problem = verify(partial)
            if problem:
                raise BackupError(f"备份副本未通过完整性检查（{problem}）。")
    except WriteFailed as failed:
        raise BackupError(f"备份没有完成。{failed}") from failed
    except CopyRefused as refused:
        raise BackupError(f"无法备份服务器上的数据库 {url.name}：{refused}") from refused
    if out is None:
        rotate(url)
    return target


def auto_backup(db_path: Path | str, reason: str) -> Path:
    """:func:`make_backup` taken by the program itself (关闭时, 导入前, 升级前); failures recorded.

    A failure is written down (:mod:`app.storage.backup_status`) for the next start and the
    备份与恢复 page, then raised; a success clears the record.
    """
    try:
        path = make_backup(db_path, reason=reason)
    except (BackupError, OSError, sqlite3.Error) as error:
        record_failure(Path(db_path), reason, str(error))
        raise
    clear_failure(Path(db_path))
    return path


def _refuse_newer(db_path: Path) -> None:
    try:
        conn = connect_existing(db_path, "ro")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return  # the copy itself says what is wrong with the file
    if version > SCHEMA_VERSION:
        raise BackupError(
            f"数据库文件 {db_path.name} 由更新版本的程序写入（数据结构版本 {version}，"
            f"本程序只支持到版本 {SCHEMA_VERSION}），本程序不能备份和检查它。请用新版程序备份。"
        )


def _check_space(db_path: Path, folder: Path) -> None:
    """Refuse before writing when the folder cannot hold the copy (database and its WAL)."""
    needed = sum(p.stat().st_size for p in (db_path, Path(f"{db_path}-wal")) if p.exists())
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent  # the backups folder is made on the first backup
    try:
        free = shutil.disk_usage(probe).free
    except OSError:
        return  # the write itself will say why
    if free < needed + SPACE_MARGIN:
        raise BackupError(
            f"备份没有完成：文件夹“{folder}”空间不足（需要约 {_mb(needed + SPACE_MARGIN)}，"
            f"只剩 {_mb(free)}）。请腾出磁盘空间后再备份。"
        )


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def verify(path: Path, *, full: bool = True) -> str:
    """Why the backup at ``path`` cannot be used, or "" when it is sound.

    ``full`` runs ``integrity_check`` (after writing, before restoring); the listing uses
    the faster ``quick_check``.
    """
    problems, version = check_file(Path(path), full=full)
    if problems:
        return "；".join(problems[:3])
    if version > SCHEMA_VERSION:
        return "由更新版本的程序写入"
    return ""


def record_counts(path: Path) -> dict[str, int]:
    """Records per record type (Chinese label → count, deleted ones left out) in the file at ``path``."""

    conn = connect_existing(path, "ro")
    try:
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {}
        for model in EXCHANGE_TYPES:
            table = model._meta.table_name
            if table in present:
                n = conn.execute(f'SELECT COUNT(*) FROM "{table}" WHERE deleted = 0').fetchone()[0]
                if n:
                    counts[label_of(model)] = n
        return counts
    finally:
        conn.close()


def _time_of(path: Path) -> tuple[dt.datetime, int, int, str]:
    """When a backup was made (from its name, else the file's time), an order within that
    second, and why."""
    made = path.stat().st_mtime_ns
    match = _NAME.match(path.name)
    if match:
        when = dt.datetime.strptime(match["stamp"], _STAMP)
        return when, int(match["n"] or 1), made, match["reason"] or "手动"
    reason = "升级前" if "升级前" in path.name else "其他"
    return dt.datetime.fromtimestamp(made / 1e9).replace(microsecond=0), 0, made, reason


def backup_files(db_path: Path | str) -> list[tuple[Path, dt.datetime, str]]:
    """(file, time, reason) of every backup of ``db_path``, newest first."""
    folder = backup_dir(Path(db_path))
    if not folder.is_dir():
        return []
    # the folder may hold backups of other databases too (a demo town next to the real one)
    prefix = f"{Path(db_path).stem}-"
    found = [(p, *_time_of(p)) for p in folder.glob(f"{prefix}*.sqlite3") if p.is_file()]
    found.sort(key=lambda item: item[1:4], reverse=True)
    return [(path, when, reason) for path, when, _n, _made, reason in found]


def rotate(db_path: Path | str, keep: int = KEEP_NEWEST, today: dt.date | None = None) -> list[Path]:
    """Delete old backups; returns those deleted.

    Kept: the newest ``keep``, the newest of each of the last :data:`KEEP_DAYS` days and the
    newest of every month. So ten starts on one day never push out the backup from before a
    bad import the week before.
    """
    today = today or dt.date.today()
    first_day = today - dt.timedelta(days=KEEP_DAYS - 1)
    kept_months: set[tuple[int, int]] = set()
    kept_days: set[dt.date] = set()
    deleted = []
    for i, (path, when, _reason) in enumerate(backup_files(db_path)):
        month, day = (when.year, when.month), when.date()
        newest_of_day = day >= first_day and day not in kept_days
        if i < keep or month not in kept_months or newest_of_day:
            kept_months.add(month)
            kept_days.add(day)
            continue
        path.unlink(missing_ok=True)
        deleted.append(path)
    return deleted


def list_backups(db_path: str | Path) -> list[BackupInfo]:
    """The backups of the database, newest first, each with its time, size and record counts."""
    infos = []
    for path, when, reason in backup_files(Path(db_path)):
        problem = verify(path, full=False)
        counts = {} if problem else record_counts(path)
        infos.append(BackupInfo(path, when, reason, path.stat().st_size, counts, not problem, problem))
    return infos


def restore_backup(db_path: str | Path, backup: str | Path) -> Path:
    """Make the database exactly the chosen backup; returns the backup of the state before.

    The current state is backed up first (reason 恢复前). Works with the program's database
    open: its pages are replaced in place through the backup API, in one step that other
    connections see whole or not at all.
    """
    if is_server_url(db_path):
        return _restore_server(server_url(db_path), Path(backup))
    db_path, backup = Path(db_path), Path(backup)
    problem = verify(backup)
    if problem:
        raise BackupError(f"备份文件 {backup.name} 不能使用：{problem}")
    before = make_backup(db_path, reason="恢复前")
    source = connect_existing(backup, "ro")
    target, own = _live_connection(db_path)  # in place: not through copy_database, see above
    try:
        source.backup(target)
    except sqlite3.Error as error:
        raise BackupError(f"恢复失败，数据库未改变：{error}") from error
    finally:
        source.close()
        if own:
            target.close()
    if not own:
        load_local_origin()  # the restored settings may name another 本机单位
    return before


def _restore_server(url: ServerUrl, backup: Path) -> Path:
    from app.storage.engine_copy import CopyRefused  # noqa: PLC0415 (only for a server database)
    from app.storage.engine_copy import replace_contents  # noqa: PLC0415 (only for a server database)

    problem = verify(backup)
    if problem:
        raise BackupError(f"备份文件 {backup.name} 不能使用：{problem}")
    before = make_backup(url, reason="恢复前")
    try:
        replace_contents(backup, url)
    except CopyRefused as refused:
        raise BackupError(f"恢复失败，数据库未改变：{refused}") from refused
    load_local_origin()
    return before


def _live_connection(db_path: Path) -> tuple[sqlite3.Connection, bool]:
    """The program's own connection when it has ``db_path`` open (so it sees the restore at
    once), else a new one (True: close it after)."""
    if not database.is_closed() and Path(database.database).resolve() == db_path.resolve():
        return database.connection(), False
    return sqlite3.connect(str(db_path), timeout=10), True


def backup_on_close(db_path: str | Path) -> Path | None:
    """The backup taken when the window closes (rotated); None when switched off or impossible.

    Tests switch it off with the environment variable ``WUZHUA_NO_BACKUP_ON_CLOSE``. A failure
    gives None rather than an error: closing the program must never fail because of it.
    """
    if os.environ.get("WUZHUA_NO_BACKUP_ON_CLOSE"):
        return None
    try:
        return auto_backup(db_path, reason="关闭时")
    except (BackupError, OSError, sqlite3.Error):
        return None  # written down by auto_backup: the next start says so


def _backup_before_upgrade(db_path: Path | str, version: int) -> object:
    if is_server_url(db_path):
        return _dump_before_upgrade(server_url(db_path), version)
    return auto_backup(db_path, reason=f"升级前v{version}")


def _dump_before_upgrade(url: ServerUrl, version: int) -> object:
    """A server database at an older version: ``pg_dump`` where the client tools exist.

    The backup file of this program holds the current schema only, so it cannot take an old
    one; on PostgreSQL every upgrade step is one transaction (DDL included), so a failed step
    leaves the database as it was even without the dump.
    """
    import logging  # noqa: PLC0415 (only for an upgrade on a server)
    import subprocess  # noqa: PLC0415 (only for an upgrade on a server)

    tool = shutil.which("pg_dump")
    if tool is None:
        logging.getLogger("wuzhua").warning("升级服务器上的数据库 %s 前未备份：本机没有 pg_dump", url.name)
        return None
    target = default_backup_path(url, reason=f"升级前v{version}").with_suffix(".sql")
    target.parent.mkdir(parents=True, exist_ok=True)
    params = url.connect_params()
    env = {**os.environ, **({"PGPASSWORD": str(params["password"])} if "password" in params else {})}
    command = [tool, "--host", url.host, "--dbname", url.dbname, "--file", str(target)]
    command += ["--username", url.user] if url.user else []
    command += ["--port", str(url.port)] if url.port else []
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode:
        target.unlink(missing_ok=True)
        raise BackupError(f"pg_dump 失败：{done.stderr.strip()[:300]}")
    return target


migrations.backup_before_upgrade = _backup_before_upgrade
