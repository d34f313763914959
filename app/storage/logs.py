"""The program's log file: what happened, with tracebacks, kept in the data folder across runs.

The bundle has no console, so an error a clerk reports can only be understood from here.
The window and the command line both call :func:`start_logging` once at start.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from pathlib import Path
from types import TracebackType

from app.storage.paths import data_dir

LOG_NAME = "wuzhua.log"
MAX_BYTES = 2 * 1024 * 1024
KEEP = 5  # wuzhua.log.1 … .5 besides the current file: about 12 MB at most
FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"

log = logging.getLogger("wuzhua")
_handler: list[logging.Handler] = []


def log_file() -> Path:
    """Where the log is written: ``logs/wuzhua.log`` in the data folder."""
    return data_dir() / "logs" / LOG_NAME


def start_logging() -> Path | None:
    """Write the program's log to :func:`log_file` (rotating) and log uncaught errors there.

    Called again with another data folder (``WUZHUA_DATA_DIR``), the log moves there.
    Returns the file, or None when it cannot be written (a read-only data folder): the
    program then runs without a log rather than not at all.
    """
    path = log_file()
    root = logging.getLogger()
    if _handler and Path(getattr(_handler[0], "baseFilename", "")) == path.resolve():
        return path
    for old in _handler:
        root.removeHandler(old)
        old.close()
    _handler.clear()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8", delay=False
        )
    except OSError as error:
        sys.stderr.write(f"日志文件 {path} 无法写入：{error}\n")
        install_hooks()
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    _handler.append(handler)
    install_hooks()
    return path


def current_log_file() -> Path | None:
    """The file the log is being written to now, or None before :func:`start_logging`."""
    if not _handler:
        return None
    return Path(getattr(_handler[0], "baseFilename", ""))


def log_uncaught(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """Put an error nothing else caught into the log, with its traceback."""
    log.critical("未处理的错误：%s", error, exc_info=(kind, error, tb))


def _chain_excepthook(previous):
    def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            log_uncaught(kind, error, tb)
        previous(kind, error, tb)

    excepthook.logs_to_file = True  # type: ignore[attr-defined]
    return excepthook


def _chain_thread_excepthook(previous):
    def excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit and args.exc_value is not None:
            thread = args.thread.name if args.thread is not None else "?"
            details = (args.exc_type, args.exc_value, args.exc_traceback)
            log.critical("线程 %s 中未处理的错误：%s", thread, args.exc_value, exc_info=details)
        previous(args)

    excepthook.logs_to_file = True  # type: ignore[attr-defined]
    return excepthook


def install_hooks() -> None:
    """Log what nothing caught, on the main thread and on every other thread.

    The hooks found are still called after logging (Python's own prints to the console
    when there is one; a test runner's records the error).
    """
    if not getattr(sys.excepthook, "logs_to_file", False):
        sys.excepthook = _chain_excepthook(sys.excepthook)
    if not getattr(threading.excepthook, "logs_to_file", False):
        threading.excepthook = _chain_thread_excepthook(threading.excepthook)
