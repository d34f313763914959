"""``python -m app use-server postgresql://user@host/dbname`` (or ``--off``): this PC opens the office's server database."""

from __future__ import annotations

import argparse

from app.cli import Refused
from app.cli import print_json
from app.storage.paths import use_server

NAME = "use-server"
HELP = "本机改用办公室的数据库服务器（postgresql://用户名@服务器/数据库名，不保存密码）；--off 改回本机的数据库文件"
ORDER = 93


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", nargs="?", default=None, help="数据库服务器地址")
    parser.add_argument("--off", action="store_true", help="改回本机的数据库文件")


def run(args: argparse.Namespace) -> int:
    from models.server import ServerRefused  # noqa: PLC0415 (models only for this command)
    from models.server import server_url  # noqa: PLC0415 (models only for this command)

    if args.off == bool(args.url):
        raise Refused("请给出数据库服务器地址，或者用 --off 改回本机的数据库文件（二者选一）。")
    try:
        url = server_url(args.url) if args.url else None
    except ServerRefused as error:
        raise Refused(str(error)) from None
    note = use_server(url)
    if args.json:
        print_json({"ok": True, "server": url, "note": str(note)})
    elif url:
        print(
            f"本机以后打开数据库服务器上的 {url.name}（密码不保存：请用 PGPASSFILE 密码文件，或在打开时输入）。"
        )
    else:
        print("本机以后打开本机的数据库文件。")
    return 0
