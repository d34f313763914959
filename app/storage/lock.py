"""One copy of the program per database: a lock file next to the database.

A clerk who double-clicks the icon twice must be told that the program is already open
instead of having two windows race each other on one file.

The lock file ``<database>.lock`` holds who owns it (computer name, process id, user,
time) as JSON. Ownership itself is an operating-system lock on the file (``fcntl.flock``
on Linux, ``msvcrt.locking`` on Windows), which the system releases when the owning
process dies however it dies (power cut, Task Manager). Where the file system cannot lock
(some network shares), the recorded computer name and process id decide instead: a lock
from this computer whose process no longer runs is stale and is taken over.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from models.server import is_server_url

# The OS lock covers one byte far beyond the JSON text, so that on Windows (where byte
# locks are mandatory) another copy can still read who holds the lock.
_LOCK_OFFSET = 1 << 20
_INFO_SIZE = 1024


class DatabaseLocked(RuntimeError):
    """Another copy of the program has this database open; ``owner`` says who."""

    def __init__(self, db_path: Path, owner: dict):
        self.db_path = db_path
        self.owner = owner
        super().__init__(describe_owner(db_path, owner))


def describe_owner(db_path: Path, owner: dict) -> str:
    """The message a clerk sees when the database is already open elsewhere."""
    here = owner.get("host") == socket.gethostname()
    host = owner.get("host") or "未知"
    where = f"本机（计算机名“{host}”）" if here else f"计算机“{host}”"
    since = owner.get("time", "")
    who = owner.get("user") or ""
    details = f"（用户 {who}，进程号 {owner.get('pid', '?')}，自 {since} 起）"
    holder = owner.get("holder")
    if holder:  # a command line run, which ends by itself
        return (
            f"数据库 {db_path.name} 正被{where}上的“五抓五提升工作台”{holder}使用{details}。"
            "请等它完成后再试。"
        )
    return (
        f"数据库 {db_path.name} 已被{where}上的另一个“五抓五提升工作台”打开{details}。"
        "请切换到已打开的窗口继续工作；如果那个窗口已经关闭，请稍候再试。"
    )


def lock_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".lock")


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes  # noqa: PLC0415 (exists on one platform only)

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it runs, as another user
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it belongs to someone else
    return True


def _os_lock(fd: int) -> bool | None:
    """Take the OS lock without waiting: True taken, False held by another, None unsupported."""
    try:
        if sys.platform == "win32":
            import msvcrt  # noqa: PLC0415 (exists on one platform only)

            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl  # noqa: PLC0415 (exists on one platform only)

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except (BlockingIOError, PermissionError):
        return False
    except OSError as error:
        if sys.platform == "win32" and error.errno in (13, 36):  # EACCES / EDEADLOCK: held
            return False
        return None


def _os_unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt  # noqa: PLC0415 (exists on one platform only)

            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl  # noqa: PLC0415 (exists on one platform only)

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass  # the lock goes with the closed handle anyway


def read_owner(db_path: Path) -> dict:
    """Who the lock file says holds the database (empty when nobody)."""
    try:
        with open(lock_path(db_path), "rb") as f:
            text = f.read(_INFO_SIZE).decode("utf-8", "replace").strip(" \x00\n")
        return json.loads(text) if text else {}
    except (OSError, ValueError):
        return {}


def _is_stale(owner: dict) -> bool:
    if not owner:
        return True
    if owner.get("host") != socket.gethostname():
        return False  # another computer's process cannot be checked from here
    return not process_alive(int(owner.get("pid") or 0))


def _write_info(fd: int, info: dict) -> None:
    data = json.dumps(info, ensure_ascii=False).encode("utf-8")[: _INFO_SIZE - 1]
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data.ljust(_INFO_SIZE, b" "))
    os.fsync(fd)


@dataclass
class Lock:
    """This program's hold on one database; release it when the window closes."""

    db_path: Path
    fd: int | None
    os_locked: bool

    def release(self) -> None:
        """Give the database free for the next copy of the program (safe to call twice)."""
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            _write_info(self.fd, {})
        if self.os_locked:
            _os_unlock(self.fd)
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def acquire(db_path: str | Path, holder: str = "") -> Lock:
    """Claim the database for this copy of the program.

    Raises :class:`DatabaseLocked` (its message in Chinese, naming the computer, process
    and time) when another running copy holds it. A lock left behind by a copy that no
    longer runs is taken over silently. ``holder`` says what holds it when it is not the
    window (e.g. "命令 import-package"), for the message another copy shows.

    A database on a server is not locked (several programs work on it at once): the lock
    holds nothing, and no file is written (``Path(url)`` would make one in the current folder).
    """
    if is_server_url(db_path):
        return Lock(Path(db_path), None, False)
    db_path = Path(db_path)
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o644)
    taken = _os_lock(fd)
    if taken is False:
        os.close(fd)
        raise DatabaseLocked(db_path, read_owner(db_path) or {"pid": "?", "host": ""})
    if taken is None:
        owner = read_owner(db_path)
        if not _is_stale(owner) and owner.get("pid") != os.getpid():
            os.close(fd)
            raise DatabaseLocked(db_path, owner)
    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "user": _user(),
        "time": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
    }
    if holder:
        info["holder"] = holder
    _write_info(fd, info)
    return Lock(db_path, fd, bool(taken))


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 (no user name is not worth failing the start for)
        return ""
