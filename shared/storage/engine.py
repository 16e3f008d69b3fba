"""Engines, one per database URL in a process, and the transactions the stores use.

A location is a path (an SQLite file, the embedded default under var/) or a SQLAlchemy URL
(``postgresql://user@host/db``). The stores open one through ``migrate.database``, which
upgrades their component's tables first.

SQLite: WAL (two processes read and write one file), a 10 s busy timeout, synchronous=FULL (a
reference given to a resident or a 201 from the case system must survive a crash); the driver's
own transaction handling is switched off and BEGIN is sent here, ``BEGIN IMMEDIATE`` for a
writing transaction. PostgreSQL: READ COMMITTED; claims lock rows (FOR UPDATE SKIP LOCKED).
"""

from __future__ import annotations

import asyncio
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, TypeVar, Union

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool

Location = Union[str, Path]
T = TypeVar("T")

_LOCK = threading.Lock()
_ENGINES: dict[str, Engine] = {}
_WRITE = "asb_write"


def is_url(location: Location) -> bool:
    return "://" in str(location)


def url_for(location: Location) -> str:
    """A SQLAlchemy URL for a path or a URL (returned as it is)."""
    if is_url(location):
        return str(location)
    return f"sqlite:///{Path(location).expanduser().resolve()}"


def sqlite_file(url: str) -> Optional[Path]:
    if not url.startswith("sqlite:///"):
        return None
    return Path(url[len("sqlite:///"):])


def _new_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # A few connections kept open: a connection and its PRAGMAs cost more than the query
        # (the Rasa server reads the handoff state on every message).
        engine = sa.create_engine(url, future=True, poolclass=QueuePool, pool_size=4, max_overflow=8,
                                  connect_args={"timeout": 10, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # BEGIN is ours (below), not the driver's guess
            cursor = dbapi_connection.cursor()
            for pragma in ("journal_mode=WAL", "busy_timeout=10000", "synchronous=FULL"):
                cursor.execute(f"PRAGMA {pragma}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Connection) -> None:
            immediate = connection.get_execution_options().get(_WRITE)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return sa.create_engine(url, future=True, pool_pre_ping=True, pool_size=5, max_overflow=10)


def engine_for(location: Location) -> Engine:
    url = url_for(location)
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            path = sqlite_file(url)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            engine = _ENGINES[url] = _new_engine(url)
        return engine


@dataclass(frozen=True)
class Database:
    """An engine with its component's schema up to date. ``close`` is for ``closing()``:
    engines are shared by everything in the process that opens the same URL."""

    engine: Engine
    component: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        """For logs and messages: the password, if any, shown as ***."""
        return repr(self.engine.url)

    def close(self) -> None:
        pass


def dispose(location: Location) -> None:
    """Drop this process's engine for ``location``."""
    with _LOCK:
        engine = _ENGINES.pop(url_for(location), None)
    if engine is not None:
        engine.dispose()


def _bind(db: Union[Database, Engine]) -> Engine:
    return db.engine if isinstance(db, Database) else db


@contextmanager
def writing(db: Union[Database, Engine]) -> Iterator[Connection]:
    """One transaction that writes; committed when the block ends, rolled back on an error."""
    with _bind(db).connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


@contextmanager
def reading(db: Union[Database, Engine]) -> Iterator[Connection]:
    """One transaction that only reads (a consistent snapshot on both databases)."""
    with _bind(db).connect() as conn:
        with conn.begin():
            yield conn


def upsert(conn: Connection, table: sa.Table, values: dict, keys: Iterable[str],
           update: Optional[Iterable[str]] = None, also: Optional[dict] = None) -> int:
    """INSERT … ON CONFLICT (keys) DO UPDATE SET each of ``update`` from the new row (and the
    values in ``also``), or DO NOTHING when there is nothing to update. Returns the rowcount."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(table).values(**values)
    changes = {name: stmt.excluded[name] for name in (update or ())}
    changes.update(also or {})
    if changes:
        stmt = stmt.on_conflict_do_update(index_elements=list(keys), set_=changes)
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
    return conn.execute(stmt).rowcount


async def blocking(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a store call in a worker thread: database calls never block an event loop."""
    return await asyncio.to_thread(call, *args, **kwargs)


async def blocking_within(seconds: float, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``blocking``, given up after ``seconds`` (``asyncio.TimeoutError``), for code that must
    answer in time: a resident or an operator is waiting. A thread cannot be stopped, so the call
    may still finish after that: use it where a late write is harmless (idempotent, or allowed
    for by the caller's failure path) or for reads."""
    return await asyncio.wait_for(blocking(call, *args, **kwargs), seconds)
