"""Alembic, run from code: each component of the project's data is a branch of one migration
history (shared/storage/migrations/versions), with its own version table
(``alembic_version_<component>``), so a component can live in its own SQLite file or beside
the others in one PostgreSQL database.

A database made before the migrations existed (the raw sqlite3 schemas up to issue 18) is
adopted by each branch's first revision: it creates only the tables and columns that are
missing, so the rows already there stay as they are.

Two processes starting together: on SQLite the upgrade runs in one ``BEGIN IMMEDIATE``
transaction (DDL is transactional there), on PostgreSQL under a transaction-scoped advisory
lock, so the second finds the first's work done.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import sqlalchemy as sa
from alembic import command, op
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from shared.storage.engine import Database, Location, dispose, engine_for, sqlite_file, url_for, writing

COMPONENTS = ("outbox", "handoff", "ended_sessions", "case_system")
_UPGRADED: set[tuple[str, str]] = set()
SCRIPTS = Path(__file__).resolve().parent / "migrations"


def version_table(component: str) -> str:
    return f"alembic_version_{component}"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    return cfg


def upgrade(engine: Engine, component: str, revision: str = "head") -> None:
    if component not in COMPONENTS:
        raise ValueError(f"unknown storage component {component!r}")
    cfg = _config()
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": zlib.crc32(component.encode())})
        cfg.attributes["connection"] = conn
        cfg.attributes["component"] = component
        command.upgrade(cfg, f"{component}@{revision}")


def current(engine: Engine, component: str) -> str | None:
    """The revision this database's ``component`` is at (None: never migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn, opts={"version_table": version_table(component)}).get_current_revision()


def head(component: str) -> str:
    return ScriptDirectory.from_config(_config()).get_revision(f"{component}@head").revision


def database(location: Location, component: str) -> Database:
    """The database at ``location`` with ``component``'s tables migrated to head (once a process;
    again when an SQLite file has been removed since)."""
    url = url_for(location)
    path = sqlite_file(url)
    key = (url, component)
    if path is not None and not path.exists():  # removed: connections kept open would still see the old file
        _UPGRADED.discard(key)
        dispose(url)
    engine = engine_for(url)
    if key not in _UPGRADED:
        upgrade(engine, component)
        _UPGRADED.add(key)
    return Database(engine, component)


def forget(location: Location) -> None:
    """Drop this process's engine for ``location`` and what it knew of its schema (tests that
    remove a database, or migrate it behind the process's back)."""
    url = url_for(location)
    for key in [k for k in _UPGRADED if k[0] == url]:
        _UPGRADED.discard(key)
    dispose(url)


# ---- helpers for the revisions ------------------------------------------------------------

def create_table_if_missing(name: str, *columns: sa.Column, **kwargs) -> bool:
    """op.create_table unless the table is there already (a database from before migrations)."""
    if sa.inspect(op.get_bind()).has_table(name):
        return False
    op.create_table(name, *columns, **kwargs)
    return True


def add_columns_if_missing(table: str, *columns: sa.Column) -> list[str]:
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}
    added = []
    for column in columns:
        if column.name not in have:
            op.add_column(table, column)
            added.append(column.name)
    return added


def create_index_if_missing(name: str, table: str, columns: list[str]) -> None:
    if name not in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(table)}:
        op.create_index(name, table, columns)
