"""Is the database file sound? Checked on every start, in full from the menu and in ``check``.

A broken database is never used silently: the window explains what is wrong, offers the
newest backup that passes the same check, and keeps the broken file aside (renamed, never
deleted) so that nothing is lost if someone can still rescue it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from app.storage.paths import backup_dir
from app.storage.safe_write import writing
from app.storage.sqlite_copy import connect_existing
from app.storage.sqlite_copy import copy_database

# models.migrations (and with it peewee and every model) is imported inside the functions
# that need SCHEMA_VERSION: the start-up check begins before those are loaded (see
# start_check_on_start), so that it runs while the window's libraries load.

# Side files SQLite keeps next to a database in WAL mode; they belong to it.
SIDE_SUFFIXES = ("-wal", "-shm")
# A badly broken file yields thousands of lines; a few say enough.
MAX_PROBLEMS = 20


@dataclass
class IntegrityReport:
    """What a check found. ``ok`` False means: do not open this file as it is."""

    db_path: Path
    ok: bool
    problems: list[str] = field(default_factory=list)
    too_new: bool = False
    new_file: bool = False
    good_backup: Path | None = None

    @property
    def message(self) -> str:
        """The explanation a clerk reads (Chinese)."""
        if self.ok:
            return "数据库检查通过。" if not self.new_file else "尚无数据库，将新建。"
        if self.too_new:
            return (
                f"数据库文件 {self.db_path.name} 由更新版本的程序写入，本程序不能打开它，"
                "以免损坏数据。请安装新版程序。"
            )
        text = f"数据库文件 {self.db_path.name} 已损坏（{'；'.join(self.problems[:3])}）。"
        if self.good_backup is not None:
            text += f"可以恢复到最近一份完好的备份（{self.good_backup.name}），损坏的文件会另存保留。"
        else:
            text += "没有找到完好的备份。请联系技术人员，不要继续在这个文件上录入。"
        return text


def check_file(path: Path, *, full: bool = False) -> tuple[list[str], int]:
    """Problems SQLite finds in the file at ``path`` (empty when sound), and its schema version.

    ``full`` runs ``integrity_check`` and the foreign-key check; otherwise the faster
    ``quick_check`` that the start-up uses.
    """
    try:
        conn = connect_existing(path)
    except sqlite3.Error as error:
        return [f"无法打开：{error}"], 0
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        pragma = "integrity_check" if full else "quick_check"
        lines = [line for (row,) in conn.execute(f"PRAGMA {pragma}") for line in str(row).splitlines()]
        problems = [line for line in lines if line != "ok" and not line.startswith("***")][:MAX_PROBLEMS]
        if full and not problems:
            for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(f"表 {table} 第 {rowid} 行引用了不存在的 {parent} 记录")
        return problems, version
    except sqlite3.DatabaseError as error:
        return [_explain(error)], 0
    finally:
        conn.close()


def _explain(error: sqlite3.Error) -> str:
    text = str(error)
    if "not a database" in text:
        return "文件不是数据库或文件头已损坏"
    if "malformed" in text:
        return "数据库映像格式错误"
    return text


def _check(db_path: Path, *, full: bool, found: tuple[list[str], int] | None = None) -> IntegrityReport:
    from models.migrations import SCHEMA_VERSION  # noqa: PLC0415 (start-up: the check begins before peewee loads)
    from models.server import is_server_url  # noqa: PLC0415 (start-up: the check begins before peewee loads)

    if is_server_url(db_path):  # the server keeps its own pages sound; the version is checked on opening
        return IntegrityReport(db_path, ok=True)
    db_path = Path(db_path)
    if found is None and not db_path.exists():
        return IntegrityReport(db_path, ok=True, new_file=True)
    problems, version = found if found is not None else check_file(db_path, full=full)
    if problems:
        return IntegrityReport(db_path, ok=False, problems=problems, good_backup=newest_good_backup(db_path))
    if version > SCHEMA_VERSION:
        return IntegrityReport(db_path, ok=False, too_new=True)
    return IntegrityReport(db_path, ok=True)


def check_on_start(db_path: Path) -> IntegrityReport:
    """The start-up check (``quick_check``), run before the database is opened.

    When the report is not ``ok`` the window must not open the file: it shows
    ``report.message`` and, if ``report.good_backup`` is set, offers
    :func:`replace_with_backup`.
    """
    return _check(db_path, full=False)


class PendingCheck:
    """The start-up check running in a thread of its own; :meth:`report` waits for it."""

    def __init__(self, db_path: Path):
        from models.server import is_server_url  # noqa: PLC0415 (start-up: the check begins before peewee loads)

        self.db_path = db_path if is_server_url(db_path) else Path(db_path)
        self._found: tuple[list[str], int] | None = None
        self._thread: threading.Thread | None = None
        if not is_server_url(db_path) and self.db_path.exists():
            # SQLite releases the GIL while it reads the file, so on a second core the check
            # costs the start-up nothing.
            self._thread = threading.Thread(target=self._run, name="quick_check", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        self._found = check_file(self.db_path)

    def report(self) -> IntegrityReport:
        """The same report as :func:`check_on_start` (waits until the check has finished)."""
        if self._thread is None:
            return check_on_start(self.db_path)
        self._thread.join()
        return _check(self.db_path, full=False, found=self._found)


def start_check_on_start(db_path: Path) -> PendingCheck:
    """Begin :func:`check_on_start` in the background (only sqlite3 is needed for it).

    The program starts it first thing, then loads Qt and the models while SQLite reads
    the file; the window asks for the report before it opens the database.
    """
    return PendingCheck(db_path)


def full_check(db_path: Path) -> IntegrityReport:
    """The thorough check (``integrity_check`` and foreign keys) for the menu and ``check``.

    Safe while the program has the database open (SQLite reads a consistent snapshot).
    """
    return _check(db_path, full=True)


def backup_files(db_path: Path) -> list[Path]:
    """Backup files of this database, newest first (by the time in their name, else the file's)."""
    folder = backup_dir(Path(db_path))
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob(f"{Path(db_path).stem}-*.sqlite3") if p.is_file()]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup of ``db_path`` that passes ``quick_check`` (None when there is none)."""
    from models.migrations import SCHEMA_VERSION  # noqa: PLC0415 (start-up: the check begins before peewee loads)

    for candidate in backup_files(db_path):
        problems, version = check_file(candidate)
        if not problems and 0 < version <= SCHEMA_VERSION:
            return candidate
    return None


def set_aside(db_path: Path) -> Path:
    """Rename a broken database (with its WAL side files) so it is kept but no longer used.

    Returns the new name, e.g. ``wuzhua.损坏-20220601-093000.sqlite3``. The database must
    not be open.
    """
    db_path = Path(db_path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}.损坏-{stamp}{db_path.suffix}")
    n = 1
    while aside.exists():
        n += 1
        aside = db_path.with_name(f"{db_path.stem}.损坏-{stamp}-{n}{db_path.suffix}")
    for suffix in SIDE_SUFFIXES:
        side = Path(str(db_path) + suffix)
        if side.exists():
            side.replace(Path(str(aside) + suffix))
    db_path.replace(aside)
    return aside


def replace_with_backup(db_path: Path, backup: Path) -> Path:
    """Put the broken database aside and make ``backup`` the database; returns the aside name.

    The copy goes through the SQLite backup API into a fresh file, so the backup file itself
    stays untouched and can be used again.
    """
    db_path = Path(db_path)
    problems, _version = check_file(Path(backup))
    if problems:
        raise ValueError(f"备份文件 {Path(backup).name} 也已损坏：{'；'.join(problems[:3])}")
    aside = set_aside(db_path) if db_path.exists() else db_path
    with writing(db_path) as temp:
        copy_database(Path(backup), temp)
    return aside
