"""A whole database copied between SQLite and PostgreSQL, and proved equal: counts and a content hash per table.

Used by ``migrate-db`` (a town moving its file to the office's server, or back) and by the
backup of a server database, which is written as the same SQLite backup file a SQLite
database gets. The source is read in one snapshot (SQLite: one read transaction;
PostgreSQL: ``REPEATABLE READ, READ ONLY``), so a clerk saving meanwhile is either wholly in
the copy or not at all. The copy is made with database objects of its own: the program's
own connection (and the models' binding) is left alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee as pw
from peewee import format_date_time  # type: ignore[attr-defined]
from peewee import sort_models  # type: ignore[attr-defined]

from models import migrations
from models.db import PRAGMAS
from models.server import is_server_url
from models.server import server_url
from models.tables import ALL_TABLES

BATCH = 2000


class CopyRefused(RuntimeError):
    """The copy cannot be made or did not come out equal; the message says why (Chinese)."""


def connect(location: str | Path, *, new_file: bool = False, read_only: bool = False) -> pw.Database:
    """A database object of its own on ``location`` (a SQLite file or a server URL), connected.

    ``new_file``: a SQLite file this copy writes, kept as one self-contained file (no WAL side
    files), as a backup made through SQLite's backup API is. ``read_only``: a SQLite file only
    read (the source of a copy, a backup being restored), left exactly as it was: not switched
    to WAL, not touched at all.
    """
    if is_server_url(location):
        url = server_url(location)
        db: pw.Database = pw.PostgresqlDatabase(url.dbname, **url.connect_params())  # type: ignore[arg-type]
    elif read_only:
        pragmas = {k: v for k, v in PRAGMAS.items() if k != "journal_mode"}
        uri = Path(location).resolve().as_uri() + "?mode=ro"
        db = pw.SqliteDatabase(uri, uri=True, pragmas=pragmas)
    else:
        pragmas = {**PRAGMAS, "journal_mode": "delete"} if new_file else PRAGMAS
        db = pw.SqliteDatabase(str(location), pragmas=pragmas)
    db.connect()
    return db


def _postgres(db: pw.Database) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


def _tables() -> list[type[pw.Model]]:
    return list(sort_models(ALL_TABLES))


def _columns(model: type[pw.Model]) -> list[pw.Field]:
    return list(model._meta.sorted_fields)


def _key_columns(model: type[pw.Model]) -> list[str]:
    key = model._meta.primary_key
    if isinstance(key, pw.CompositeKey):
        return [model._meta.fields[n].column_name for n in key.field_names]
    return [key.column_name]  # type: ignore[union-attr]


def _select_sql(model: type[pw.Model]) -> str:
    names = ", ".join(f'"{f.column_name}"' for f in _columns(model))
    order = ", ".join(f'"{c}"' for c in _key_columns(model))
    return f'SELECT {names} FROM "{model._meta.table_name}" ORDER BY {order}'


def _canonical(field: pw.Field, value: Any) -> Any:
    """One value as both engines give it back, made equal (SQLite keeps times as text, flags as 0/1)."""
    if value is None:
        return None
    if isinstance(field, pw.BooleanField):
        return bool(value)
    if isinstance(field, pw.DateTimeField):
        if isinstance(value, str):
            value = format_date_time(value, field.formats)
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else str(value)
    if isinstance(field, pw.DateField):
        if isinstance(value, str):
            value = format_date_time(value, field.formats)
        if isinstance(value, dt.datetime):
            value = value.date()
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(field, pw.FloatField):
        return float(value)
    return value


def _rows(db: pw.Database, model: type[pw.Model]) -> Iterator[tuple[Any, ...]]:
    fields = _columns(model)
    cursor = db.execute_sql(_select_sql(model))
    while True:
        batch = cursor.fetchmany(BATCH)
        if not batch:
            return
        for raw in batch:
            yield tuple(_canonical(f, v) for f, v in zip(fields, raw, strict=True))


def table_digest(db: pw.Database, model: type[pw.Model]) -> tuple[int, str]:
    """(rows, SHA-256 of their canonical text) of one table, in id order."""
    digest = hashlib.sha256()
    count = 0
    for row in _rows(db, model):
        digest.update(repr(row).encode("utf-8"))
        digest.update(b"\n")
        count += 1
    return count, digest.hexdigest()


def digests(db: pw.Database) -> dict[str, tuple[int, str]]:
    """{table: (rows, hash)} of every table of the program."""
    return {m._meta.table_name: table_digest(db, m) for m in _tables()}


def _snapshot(db: pw.Database) -> Any:
    if _postgres(db):
        return db.transaction(isolation_level="REPEATABLE READ")
    return db.atomic()


def is_empty(db: pw.Database) -> bool:
    """No table of the program holds a row (or there are none yet)."""
    present = set(db.get_tables())
    for model in _tables():
        table = model._meta.table_name
        if table in present and db.execute_sql(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
            return False
    return True


def create_schema(db: pw.Database) -> None:
    """The current schema in an empty database, exactly as a new database of the program gets it."""
    with db.atomic():
        for model in _tables():
            pw.SchemaManager(model, database=db).create_all(safe=True)
        migrations._stamp(db, migrations.SCHEMA_VERSION)


def _to_target(field: pw.Field, value: Any, postgres: bool) -> Any:
    if value is None:
        return None
    if isinstance(field, pw.BooleanField):
        return bool(value) if postgres else int(bool(value))
    if postgres and isinstance(field, pw.DateTimeField | pw.DateField) and isinstance(value, str):
        return format_date_time(value, field.formats)
    return value


def copy_rows(source: pw.Database, target: pw.Database) -> dict[str, tuple[int, str]]:
    """Copy every row of ``source`` into the empty, made ``target``; return the source's digests.

    One snapshot of the source; one transaction on the target (all or nothing).
    """
    postgres = _postgres(target)
    mark = "%s" if postgres else "?"
    with _snapshot(source):
        version = migrations.current_version(source)
        if version != migrations.SCHEMA_VERSION:
            raise CopyRefused(
                f"源数据库的数据结构版本是 {version}，本程序是 {migrations.SCHEMA_VERSION}："
                "请先用本程序打开一次源数据库（升级）后再复制。"
            )
        with target.atomic():
            for model in _tables():
                fields = _columns(model)
                table = model._meta.table_name
                names = ", ".join(f'"{f.column_name}"' for f in fields)
                sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join(mark for _ in fields)})'
                batch: list[tuple[Any, ...]] = []
                for row in _rows(source, model):
                    batch.append(tuple(_to_target(f, v, postgres) for f, v in zip(fields, row, strict=True)))
                    if len(batch) >= BATCH:
                        target.cursor().executemany(sql, batch)
                        batch = []
                if batch:
                    target.cursor().executemany(sql, batch)
                if postgres and isinstance(model._meta.primary_key, pw.AutoField):
                    # the next new row must not reuse a copied id
                    target.execute_sql(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                        f'COALESCE((SELECT max("id") FROM "{table}"), 0) + 1, false)'
                    )
        return digests(source)


def copy_database(source: str | Path, target: str | Path) -> dict[str, tuple[int, str]]:
    """Copy the whole database ``source`` into ``target`` (SQLite file or server URL) and prove them equal.

    ``target`` must be empty (a new file, or a server database without rows). Returns
    {table: (rows, hash)}. Raises :class:`CopyRefused` with a Chinese message.
    """
    if str(source) == str(target):
        raise CopyRefused("源数据库和目标数据库是同一个，无法复制。")
    if not is_server_url(source) and not Path(source).is_file():
        raise CopyRefused(f"源数据库文件 {source} 不存在。")
    new_file = not is_server_url(target) and not Path(target).exists()
    src = connect(source, read_only=True)
    try:
        dst = connect(target, new_file=new_file)
        try:
            if not is_empty(dst):
                raise CopyRefused(
                    f"目标数据库 {_name(target)} 中已有数据。为免覆盖，只能复制到空数据库：请新建一个空数据库后再试。"
                )
            with dst.atomic():  # compared before it is committed: a copy that differs is not kept
                create_schema(dst)
                expected = copy_rows(src, dst)
                got = digests(dst)
                differ = [t for t in expected if expected[t] != got.get(t)]
                if differ:
                    raise CopyRefused(
                        f"复制后表 {'、'.join(differ)} 的内容与源数据库不一致，没有写入目标数据库。"
                    )
            return expected
        except pw.OperationalError as error:
            # a commit that failed (a full stick) is followed by a rollback that fails too: the
            # cause is the first error
            if new_file:
                dst.close()
                _remove_file(target)
            if "no transaction is active" in str(error):
                cause: BaseException = error
                while cause.__context__ is not None:
                    cause = cause.__context__
                if cause is not error:
                    raise cause from None
            raise
        except BaseException:
            if new_file:  # a file this copy began is removed: nothing half-written is left
                dst.close()
                _remove_file(target)
            raise
        finally:
            dst.close()
    finally:
        src.close()


def replace_contents(source: Path, target: str) -> dict[str, tuple[int, str]]:
    """Make the server database ``target`` hold exactly what the backup file ``source`` holds.

    One transaction on the server: the other clerks see the old rows or the restored ones,
    never a mixture; a copy that does not come out equal is rolled back.
    """
    src = connect(source, read_only=True)
    try:
        dst = connect(target)
        try:
            with dst.atomic():
                tables = ", ".join(f'"{m._meta.table_name}"' for m in _tables())
                dst.execute_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
                expected = copy_rows(src, dst)
                got = digests(dst)
                differ = [t for t in expected if expected[t] != got.get(t)]
                if differ:
                    raise CopyRefused(f"恢复后表 {'、'.join(differ)} 的内容与备份不一致，数据库未改变。")
            return expected
        finally:
            dst.close()
    finally:
        src.close()


def _remove_file(target: str | Path) -> None:
    """A file this copy began is removed: nothing half-written is left."""
    for leftover in (Path(target), *(Path(f"{target}{s}") for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)


def _name(location: str | Path) -> str:
    return server_url(location).name if is_server_url(location) else str(location)
