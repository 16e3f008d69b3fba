"""PostgreSQL, Redis and HAProxy as child processes: Debian's binaries, started in a folder of
their own on loopback ports, ready when their port answers, stopped with the launcher.

They are not in launcher.supervisor's care: none has an HTTP health page, and a stopped
database is not something to restart behind the services' backs (they retry on their own).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Optional

from launcher.lifetime import child_preexec
from shared.settings import pg_bin

REDIS_SERVER = "redis-server"
HAPROXY = "haproxy"
INSTALL_HINT = "bin/ensure-scale-out installs it (Debian packages postgresql-15, redis-server, haproxy)"


class DaemonFailed(RuntimeError):
    pass


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as Debian's `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class Daemon:
    name: str
    argv: list[str]
    port: int
    log: Path
    ready_timeout: float = 60.0
    stop_signal: int = signal.SIGTERM
    proc: Optional[subprocess.Popen] = field(default=None, repr=False)
    _log_file: Optional[IO[bytes]] = field(default=None, repr=False)

    def start(self) -> "Daemon":
        if shutil.which(self.argv[0]) is None and not Path(self.argv[0]).exists():
            raise DaemonFailed(f"{self.name}: {self.argv[0]} not found; {INSTALL_HINT}")
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = open(self.log, "ab")
        self.proc = subprocess.Popen(self.argv, stdout=self._log_file, stderr=subprocess.STDOUT,
                                     start_new_session=True, preexec_fn=child_preexec())
        deadline = time.monotonic() + self.ready_timeout
        while not port_open(self.port):
            if self.proc.poll() is not None:
                raise DaemonFailed(f"{self.name} stopped (exit code {self.proc.returncode}); see {self.log}")
            if time.monotonic() > deadline:
                self.stop()
                raise DaemonFailed(f"{self.name} did not open port {self.port} in {self.ready_timeout:.0f} s")
            time.sleep(0.1)
        return self

    def stop(self, timeout: float = 15.0) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, self.stop_signal)
                self.proc.wait(timeout)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None


def postgres(folder: Path, port: int, database: str = "asb") -> tuple[Daemon, str]:
    """A PostgreSQL cluster in `folder` (made on first use, kept after), listening on 127.0.0.1:port
    with trust authentication for local connections only; the SQLAlchemy URL of `database`."""
    pg = pg_bin()
    for tool in ("initdb", "postgres", "createdb"):
        if not (pg / tool).exists():
            raise DaemonFailed(f"PostgreSQL's {tool} is not in {pg}; {INSTALL_HINT}")
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    if not (data / "PG_VERSION").exists():
        done = subprocess.run(_as_postgres([str(pg / "initdb"), "-D", str(data), "-U", "postgres",
                                            "--auth=trust", "-E", "UTF8", "--no-instructions"]),
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise DaemonFailed(f"initdb failed: {done.stderr[-1000:]}")
    daemon = Daemon("postgresql", _as_postgres([
        str(pg / "postgres"), "-D", str(data), "-p", str(port), "-k", str(folder),
        "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200",
    ]), port, folder / "server.log", stop_signal=signal.SIGINT)  # SIGINT: "fast" shutdown, not waiting for clients
    daemon.start()
    # The database the services share; an existing one is kept (createdb then fails harmlessly).
    subprocess.run(_as_postgres([str(pg / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
                                 database]), capture_output=True, timeout=60)
    return daemon, f"postgresql+psycopg2://postgres@127.0.0.1:{port}/{database}"


def redis(folder: Path, port: int) -> Daemon:
    """Redis on 127.0.0.1:port, nothing written to disk (locks and notices are transient)."""
    folder.mkdir(parents=True, exist_ok=True)
    return Daemon("redis", [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                            "--appendonly", "no", "--dir", str(folder)], port, folder / "redis.log").start()


def haproxy(config: Path, port: int) -> Daemon:
    """HAProxy in the foreground (-db) on `config`; ready when it listens on `port`."""
    return Daemon("haproxy", [HAPROXY, "-db", "-f", str(config)], port, config.with_suffix(".log")).start()
