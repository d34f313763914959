"""Schema version and ordered migrations.

The schema version lives in SQLite's ``user_version``, or on PostgreSQL in the one-row table
``wuzhua_schema_version`` (made with the tables; not a model, never exchanged):

* a **new** database (version 0, no tables) is made directly at :data:`SCHEMA_VERSION`
  from the live models and stamped with it, in one transaction;
* an **existing** database is brought up step by step from the version it carries, after
  a consistent backup (``backups/<name>-升级前-v<N>.sqlite3``); each step runs in one
  transaction with the foreign-key checks deferred to its end, so a failed step leaves the
  file as it was at the version before.

Version 1 is frozen in ``schema_v1.sql`` (written once from the program that shipped it,
shipped in the bundle beside this module): the tests build the old files from it, and
check that old file + every step gives exactly the schema a new database gets.

How to change the schema (add, rename or drop a column, a table or an index):

1. Change the model in ``models/`` as usual.
2. Write one step below that does the same to an existing file, usually through
   ``playhouse.migrate`` (``migrate(migrator.add_column("member", "wechat", field))``);
   a new NOT NULL column needs a default for the rows already there. Append it to
   :data:`MIGRATIONS` as ``(N, step)`` and set :data:`SCHEMA_VERSION` to N. Never edit a
   step that has shipped, and never edit ``schema_v1.sql``.
3. Run ``tests/models/test_migrations.py``: ``test_upgraded_schema_equals_new_schema``
   fails until the step and the model agree. Add a test there that upgrades the saved
   version-1 file (``tests/models/data/schema_v1.sqlite3.gz``) and checks the new column
   or table holds what the step promised for the records already in it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import peewee as pw

from .tables import ALL_TABLES

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

SCHEMA_VERSION = 5

# The frozen first schema, a data file of this package (collected into the bundle by
# build_spec.spec). ``models`` may not import ``app``, so it is found through
# importlib.resources rather than app.storage.paths.resource; both work frozen.
V1_SQL = "schema_v1.sql"


class SchemaRefused(RuntimeError):
    """The file cannot be used by this version of the program; the message says why (Chinese)."""


class DatabaseTooNew(SchemaRefused):
    """The file was written by a newer version of the program."""


class UnknownDatabase(SchemaRefused):
    """A SQLite file with tables but no schema version: not a database this program made."""


class UpgradeFailed(SchemaRefused):
    """A migration step failed; the file is left at the version it had before that step."""


Step = Callable[["SchemaMigrator"], None]

# the database proxy of the program, or a database of its own (a test's, the self-test's)
AnyDatabase = pw.Database | pw.DatabaseProxy


def _v2_member_roster_fields(migrator: SchemaMigrator) -> None:
    # 民族 and 转正日期 come with every 花名册 (import-members); files made at v1 lack them
    from playhouse.migrate import migrate  # noqa: PLC0415 (start-up time: see _run_steps)

    migrate(
        migrator.add_column("member", "ethnicity", pw.CharField(max_length=20, default="")),
        migrator.add_column("member", "full_date", pw.DateField(null=True, index=True)),
    )


def _v3_scoring_fields(migrator: SchemaMigrator) -> None:
    # 未报送 computed items and villages left out of a quarter's ranking (issue 15)
    from playhouse.migrate import migrate  # noqa: PLC0415 (start-up time: see _run_steps)

    migrate(
        migrator.add_column("inspection_score", "unreported", pw.BooleanField(default=False)),
        migrator.add_column("inspection", "excluded", pw.CharField(max_length=200, default="")),
    )


def _v4_town_authority(migrator: SchemaMigrator) -> None:
    # the village's report on a problem and the town's send-back; an issued notice keeps its
    # ranking (a village prints the town's figures); an import notes the package's number
    from playhouse.migrate import migrate  # noqa: PLC0415 (start-up time: see _run_steps)

    migrate(
        migrator.add_column("problem", "proposed", pw.DateField(null=True, index=True)),
        migrator.add_column("problem", "reported", pw.DateField(null=True, index=True)),
        migrator.add_column("problem", "review_note", pw.CharField(max_length=500, default="")),
        migrator.add_column("notice", "ranking", pw.TextField(default="")),
        migrator.add_column("import_log", "package_no", pw.IntegerField(null=True)),
    )


def _v5_send_back_and_receipt(migrator: SchemaMigrator) -> None:
    # 审核退回 of a village's records and the 回执 that travels back to it (issue 14)
    # written out as shipped (not from the live models, which may change later)
    for statement in (
        'CREATE TABLE "send_back" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "record_table" VARCHAR(40) NOT NULL, "record_label" VARCHAR(40) NOT NULL, "record_uuid" VARCHAR(36) NOT NULL, "summary" VARCHAR(200) NOT NULL, "date" DATE NOT NULL, "reason" VARCHAR(500) NOT NULL, "state" VARCHAR(200) NOT NULL, "resubmitted" DATE, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT)',
        'CREATE UNIQUE INDEX "send_back_uuid" ON "send_back" ("uuid")',
        'CREATE INDEX "send_back_origin" ON "send_back" ("origin")',
        'CREATE INDEX "send_back_updated_at" ON "send_back" ("updated_at")',
        'CREATE INDEX "send_back_org_id" ON "send_back" ("org_id")',
        'CREATE INDEX "send_back_record_uuid" ON "send_back" ("record_uuid")',
        'CREATE INDEX "send_back_date" ON "send_back" ("date")',
        'CREATE INDEX "send_back_resubmitted" ON "send_back" ("resubmitted")',
        'CREATE TABLE "receipt" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "date" DATE NOT NULL, "file_name" VARCHAR(260) NOT NULL, "package_no" INTEGER NOT NULL, "outcome" VARCHAR(20) NOT NULL, "text" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT)',
        'CREATE UNIQUE INDEX "receipt_uuid" ON "receipt" ("uuid")',
        'CREATE INDEX "receipt_origin" ON "receipt" ("origin")',
        'CREATE INDEX "receipt_updated_at" ON "receipt" ("updated_at")',
        'CREATE INDEX "receipt_org_id" ON "receipt" ("org_id")',
        'CREATE INDEX "receipt_date" ON "receipt" ("date")',
    ):
        migrator.database.execute_sql(_for_engine(migrator.database, statement))


def _for_engine(db: AnyDatabase, statement: str) -> str:
    """A step's CREATE statement written for SQLite, in PostgreSQL's words when the database is there.

    The types a peewee model gets on PostgreSQL: an auto-numbered key, TIMESTAMP, BOOLEAN flags.
    """
    if not _is_postgres(db):
        return statement
    return (
        statement.replace('"id" INTEGER NOT NULL PRIMARY KEY', '"id" SERIAL NOT NULL PRIMARY KEY')
        .replace(" DATETIME ", " TIMESTAMP ")
        .replace('"deleted" INTEGER NOT NULL', '"deleted" BOOLEAN NOT NULL')
    )


# (version reached, step from the version before). Append only: never edit a step that
# has shipped. Version 1 is not a step: it is schema_v1.sql.
MIGRATIONS: list[tuple[int, Step]] = [
    (2, _v2_member_roster_fields),
    (3, _v3_scoring_fields),
    (4, _v4_town_authority),
    (5, _v5_send_back_and_receipt),
]


VERSION_TABLE = "wuzhua_schema_version"


def _is_postgres(db: AnyDatabase) -> bool:
    return isinstance(getattr(db, "obj", db), pw.PostgresqlDatabase)


def current_version(db: AnyDatabase) -> int:
    """The schema version stamped in the open database (0 for a new, empty one)."""
    if not _is_postgres(db):
        return db.execute_sql("PRAGMA user_version").fetchone()[0]
    if VERSION_TABLE not in db.get_tables():
        return 0
    row = db.execute_sql(f'SELECT max("version") FROM "{VERSION_TABLE}"').fetchone()
    return int(row[0] or 0)


def _stamp(db: AnyDatabase, version: int) -> None:
    if not _is_postgres(db):
        db.execute_sql(f"PRAGMA user_version = {int(version)}")
        return
    db.execute_sql(f'CREATE TABLE IF NOT EXISTS "{VERSION_TABLE}" ("version" INTEGER NOT NULL)')
    db.execute_sql(f'DELETE FROM "{VERSION_TABLE}"')
    db.execute_sql(f'INSERT INTO "{VERSION_TABLE}" ("version") VALUES (%s)', (int(version),))


# How an existing file is backed up before it is upgraded. Set by app.storage.backup, which
# holds the program's one SQLite copy (models never imports app); without it no existing
# file is upgraded, rather than upgraded without a backup.
backup_before_upgrade: Callable[[Path | str, int], object] | None = None


def v1_statements() -> list[str]:
    """The CREATE statements of schema version 1, in order, from ``schema_v1.sql``."""
    text = resources.files("models").joinpath(V1_SQL).read_text(encoding="utf-8")
    statements, pending = [], ""
    for line in text.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return statements


def create_version_1(db: AnyDatabase) -> None:
    """Make an empty database exactly as version 1 of the program made it (tests, self-test)."""
    with db.atomic():
        for statement in v1_statements():
            db.execute_sql(statement)
        _stamp(db, 1)


def _create_current(db: AnyDatabase) -> None:
    with db.atomic():
        db.create_tables(ALL_TABLES)
        _stamp(db, SCHEMA_VERSION)


def _has_tables(db: AnyDatabase) -> bool:
    if _is_postgres(db):
        return bool(db.get_tables())
    return db.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone() is not None


def _run_step(db: AnyDatabase, version: int, step: Step, path: Path | str, backup: object) -> None:
    from playhouse.migrate import PostgresqlMigrator  # noqa: PLC0415 (start-up: it loads peewee's Postgres support, ~25 ms)
    from playhouse.migrate import SqliteMigrator  # noqa: PLC0415 (start-up: it loads peewee's Postgres support, ~25 ms)

    postgres = _is_postgres(db)
    try:
        with db.atomic():
            # the same steps on both engines; PostgreSQL checks the references itself, at once
            step(PostgresqlMigrator(db) if postgres else SqliteMigrator(db))
            broken = [] if postgres else db.execute_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                table, rowid, parent = broken[0][:3]
                raise RuntimeError(
                    f"升级后 {len(broken)} 条记录的引用无效（例如表 {table} 第 {rowid} 行引用的 {parent}）"
                )
            _stamp(db, version)
    except Exception as error:
        kept = f"升级前的备份在 {backup}。" if backup else ""
        raise UpgradeFailed(
            f"数据库文件 {path} 升级到数据结构版本 {version} 时失败：{error}。"
            f"文件保持在版本 {version - 1}，已有的记录都在。{kept}请把此信息告诉技术人员。"
        ) from error


def upgrade(db: AnyDatabase, path: Path | str) -> int:
    """Bring the schema up to :data:`SCHEMA_VERSION`; return the version found before.

    Raises :class:`DatabaseTooNew`, :class:`UnknownDatabase` or :class:`UpgradeFailed`
    (all :class:`SchemaRefused`, with a Chinese message naming the file).
    """
    found = current_version(db)
    if found > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"数据库文件 {path} 由更新版本的程序（数据结构版本 {found}）写入，"
            f"本程序只支持到版本 {SCHEMA_VERSION}。请安装新版程序后再打开，以免损坏数据。"
        )
    if found == 0:
        if _has_tables(db):
            what = f"服务器上的数据库 {path}" if _is_postgres(db) else f"文件 {path} 是 SQLite 数据库，但"
            raise UnknownDatabase(
                f"{what}不是“五抓五提升工作台”的数据库（没有数据结构版本）。"
                "为免改动别的程序的数据，本程序不打开它。请选择本程序的数据库，或换一个新的文件名。"
            )
        _create_current(db)
        return 0
    pending = [(v, step) for v, step in MIGRATIONS if found < v <= SCHEMA_VERSION]
    if not pending:
        return found
    backup = None
    if str(path) != ":memory:":
        if backup_before_upgrade is None:
            raise UpgradeFailed(f"升级数据库文件 {path} 之前无法备份，为安全起见没有升级。")
        try:
            backup = backup_before_upgrade(path, found)
        except Exception as error:  # any failed backup stops the upgrade, said in Chinese
            raise UpgradeFailed(
                f"升级数据库文件 {path} 之前备份失败（{error}），为安全起见没有升级，文件保持在版本 {found}。"
            ) from error
    # A step may rebuild a table (SQLite cannot alter a column in place); with the checks on,
    # dropping the old copy of a table others refer to would fail or cascade. They are
    # switched off only around the steps (outside a transaction, where SQLite allows it)
    # and the whole file is checked before each step commits.
    if _is_postgres(db):  # PostgreSQL alters tables in place: nothing to switch off
        for version, step in pending:
            _run_step(db, version, step, path, backup)
        return found
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        for version, step in pending:
            _run_step(db, version, step, path, backup)
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")
    return found


def schema_of(db: AnyDatabase) -> dict[str, Any]:
    """Tables, columns, foreign keys and indexes of a database, comparable with ``==``.

    Columns are keyed by name (their order in the table does not matter to the program);
    SQLite's automatic indexes by their columns, since a rebuilt table renames them; CHECK
    constraints (which no PRAGMA lists) by their text with the spaces taken out.
    """

    def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in db.execute_sql(sql).fetchall()]

    tables = [
        name
        for (name,) in rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if not name.startswith("sqlite_")
    ]
    schema: dict[str, Any] = {}
    for table in tables:
        columns = {r[1]: (r[2].upper(), r[3], r[4], r[5]) for r in rows(f'PRAGMA table_info("{table}")')}
        foreign = sorted((r[2], r[3], r[4], r[5], r[6]) for r in rows(f'PRAGMA foreign_key_list("{table}")'))
        indexes = {}
        for _, name, unique, origin, partial in rows(f'PRAGMA index_list("{table}")'):
            cols = tuple(r[2] for r in rows(f'PRAGMA index_info("{name}")'))
            key = f"auto{cols}" if name.startswith("sqlite_autoindex_") else name
            indexes[key] = (cols, unique, origin, partial)
        (sql,) = db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        schema[table] = {
            "columns": columns,
            "foreign_keys": foreign,
            "indexes": indexes,
            "checks": _checks(sql),
        }
    return schema


def _checks(create_table: str) -> list[str]:
    """The CHECK (...) expressions of a CREATE TABLE statement, without spaces, sorted."""
    found = []
    for match in re.finditer(r"\bCHECK\s*\(", create_table, re.IGNORECASE):
        depth, start = 1, match.end()
        end = start
        while end < len(create_table) and depth:
            depth += {"(": 1, ")": -1}.get(create_table[end], 0)
            end += 1
        found.append(re.sub(r"\s+", "", create_table[start : end - 1]))
    return sorted(found)
