"""Shared test set-up: offscreen Qt, a fresh temporary database for every test, the demo town.

With ``WUZHUA_TEST_POSTGRES=postgresql://user@host[:port]/maintenance_db`` (as ``.ci/run`` sets
it) the ``db`` and ``demo_db`` fixtures are databases on that server instead of SQLite files:
``db`` is one empty database per session with every table emptied before each test;
``demo_db`` a clone of the demo town (made once per session), dropped after the test. Tests that need SQLite's own features carry
``@pytest.mark.sqlite_only("why")`` and are skipped there with that reason.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WUZHUA_NO_BACKUP_ON_CLOSE", "1")

import app.storage.backup  # noqa: F401 (sets the backup taken before a schema upgrade, as the program does)
from models import close_database
from models import open_database


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
        # What the test left in cycles (dialogs it ran) is freed here, on the GUI thread, as
        # the program does (ui.gui_collector): never by a later test's worker thread.
        from ui import gui_collector

        gui_collector.install()
        gc.collect()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """No test ever touches the user's real data folder."""
    monkeypatch.setenv("WUZHUA_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    yield
    _finish_background_work()


POSTGRES = os.environ.get("WUZHUA_TEST_POSTGRES", "")
ENGINE = "postgresql" if POSTGRES else "sqlite"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): needs SQLite itself (a file, its backup API, file locks); skipped on PostgreSQL",
    )


def pytest_collection_modifyitems(config, items):
    if not POSTGRES:
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "")
            item.add_marker(pytest.mark.skip(reason=f"只在 SQLite 上：{reason}"))


class _Server:
    """The test server: databases made from templates, one per test, dropped after it."""

    def __init__(self, maintenance_url: str):
        import psycopg

        from models.server import ServerUrl

        self.url = ServerUrl(maintenance_url)
        self.conn = psycopg.connect(dbname=self.url.dbname, autocommit=True, **self.url.connect_params())
        self.prefix = f"wuzhua_test_{os.getpid()}"
        self.count = 0
        self.made: list[str] = []

    def url_of(self, name: str) -> str:
        return self.url.rsplit("/", 1)[0] + "/" + name

    def create(self, name: str, template: str | None = None) -> str:
        self.conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        how = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        self.conn.execute(f'CREATE DATABASE "{name}"{how}')
        self.made.append(name)
        return self.url_of(name)

    def clone(self, template: str) -> tuple[str, str]:
        self.count += 1
        name = f"{self.prefix}_{self.count}"
        return name, self.create(name, template)

    def drop(self, name: str) -> None:
        self.conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.made:
            self.made.remove(name)

    def close(self) -> None:
        for name in list(self.made):
            self.drop(name)
        self.conn.close()


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL server of the test run (None on SQLite)."""
    if not POSTGRES:
        yield None
        return
    server = _Server(POSTGRES)
    yield server
    server.close()


@pytest.fixture(scope="session")
def _empty_template(pg_server) -> str | None:
    if pg_server is None:
        return None
    name = f"{pg_server.prefix}_empty"
    open_database(pg_server.create(name))
    close_database()
    return name


# where the test's ``db`` or ``demo_db`` is: its file, or its URL on the test server
_location: list[Path | str] = [""]


@pytest.fixture
def db_location(request) -> Path | str:
    """The test's database as ``--db`` and the window name it (a file, or a ``postgresql://`` URL)."""
    for name in ("db", "demo_db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
    return _location[0]


@contextlib.contextmanager
def _opened_clone(pg_server, template: str):
    name, url = pg_server.clone(template)
    _location[0] = url
    database = open_database(url)
    try:
        yield database
    finally:
        _finish_background_work()  # before the database goes
        close_database()
        pg_server.drop(name)


@pytest.fixture
def db(tmp_path: Path, pg_server, _empty_template):
    """A fresh, empty (migrated) database for one test: a file, or on the test server the session's
    empty database with every table emptied (cheaper than a new database per test)."""
    if pg_server is not None:
        from models.tables import ALL_TABLES

        url = _location[0] = pg_server.url_of(_empty_template)
        database = open_database(url)
        tables = ", ".join(f'"{m._meta.table_name}"' for m in ALL_TABLES)
        database.execute_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        yield database
        _finish_background_work()  # before the database goes
        close_database()
        return
    path = _location[0] = tmp_path / "test.sqlite3"
    database = open_database(path)
    yield database
    _finish_background_work()  # before the database goes
    close_database()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory, pg_server) -> Path | str:
    from app.demo import create_demo

    if pg_server is not None:
        name = f"{pg_server.prefix}_demo"
        open_database(pg_server.create(name))
        create_demo(seed=2022)
        close_database()
        return name
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    open_database(path)
    create_demo(seed=2022)
    close_database()
    return path


@pytest.fixture
def demo_db(tmp_path: Path, _demo_template: Path | str, pg_server):
    """A private copy of the demo town's database, opened."""
    if pg_server is not None:
        with _opened_clone(pg_server, str(_demo_template)) as database:
            yield database
        return
    path = _location[0] = tmp_path / "demo.sqlite3"
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
