"""A database on the office's PostgreSQL server, named by a URL ``postgresql://user@host[:port]/dbname``.

The password is never part of what the program keeps: not in the settings, not in the log.
libpq finds it in the standard password file (``PGPASSFILE``, or ``~/.pgpass`` /
``%APPDATA%\\postgresql\\pgpass.conf``) or in ``PGPASSWORD``; otherwise the program asks for
it (:func:`set_password`) and holds it only in memory.
"""

from __future__ import annotations

from urllib.parse import unquote
from urllib.parse import urlsplit

SCHEMES = ("postgresql", "postgres")

# Passwords typed in this run, by safe URL; in memory only.
_passwords: dict[str, str] = {}


class ServerRefused(ValueError):
    """The text names a server database in a way the program cannot use (message in Chinese)."""


def is_server_url(location: object) -> bool:
    """``location`` (a str, a Path or a :class:`ServerUrl`) names a PostgreSQL database.

    ``Path(url)`` (which code written for files makes of it) folds ``//`` into ``/``; that
    form is recognised too, so that such code still finds the server, not a folder.
    """
    text = str(location)
    return any(text.startswith(f"{scheme}:/") for scheme in SCHEMES)


def server_url(location: object) -> ServerUrl:
    """The :class:`ServerUrl` of ``location`` (also when it went through ``Path``)."""
    if isinstance(location, ServerUrl):
        return location
    text = str(location)
    for scheme in SCHEMES:
        if text.startswith(f"{scheme}:/") and not text.startswith(f"{scheme}://"):
            text = f"{scheme}://" + text[len(scheme) + 2 :]
    return ServerUrl(text)


class ServerUrl(str):
    """``postgresql://user@host:port/dbname`` without a password (it is dropped when given).

    A str, so that it can stand where a database file's path is printed; ``name`` is what the
    clerk sees (``dbname@host``).
    """

    user: str
    host: str
    port: int | None
    dbname: str

    def __new__(cls, text: str) -> ServerUrl:
        parts = urlsplit(str(text).strip())
        if parts.scheme not in SCHEMES:
            raise ServerRefused(
                f"“{text}”不是数据库服务器的地址（应为 postgresql://用户名@服务器/数据库名）。"
            )
        dbname = unquote(parts.path.lstrip("/"))
        if not parts.hostname or not dbname or "/" in dbname:
            raise ServerRefused(
                "数据库服务器的地址应为 postgresql://用户名@服务器[:端口]/数据库名，"
                "例如 postgresql://dangjian@192.168.1.10/wuzhua；收到的地址缺少服务器或数据库名。"
            )
        try:
            port = parts.port
        except ValueError:
            raise ServerRefused("数据库服务器地址中的端口应为 1 到 65535 之间的数字。") from None
        user = unquote(parts.username or "")
        host = parts.hostname
        netloc = (f"{parts.username}@" if parts.username else "") + (f"[{host}]" if ":" in host else host)
        if port:
            netloc += f":{port}"
        self = super().__new__(cls, f"postgresql://{netloc}/{parts.path.lstrip('/')}")
        self.user, self.host, self.port, self.dbname = user, host, port, dbname
        if parts.password is not None:  # used for this run only; never kept or logged
            _passwords[str(self)] = unquote(parts.password)
        return self

    @property
    def name(self) -> str:
        return f"{self.dbname}@{self.host}"

    @property
    def folder_name(self) -> str:
        """A folder name for what the program keeps of this database on this PC (its backups)."""
        import re  # noqa: PLC0415 (kept beside its one use)

        return re.sub(r"[^\w.-]", "_", f"{self.host}-{self.port or 5432}-{self.dbname}")

    @property
    def stem(self) -> str:
        """The first part of backup names (``wuzhua-20220708-093000.sqlite3``), as a file's stem is."""
        return self.dbname

    def exists(self) -> bool:
        """A database on a server is taken to exist: connecting says otherwise, in libpq's words."""
        return True

    def connect_params(self) -> dict[str, object]:
        """Keyword arguments of ``psycopg.connect`` (libpq reads the password file itself)."""
        params: dict[str, object] = {"host": self.host, "application_name": _application_name()}
        if self.user:
            params["user"] = self.user
        if self.port:
            params["port"] = self.port
        password = _passwords.get(str(self))
        if password is not None:
            params["password"] = password
        params["connect_timeout"] = 10
        return params


def location(text: str | object) -> object:
    """What ``--db`` names: a :class:`ServerUrl`, or else a file's ``Path``."""
    from pathlib import Path  # noqa: PLC0415 (kept beside its one use)

    return server_url(text) if is_server_url(text) else Path(str(text))


def _application_name() -> str:
    # who this copy is on the server (see app.storage.sessions, which reads them back)
    import os  # noqa: PLC0415 (kept beside its one use)
    import socket  # noqa: PLC0415 (kept beside its one use)

    # ASCII: PostgreSQL keeps only printable ASCII in application_name
    name = f"wuzhua/{socket.gethostname()}/{os.getpid()}"
    return name.encode("utf-8")[:63].decode("utf-8", "ignore")


def set_password(url: ServerUrl, password: str) -> None:
    """Use ``password`` for ``url`` in this run (typed by the clerk; kept in memory only)."""
    _passwords[str(url)] = password


def hide_password(text: str) -> str:
    """``text`` with the password of any server URL in it replaced by ``***`` (for the log)."""
    import re  # noqa: PLC0415 (only when a URL is in the text)

    if "://" not in text:
        return text
    return re.sub(r"(postgres(?:ql)?://[^:/@\s]*):[^@\s]*@", r"\1:***@", text)


def needs_password(error: BaseException) -> bool:
    """The server refused the connection for want of a (right) password."""
    text = str(error)
    return "password" in text and ("no password supplied" in text or "authentication failed" in text)
