"""The one database of the program: set-up, base models and the record base class.

``database`` is a proxy: :func:`models.opening.open_database` binds it to a SQLite file (WAL,
foreign keys) or to a PostgreSQL database on the office's server, and brings the schema up to
date. Every model works on either engine; the few statements written by hand ask
:func:`is_postgres` or use :func:`param` and :func:`write_transaction`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid as uuidlib
from collections.abc import Callable
from collections.abc import Iterator
from typing import Any
from typing import cast

import peewee as pw

from .fields import Text
from .fields import YesNo

database = pw.DatabaseProxy()
database.initialize(pw.SqliteDatabase(None))  # SQLite is the default; bound to a file when opened

# The key of the advisory lock that serialises writing transactions on PostgreSQL (imports):
# any 64-bit number the program's databases use for nothing else.
WRITE_LOCK_KEY = 0x57555A48  # "WUZH"

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",  # safe with WAL: a power cut loses at most the last commit
    "busy_timeout": 5000,
    "cache_size": -16000,
    "temp_store": "memory",
}


def is_postgres() -> bool:
    """The open database is on a PostgreSQL server (else a SQLite file)."""
    return isinstance(database.obj, pw.PostgresqlDatabase)


def param() -> str:
    """The parameter mark of hand-written SQL for the open engine (``?`` or ``%s``)."""
    return "%s" if is_postgres() else "?"


def _keep(value: Any) -> Any:
    return value


def _sqlite_stamp(value: Any) -> Any:
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value


def _sqlite_day(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _flag(value: Any) -> Any:
    return None if value is None else int(bool(value))


def _boolean(value: Any) -> Any:
    return None if value is None else bool(value)


def stored(field: pw.Field) -> Callable[[Any], Any]:
    """How a Python value of ``field`` goes into hand-written SQL on the open engine, as peewee stores it.

    SQLite: times and days as ISO text, flags as 0/1; PostgreSQL: psycopg adapts dates and
    times itself, and a flag is a boolean.
    """
    postgres = is_postgres()
    if isinstance(field, pw.BooleanField):
        return _boolean if postgres else _flag
    if postgres:
        return _keep
    if isinstance(field, pw.DateTimeField):
        return _sqlite_stamp
    if isinstance(field, pw.DateField):
        return _sqlite_day
    return _keep


def ids_written(models: Any) -> None:
    """After rows were inserted with their ids given: on PostgreSQL, new rows must not reuse them."""
    if not is_postgres():
        return  # SQLite takes the next id from the largest one present
    for model in models:
        if not isinstance(model._meta.primary_key, pw.AutoField):
            continue
        table = model._meta.table_name
        database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'COALESCE((SELECT max("id") FROM "{table}"), 0) + 1, false)'
        )


def write_transaction() -> Any:
    """A transaction that writes what it has checked: one at a time, whatever the engine.

    SQLite: ``BEGIN IMMEDIATE`` (the file's write lock is taken at the start). PostgreSQL: a
    transaction-scoped advisory lock taken first, so that two imports from two PCs run one
    after the other and the second sees what the first wrote; the lock ends with the
    transaction, even when the program dies.
    """
    if not is_postgres():
        return database.atomic("IMMEDIATE")
    return _LockedTransaction()


@contextlib.contextmanager
def read_snapshot() -> Iterator[None]:
    """Every query inside reads the database as it stood at the first one.

    For the work that reads many tables to give one answer (the rules, a ranking, a notice,
    a scorecard): an import committed by another clerk half-way through is not half seen.
    PostgreSQL: a REPEATABLE READ transaction. SQLite (WAL): one read transaction, which
    keeps its snapshot. Inside a transaction already (a write, an outer snapshot) it adds
    nothing: that one's view holds.
    """
    if database.in_transaction():
        yield
        return
    with database.atomic():
        if is_postgres():
            database.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


class _LockedTransaction:
    def __enter__(self):
        self._atomic = database.atomic()
        result = self._atomic.__enter__()
        database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
        return result

    def __exit__(self, *exc):
        return self._atomic.__exit__(*exc)


class EngineSQL(pw.Node):
    """A piece of hand-written DDL with one text per engine (a constraint SQLite and PostgreSQL write differently).

    SQLite keeps its text unchanged, so that files made before PostgreSQL was supported
    have exactly the schema a new file gets.
    """

    def __init__(self, sqlite: str, postgres: str):
        super().__init__()
        self.sqlite, self.postgres = sqlite, postgres

    def __sql__(self, ctx):
        return ctx.literal(self.postgres if ctx.state.param == "%s" else self.sqlite)


class BaseModel(pw.Model):
    """Every table of the program."""

    class Meta:
        database = database
        legacy_table_names = False


def now() -> dt.datetime:
    """The current local time to the microsecond (stamps on records)."""
    return dt.datetime.now().replace(tzinfo=None)


def new_uuid() -> str:
    return str(uuidlib.uuid4())


# The organisation code written into records made on this computer. The town's code by
# default; a village installation sets its own (设置 → 本机单位).
_local_origin: list[str] = [""]


def set_local_origin(code: str) -> None:
    _local_origin[0] = code


def local_origin() -> str:
    return _local_origin[0]


class Record(BaseModel):
    """A record that travels between villages and the town.

    The UUID identifies it everywhere; ``origin`` is the code of the organisation whose
    installation wrote it; ``updated_at`` decides which copy is newer when files are
    merged; deletions only set ``deleted`` so that a merge can carry them too.
    """

    # peewee adds this key itself; declared here only so the type checker knows
    # ``Model.id`` (a field, in queries) and ``record.id`` (an int).
    id: pw.AutoField[int]
    uuid = Text("标识", max_length=36, unique=True, default=None, in_table=False, exchange=True)
    origin = Text("录入单位代码", max_length=32, in_table=False, index=True)
    created_at = pw.DateTimeField(default=now, verbose_name="创建时间")
    updated_at = pw.DateTimeField(default=now, verbose_name="修改时间", index=True)
    deleted = YesNo("已删除", in_table=False)

    # Field names every record has, never shown as ordinary columns.
    SYSTEM_FIELDS = ("id", "uuid", "origin", "created_at", "updated_at", "deleted")

    def save(self, *args, touch: bool = True, **kwargs):
        if not self.uuid:
            self.uuid = new_uuid()
        if not self.origin:
            self.origin = local_origin()
        if touch:
            self.updated_at = now()
        return super().save(*args, **kwargs)

    @classmethod
    def live(cls, *fields):
        """Records not deleted."""
        return cls.select(*fields).where(cls.deleted == False)  # noqa: E712

    def soft_delete(self) -> None:
        self.deleted = True
        self.save()

    def __str__(self) -> str:
        for name in ("name", "title", "topic"):
            value = getattr(self, name, None)
            if value:
                return str(value)
        return f"{getattr(self._meta, 'verbose_name', type(self).__name__)}#{self.id}"


def tuples(query: pw.SelectBase) -> Iterator[tuple[Any, ...]]:
    """The rows of ``query`` as plain tuples: ``query.tuples()``.

    peewee's type stubs describe ``.tuples()`` as yielding model instances; code that
    unpacks the rows goes through here so that the type checker knows they are tuples.
    """
    return cast("Iterator[tuple[Any, ...]]", iter(query.tuples()))
