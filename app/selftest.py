"""The built program's self-test: does everything it needs come with it?

Run after building the bundle (``wuzhua-cli selftest``) and in CI (``python -m app
selftest``): it opens a database, renders the main window offscreen, prints a notice to a
temporary PDF where printing exists, upgrades a version-1 database, and exits 0 only when
every step worked. A missing font, Qt plugin, data file or hidden import shows up here
instead of on the clerk's PC.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import peewee as pw

from app.cli import command_modules
from app.cli import main
from app.storage import integrity
from app.storage.logs import start_logging
from models import Inspection
from models import close_database
from models import database
from models import migrations as mig
from models import open_database


@dataclass
class Step:
    name: str
    ok: bool
    detail: str
    seconds: float


@dataclass
class SelfTestResult:
    steps: list[Step] = field(default_factory=list)
    #: where the program's log is written (None: it cannot be written)
    log_file: Path | None = None

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps)

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "log": str(self.log_file) if self.log_file else None,
            "steps": [
                {"name": s.name, "ok": s.ok, "detail": s.detail, "seconds": round(s.seconds, 2)}
                for s in self.steps
            ],
        }


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


def _run(result: SelfTestResult, name: str, action: Callable[[], str]) -> bool:
    start = time.perf_counter()
    try:
        detail, ok = action(), True
    except Exception as error:  # noqa: BLE001 (the self-test reports every failure, then goes on)
        detail, ok = f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=4)}", False
    result.steps.append(Step(name, ok, detail, time.perf_counter() - start))
    return ok


def _prepare_database(db_path: Path, use_demo: bool) -> str:
    open_database(db_path)
    if use_demo and _has("app.demo"):
        from app.demo import create_demo  # noqa: PLC0415 (a bundle may be built without the demo)

        create_demo(seed=2022)
        what = "演示数据"
    else:
        what = "空数据库"
    close_database()
    report = integrity.full_check(db_path)
    if not report.ok:
        raise RuntimeError(report.message)
    return f"{what}，完整性检查通过（{db_path.stat().st_size // 1024} KB）"


def _render_window(db_path: Path, png: Path) -> str:
    # Qt is loaded only here, so that ``app`` stays usable without a screen library
    from ui.selftest_window import render_main_window  # noqa: PLC0415 (Qt only for this step: app stays usable without a screen library)
    from ui.selftest_window import view_modules  # noqa: PLC0415 (Qt only for this step: app stays usable without a screen library)

    width, height, tabs = render_main_window(db_path, png)
    # in the bundle the views are found only if the recipe named them all
    return f"主窗口 {width}×{height}，{tabs} 个标签页，{len(view_modules())} 个专门视图"


def _latest_quarter(db_path: Path) -> str | None:
    open_database(db_path)
    try:
        row = Inspection.live().order_by(Inspection.quarter.desc()).first()
        return row.quarter if row else None
    finally:
        close_database()


def _print_notice(db_path: Path, pdf: Path) -> str:
    # through the command line's own ``print notice``, the contract printing promises

    quarter = _latest_quarter(db_path)
    if quarter is None:
        return "数据库中没有季督查，跳过"
    said = io.StringIO()  # its "已输出…" line would spoil the self-test's own --json output
    with contextlib.redirect_stdout(said):
        status = main(["print", "notice", "--db", str(db_path), "--quarter", quarter, "--out", str(pdf)])
    if status != 0:
        raise RuntimeError(f"打印通报失败（退出码 {status}）")
    data = pdf.read_bytes()
    if not data.startswith(b"%PDF") or len(data) < 1000:
        raise RuntimeError(f"打印结果不是有效的 PDF（{len(data)} 字节）")
    word = pdf.with_suffix(".docx")  # the Word copy needs python-docx's own template in the bundle
    with contextlib.redirect_stdout(said):
        status = main(["print", "notice", "--db", str(db_path), "--quarter", quarter, "--out", str(word)])
    if status != 0 or not zipfile.is_zipfile(word):
        raise RuntimeError(f"保存通报的 Word 文件失败（退出码 {status}）")
    return f"{quarter} 通报 PDF {len(data) // 1024} KB，Word {word.stat().st_size // 1024} KB"


def _check_upgrade(work: Path) -> str:
    # An old file the clerk brings must become what a new one is: this needs the frozen
    # schema_v1.sql in the bundle and every migration step in order.
    old = work / "schema-v1.sqlite3"
    frozen = pw.SqliteDatabase(str(old))
    mig.create_version_1(frozen)
    frozen.close()
    open_database(old)
    upgraded = mig.schema_of(database)
    close_database()
    open_database(work / "schema-new.sqlite3")
    made = mig.schema_of(database)
    close_database()
    differ = sorted(t for t in set(upgraded) | set(made) if upgraded.get(t) != made.get(t))
    if differ:
        raise RuntimeError(f"由版本 1 升级后的数据结构与新建的不同：{'、'.join(differ)}")
    return f"版本 1 → {mig.SCHEMA_VERSION}，{len(made)} 张表与新建的数据库一致"


def _can_print() -> bool:
    return any(getattr(m, "NAME", "") == "print" for m in command_modules())


def _check_existing(db_path: Path) -> str:
    report = integrity.full_check(db_path)
    if not report.ok or report.new_file:
        raise RuntimeError(report.message if not report.new_file else f"找不到数据库 {db_path}")
    return report.message


def run_selftest(db_path: Path | None = None, *, use_demo: bool = True) -> SelfTestResult:
    """Run every step in a temporary folder (or on ``db_path``, left unchanged but for a check).

    The window is drawn offscreen unless a platform is already chosen, so the self-test
    never opens a visible window.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = SelfTestResult(log_file=start_logging())
    with tempfile.TemporaryDirectory(prefix="wuzhua-selftest-") as tmp:
        work = Path(tmp)
        if db_path is None:
            db_path = work / "selftest.sqlite3"
            if not _run(result, "数据库", lambda: _prepare_database(db_path, use_demo)):
                return result
        else:
            if not _run(result, "数据库", lambda: _check_existing(db_path)):
                return result
        _run(result, "主窗口", lambda: _render_window(db_path, work / "window.png"))
        if _can_print():
            _run(result, "打印", lambda: _print_notice(db_path, work / "notice.pdf"))
        else:
            result.steps.append(Step("打印", True, "本版本尚无打印命令，跳过", 0.0))
        _run(result, "数据结构升级", lambda: _check_upgrade(work))
        _run(result, "数据库服务器驱动", _check_server_driver)
    return result


def _check_server_driver() -> str:
    """The PostgreSQL driver (psycopg with its own libpq) is in the bundle and loads."""
    import psycopg  # noqa: PLC0415 (only this step, and a server database, need the driver)

    if psycopg.pq.__impl__ not in ("binary", "c"):
        raise RuntimeError(f"psycopg 使用了 {psycopg.pq.__impl__} 实现，缺少随程序提供的 libpq")
    return f"psycopg {psycopg.__version__}（{psycopg.pq.__impl__}，libpq {psycopg.pq.version()}）"
