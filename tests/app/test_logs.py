"""The log file: in the data folder, rotating, and with the traceback of what nothing caught."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from app.cli import main
from app.storage import logs

ROOT = Path(__file__).resolve().parents[2]


def _run_python(code: str, data: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "WUZHUA_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_the_log_is_in_the_data_folder_and_kept_across_runs(tmp_path, monkeypatch, capsys):
    data = tmp_path / "数据"
    monkeypatch.setenv("WUZHUA_DATA_DIR", str(data))
    assert main(["check", "--db", str(tmp_path / "none.sqlite3")]) in (0, 1)
    log_file = data / "logs" / "wuzhua.log"
    assert logs.current_log_file() == log_file.resolve()
    first = log_file.read_text(encoding="utf-8")
    assert "启动：check --db" in first
    main(["check", "--db", str(tmp_path / "none.sqlite3")])  # a second run adds, never truncates
    assert log_file.read_text(encoding="utf-8").startswith(first)
    assert log_file.read_text(encoding="utf-8").count("启动：check") == 2


def test_the_log_rotates_at_about_two_megabytes(tmp_path, monkeypatch):
    monkeypatch.setenv("WUZHUA_DATA_DIR", str(tmp_path))
    log_file = logs.start_logging()
    assert log_file == tmp_path / "logs" / "wuzhua.log"
    line = "导入 东沟村交换包：" + "记录" * 40
    for _ in range(logs.MAX_BYTES // len(line.encode()) * 2):
        logging.getLogger("wuzhua.test").info(line)
    rotated = sorted(p.name for p in log_file.parent.iterdir())
    assert rotated[:2] == ["wuzhua.log", "wuzhua.log.1"]
    # at most one line over (the handler measures a line in characters, the file in bytes)
    assert all(p.stat().st_size <= logs.MAX_BYTES + 3 * len(line) + 200 for p in log_file.parent.iterdir())
    assert line in (log_file.parent / "wuzhua.log.1").read_text(encoding="utf-8")  # UTF-8, whole lines


def test_an_uncaught_error_is_logged_with_its_traceback(tmp_path):
    code = (
        "from app.storage.logs import start_logging\n"
        "start_logging()\n"
        "def import_village():\n"
        "    raise RuntimeError('第3行无法读取')\n"
        "import_village()\n"
    )
    done = _run_python(code, tmp_path)
    assert done.returncode == 1 and "RuntimeError" in done.stderr  # Python's own report still comes
    logged = (tmp_path / "logs" / "wuzhua.log").read_text(encoding="utf-8")
    assert "CRITICAL" in logged and "未处理的错误：第3行无法读取" in logged
    assert "Traceback (most recent call last)" in logged and "in import_village" in logged


def test_an_error_on_another_thread_is_logged_with_its_traceback(tmp_path):
    code = (
        "import threading\n"
        "from app.storage.logs import start_logging\n"
        "start_logging()\n"
        "def count_pages():\n"
        "    return 1 / 0\n"
        "worker = threading.Thread(target=count_pages, name='打印线程')\n"
        "worker.start(); worker.join()\n"
    )
    done = _run_python(code, tmp_path)
    assert done.returncode == 0 and "ZeroDivisionError" in done.stderr
    logged = (tmp_path / "logs" / "wuzhua.log").read_text(encoding="utf-8")
    assert "线程 打印线程 中未处理的错误" in logged
    assert "ZeroDivisionError" in logged and "in count_pages" in logged


def test_a_data_folder_that_cannot_be_written_leaves_the_program_running(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setenv("WUZHUA_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(logs, "log_file", lambda: blocked / "logs" / "wuzhua.log")
    assert logs.start_logging() is None
    assert logs.current_log_file() is None
