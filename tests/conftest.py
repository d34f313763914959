"""Shared test set-up: offscreen Qt, a fresh temporary database for every test, the demo town."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WUZHUA_NO_BACKUP_ON_CLOSE", "1")

import app.storage.backup  # noqa: F401 (sets the backup taken before a schema upgrade, as the program does)
from models import close_database, open_database


def _finish_background_work() -> None:
    """Let a test's background work end inside that test, and delete what it left for deleting.

    A worker still running would read or write the next test's database, its callbacks would
    run in the next test, and widgets the test had closed would be deleted in the middle of it.
    """
    background = sys.modules.get("ui.background")
    if background is not None:
        assert background.wait_for_background_work(30_000), "background work still running after 30 s"
    qt_core = sys.modules.get("PySide6.QtCore")
    if qt_core is not None and qt_core.QCoreApplication.instance() is not None:
        # Called from no event handler, so deleting now is safe; pytest-qt's own
        # processEvents() leaves deleteLater() from outside an event loop pending.
        qt_core.QCoreApplication.sendPostedEvents(None, qt_core.QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """No test ever touches the user's real data folder."""
    monkeypatch.setenv("WUZHUA_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    yield
    _finish_background_work()


@pytest.fixture
def db(tmp_path: Path):
    """A fresh, empty (migrated) database file for one test."""
    path = tmp_path / "test.sqlite3"
    database = open_database(path)
    yield database
    _finish_background_work()  # before the database goes
    close_database()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    from app.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    open_database(path)
    create_demo(seed=2022)
    close_database()
    return path


@pytest.fixture
def demo_db(tmp_path: Path, _demo_template: Path):
    """A private copy of the demo town's database, opened."""
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(_demo_template, path)
    database = open_database(path)
    yield database
    _finish_background_work()  # before the database goes
    close_database()


@pytest.fixture
def usb_stick():
    """``with usb_stick(folder, size="16k", read_only=False) as stick``: a real, tiny file system.

    A tmpfs that fills up like a small USB stick, or one mounted read-only (root ignores
    file modes, a read-only mount it cannot). Skips where it cannot be mounted (not root).
    """

    @contextlib.contextmanager
    def mount(folder: Path, size: str = "16k", read_only: bool = False):
        folder.mkdir()
        if sys.platform != "linux" or os.geteuid() != 0:
            pytest.skip("mounting a tmpfs needs root on Linux")
        if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)]).returncode:
            pytest.skip("cannot mount a tmpfs here")
        try:
            if read_only:
                subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            yield folder
        finally:
            subprocess.run(["umount", "--lazy", str(folder)], check=True)

    return mount
