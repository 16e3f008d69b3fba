"""The databases the store tests run on: an SQLite file, and PostgreSQL 15 in a throwaway
cluster (issue 18). Fixtures imported by the conftest.py of the folders that use them
(tests/storage, tests/delivery).

``postgres_server`` (once a test session): ``initdb`` in a temporary folder, ``postgres`` on a
free port listening only on a unix socket in that folder, stopped and removed afterwards. As
root it runs as the ``postgres`` user (``runuser``), since PostgreSQL refuses root. The
binaries are Debian's (``/usr/lib/postgresql/15/bin``, or ``ASB_TEST_PG_BIN``); when they are
missing the PostgreSQL tests fail, they are never skipped.

``location`` (each test, parametrised ``sqlite`` / ``postgresql``): a fresh database - a new
file, or a new PostgreSQL database dropped afterwards - as the stores take it (path or URL).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from shared.storage import forget

PG_BIN = Path(os.environ.get("ASB_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))


@dataclass
class PostgresServer:
    folder: Path
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg2://postgres@/{database}?host={self.folder}&port={self.port}"

    def admin(self, sql: str) -> None:
        import psycopg2

        conn = psycopg2.connect(dbname="postgres", user="postgres", host=str(self.folder), port=self.port)
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute(sql)
        finally:
            conn.close()

    def new_database(self) -> str:
        name = "asb_" + uuid.uuid4().hex[:12]
        self.admin(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    if shutil.which("runuser") is None:
        pytest.fail("running as root, PostgreSQL needs another user: runuser is missing")
    return ["runuser", "-u", "postgres", "--", *command]


def _run(command: list[str]) -> None:
    done = subprocess.run(_as_server_user(command), capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        pytest.fail(f"{command[0]} failed ({done.returncode}): {done.stderr[-2000:]}")


@pytest.fixture(scope="session")
def postgres_server():
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not (PG_BIN / tool).exists():
            pytest.fail(f"PostgreSQL's {tool} is not in {PG_BIN} (Debian: apt-get install postgresql-15; "
                        "or set ASB_TEST_PG_BIN): the PostgreSQL store tests cannot run")
    folder = Path(tempfile.mkdtemp(prefix="asb-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, log = folder / "data", folder / "server.log"
    port = _free_port()
    _run([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
          "--no-sync", "--no-instructions"])
    options = f"-p {port} -k {folder} -c listen_addresses='' -c fsync=off -c max_connections=60"
    _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"])
    server = PostgresServer(folder, port)
    try:
        yield server
    finally:
        subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       capture_output=True, timeout=60)
        for _ in range(50):  # the postmaster's pid file goes when it has stopped
            if not (data / "postmaster.pid").exists():
                break
            time.sleep(0.1)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    """A fresh, empty database: an SQLite file or a PostgreSQL database (path or URL)."""
    if request.param == "sqlite":
        path = tmp_path / "store.db"
        yield path
        forget(path)
        return
    server = request.getfixturevalue("postgres_server")
    name = server.new_database()
    url = server.url(name)
    try:
        yield url
    finally:
        forget(url)
        server.drop_database(name)
