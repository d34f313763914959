"""The lock file: a second copy of the program on the same database is told so."""

import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.storage import lock

ROOT = Path(__file__).resolve().parents[2]


def _holder(db_path: Path) -> subprocess.Popen:
    """Another process that takes the lock and keeps it until its input closes."""
    code = textwrap.dedent(
        f"""
        import sys
        from app.storage import lock
        held = lock.acquire({str(db_path)!r})
        print("held", flush=True)
        sys.stdin.read()
        held.release()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_copy_is_refused_with_who_holds_it(tmp_path):
    db_path = tmp_path / "wuzhua.sqlite3"
    proc = _holder(db_path)
    try:
        with pytest.raises(lock.DatabaseLocked) as refused:
            lock.acquire(db_path)
        assert refused.value.owner["pid"] == proc.pid
        message = str(refused.value)
        assert f"已被本机（计算机名“{socket.gethostname()}”）上的另一个" in message
        assert str(proc.pid) in message
    finally:
        proc.stdin.close()
        proc.wait(10)
    # once the other copy has closed, this one may open the database
    with lock.acquire(db_path) as held:
        assert lock.read_owner(db_path)["pid"] == os.getpid()
        assert held.fd is not None


def test_lock_of_a_killed_process_is_taken_over(tmp_path):
    db_path = tmp_path / "wuzhua.sqlite3"
    proc = _holder(db_path)
    proc.kill()
    proc.wait(10)
    # the killed copy never released: its name is still in the file
    assert lock.read_owner(db_path)["pid"] == proc.pid
    held = lock.acquire(db_path)
    assert lock.read_owner(db_path)["pid"] == os.getpid()
    held.release()


def test_release_lets_the_next_copy_in_and_is_idempotent(tmp_path):
    db_path = tmp_path / "wuzhua.sqlite3"
    first = lock.acquire(db_path)
    with pytest.raises(lock.DatabaseLocked):
        lock.acquire(db_path)  # a second handle in the same process is a second copy too
    first.release()
    first.release()
    assert lock.read_owner(db_path) == {}
    lock.acquire(db_path).release()


def test_stale_by_pid_and_host_when_the_file_system_cannot_lock(tmp_path, monkeypatch):
    db_path = tmp_path / "wuzhua.sqlite3"
    monkeypatch.setattr(lock, "_os_lock", lambda fd: None)  # e.g. a network share
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(10)
    time.sleep(0.05)
    here = socket.gethostname()
    lock.lock_path(db_path).write_text(json.dumps({"pid": dead.pid, "host": here}), encoding="utf-8")
    held = lock.acquire(db_path)  # the process is gone: stale, taken over
    held.release()

    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock.lock_path(db_path).write_text(json.dumps({"pid": alive.pid, "host": here}), encoding="utf-8")
        with pytest.raises(lock.DatabaseLocked):
            lock.acquire(db_path)
        other = {"pid": 1, "host": here + "-另一台", "time": "2022-05-01 09:00"}
        lock.lock_path(db_path).write_text(json.dumps(other), encoding="utf-8")
        with pytest.raises(lock.DatabaseLocked) as refused:
            lock.acquire(db_path)  # another computer's lock is never assumed stale
        assert "另一台" in str(refused.value)
    finally:
        alive.kill()
        alive.wait(10)


def test_process_alive():
    assert lock.process_alive(os.getpid())
    assert not lock.process_alive(0)


def test_a_server_database_is_not_locked_and_no_file_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # Path(url) is relative: a lock file would land here
    url = "postgresql://dangjian@192.168.1.10/wuzhua"
    first, second = lock.acquire(url), lock.acquire(Path(url))  # several programs at once
    first.release()
    second.release()
    assert list(tmp_path.iterdir()) == []
