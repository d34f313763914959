"""The command line: ``python -m app [SUBCOMMAND] [--db PATH] [--json] …`` (see CLI.md).

Exit status: 0 done; 1 the input was refused (reason printed in Chinese); 2 wrong usage.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import pkgutil
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app import __version__
from app import commands
from app.storage.logs import log
from app.storage.logs import start_logging
from app.storage.paths import default_db_path

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class Refused(Exception):
    """The input was refused; the message says why, in Chinese."""


_ARGPARSE_WORDS = (
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"参数 \1 的值 \2 无效，可选：\3"),
    (r"argument (\S+): expected one argument", r"参数 \1 需要一个值"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"参数 \1 的值 \3 无效"),
)


def _chinese_error(message: str) -> str:
    for pattern, replacement in _ARGPARSE_WORDS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in Chinese (the clerk reads --help too)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "子命令和参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str):
        message = _chinese_error(message)  # argparse says "error: …" in English; keep exit 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"用法错误：{message}\n")


def command_modules() -> list[Any]:
    modules = []
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            modules.append(importlib.import_module(f"app.commands.{info.name}"))
    return sorted(modules, key=lambda m: getattr(m, "ORDER", 50))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m app",
        description="五抓五提升 工作台。不带子命令时打开程序窗口。",
    )
    parser.add_argument(
        "--version", action="version", version=f"五抓五提升工作台 {__version__}", help="显示版本号并退出"
    )
    parser.add_argument(
        "--db",
        type=_location,
        default=None,
        help="数据库文件，或办公室数据库服务器 postgresql://用户名@服务器/数据库名（默认：用户数据目录中的数据库）",
    )
    sub = parser.add_subparsers(dest="command", metavar="子命令", parser_class=_Parser)
    for module in command_modules():
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        p.add_argument(
            "--db",
            type=_location,
            default=argparse.SUPPRESS,
            help="数据库文件或 postgresql://用户名@服务器/数据库名",
        )
        p.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
        p.add_argument(
            "--operator",
            default=None,
            help="操作人员姓名，记入操作日志（默认：环境变量 WUZHUA_OPERATOR 或程序中保存的姓名）",
        )
        module.add_arguments(p)
        p.set_defaults(_run=module.run, _writes=getattr(module, "WRITES", False))
    return parser


def _location(text: str) -> Any:
    from models.server import ServerRefused  # noqa: PLC0415 (models only when --db is given)
    from models.server import location  # noqa: PLC0415 (models only when --db is given)

    try:
        return location(text)
    except ServerRefused as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def db_path(args: argparse.Namespace) -> Path:
    """The database named by ``--db`` (a ``Path``, or a ``ServerUrl`` that answers the same questions)."""
    return args.db if getattr(args, "db", None) else default_db_path()


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    argv = sys.argv[1:] if argv is None else list(argv)
    start_logging()
    log.info("五抓五提升工作台 %s 启动：%s", __version__, _without_password(" ".join(argv)) or "（窗口）")
    window_db = _window_wanted(argv)
    if window_db is not None:
        return _open_window(window_db)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        return _open_window(db_path(args))
    try:
        with _held_for_writing(args):
            return int(args._run(args) or 0)
    except BrokenPipeError:
        # Output piped into e.g. `head`, which stopped reading: not an error of ours.
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        return EXIT_OK
    except Exception as error:
        reason = _refusal_text(error)
        if reason is None:
            raise
        if getattr(args, "json", False):
            print_json({"ok": False, "error": reason})
        else:
            print(f"已拒绝：{reason}", file=sys.stderr)
        return EXIT_REFUSED


@contextlib.contextmanager
def _held_for_writing(args: argparse.Namespace) -> Iterator[None]:
    """A command that writes holds the database like the window does, and names its operator.

    ``WRITES`` of a command module: True, or a function of the arguments. While another
    program (a window, another command) holds the database, the command is refused with
    who holds it and since when.
    """
    writes = args._writes(args) if callable(args._writes) else bool(args._writes)
    if not writes:
        yield
        return
    from app import records  # noqa: PLC0415 (peewee and the models only for commands that write)
    from app.storage import backup  # noqa: PLC0415, F401 (registers the backup before a schema upgrade)
    from app.storage.errors import describe_os_error  # noqa: PLC0415 (only for commands that write)
    from app.storage.lock import acquire  # noqa: PLC0415 (only for commands that write)

    records.set_operator(args.operator or os.environ.get("WUZHUA_OPERATOR", ""))
    path = db_path(args)
    if not isinstance(path, Path):  # a server database: several programs write at once
        yield
        return
    try:
        lock = acquire(path, holder=f"命令 {args.command}")
    except OSError as error:
        raise Refused(f"无法锁定数据库 {path.name}：{describe_os_error(error, path)}") from error
    try:
        yield
    finally:
        lock.release()


def _window_wanted(argv: list[str]) -> Path | None:
    """The database to open the window on when the command line asks for nothing else.

    The window is what a clerk starts dozens of times a day: it must not wait for every
    subcommand (and the libraries they use) to be loaded just to build the ``--help`` text.
    None: anything beyond ``--db PATH`` is there, so the full parser decides.
    """
    rest = list(argv)
    try:
        return _window_location(rest)
    except argparse.ArgumentTypeError:
        return None  # the full parser says what is wrong with --db


def _window_location(rest: list[str]) -> Path | None:
    path: Path | None = None
    while rest:
        arg = rest.pop(0)
        if arg == "--db" and rest and rest[0] and not rest[0].startswith("-"):
            path = _location(rest.pop(0))
        elif arg.startswith("--db=") and len(arg) > len("--db="):
            path = _location(arg[len("--db=") :])
        else:
            return None
    return path if path is not None else default_db_path()


def _without_password(text: str) -> str:
    if "://" not in text:
        return text
    from models.server import hide_password  # noqa: PLC0415 (only when a server is named)

    return hide_password(text)


def _open_window(path: Path) -> int:
    # The start-up integrity check runs in the background while Qt and the models load.
    from app.storage.integrity import start_check_on_start  # noqa: PLC0415 (start-up: only the window runs it)

    pending = start_check_on_start(path)
    from ui.main import run_gui  # noqa: PLC0415 (Qt only when the window is wanted)

    return run_gui(path, pending)


def _refusal_text(error: Exception) -> str | None:
    """The Chinese reason for an error that means "this input cannot be used", else None."""
    import sqlite3  # noqa: PLC0415 (only loaded when a command failed: the start of every command stays quick)

    import peewee  # noqa: PLC0415 (only loaded when a command failed: the start of every command stays quick)

    from app.records import InvalidRecord  # noqa: PLC0415 (only loaded when a command failed: the start of every command stays quick)
    from app.storage.errors import describe_database_error  # noqa: PLC0415 (only loaded when a command failed: the start of every command stays quick)
    from app.storage.lock import DatabaseLocked  # noqa: PLC0415 (only loaded when a command failed: the start of every command stays quick)
    from app.storage.safe_write import WriteFailed  # noqa: PLC0415 (only loaded when a command failed: the start of every command stays quick)
    from models.migrations import SchemaRefused  # noqa: PLC0415 (only loaded when a command failed: the start of every command stays quick)

    if isinstance(error, Refused | SchemaRefused | DatabaseLocked | WriteFailed | InvalidRecord):
        # InvalidRecord: values the declarations refuse, and TownOwned (a village computer
        # asked to write the town's records): said as the refusal they are, never a traceback
        return str(error)
    if isinstance(error, peewee.DatabaseError | sqlite3.DatabaseError):
        return describe_database_error(error)
    return None
