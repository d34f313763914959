"""The command line plays by the window's rules: the lock, the operator, two imports at once."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from app.storage.lock import acquire
from models import AuditEntry
from models import Deed
from models import ImportLog
from models import close_database
from models import open_database

ROOT = Path(__file__).resolve().parents[3]


def _filled(db_file: Path, tmp_path: Path, capsys) -> Path:
    close_database()
    template = tmp_path / "模板.xlsx"
    assert main(["export-template", "--db", str(db_file), "--org", "zd01", "--out", str(template)]) == 0
    capsys.readouterr()
    book = openpyxl.load_workbook(template)
    ws = book["办实事"]
    for c, value in enumerate(("王建国", "2022.5.1", "帮办代办", "修路"), start=1):
        ws.cell(row=3, column=c, value=value)
    filled = tmp_path / "已填.xlsx"
    book.save(filled)
    return filled


@pytest.mark.sqlite_only("the lock file beside a SQLite file; on a server several programs write at once")
def test_import_is_refused_while_another_program_holds_the_database(db_location, town, tmp_path, capsys):
    db_file = db_location
    filled = _filled(db_file, tmp_path, capsys)
    with acquire(db_file):  # the window is open on it
        code = main(["import-package", "--db", str(db_file), str(filled)])
    err = capsys.readouterr().err
    assert code == 1
    assert socket.gethostname() in err and "自 " in err and "起" in err
    open_database(db_file)
    assert Deed.select().count() == 0
    close_database()
    assert main(["import-package", "--db", str(db_file), str(filled)]) == 0  # free again


def test_reading_commands_run_beside_the_window(db_location, town, tmp_path, capsys):
    db_file = db_location
    close_database()
    with acquire(db_file):
        assert main(["import-package", "--db", str(db_file), "--history"]) == 0


def test_operator_from_the_option_then_the_environment_never_empty(
    db_location, town, tmp_path, capsys, monkeypatch
):
    db_file = db_location
    filled = _filled(db_file, tmp_path, capsys)
    monkeypatch.setenv("WUZHUA_OPERATOR", "李四")
    assert main(["import-package", "--db", str(db_file), str(filled), "--operator", "张三"]) == 0
    open_database(db_file)
    assert {e.operator for e in AuditEntry.select()} == {"张三"}
    assert ImportLog.select().order_by(ImportLog.id.desc()).first().operator == "张三"
    Deed.delete().execute()
    close_database()
    assert main(["import-package", "--db", str(db_file), str(filled)]) == 0
    open_database(db_file)
    assert ImportLog.select().order_by(ImportLog.id.desc()).first().operator == "李四"
    monkeypatch.delenv("WUZHUA_OPERATOR")
    close_database()
    assert main(["import-package", "--db", str(db_file), str(filled), "--dry-run"]) == 0
    open_database(db_file)
    assert all(e.operator for e in AuditEntry.select())
    assert all(log.operator for log in ImportLog.select())


@pytest.mark.skipif(sys.platform == "win32", reason="runs two processes on one file")
def test_two_imports_at_once_one_waits_or_is_refused_nothing_doubled(db_location, town, tmp_path, capsys):
    db_file = db_location
    filled = _filled(db_file, tmp_path, capsys)
    close_database()
    env = {**os.environ, "PYTHONFAULTHANDLER": "1"}
    command = [sys.executable, "-m", "app", "import-package", "--db", str(db_file), str(filled)]
    runs = [
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    ]
    runs.append(
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    )
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    assert sorted(code for code, _out, _err in results) in ([0, 0], [0, 1])
    for code, _out, err in results:
        assert "Traceback" not in err and "UNIQUE" not in err
        if code == 1:
            assert "命令 import-package" in err and socket.gethostname() in err
    open_database(db_file)
    assert Deed.select().count() == 1
    assert not list(tmp_path.glob("**/*.part"))


def test_a_plan_is_checked_again_when_written(db_location, town, tmp_path, capsys):
    """Two previews of one file, imported one after the other: the second finds the rows there."""
    from app import exchange

    db_file = db_location
    filled = _filled(db_file, tmp_path, capsys)
    open_database(db_file)
    first, second = exchange.plan_import(filled), exchange.plan_import(filled)
    assert second.totals()["新增"] == 1
    assert exchange.apply_plan(first).written == 1
    assert exchange.apply_plan(second).written == 0  # no UNIQUE constraint failed
    assert Deed.select().count() == 1
