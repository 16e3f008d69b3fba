"""Start a set of services, wait until each is healthy, and stop them all together.

Used by `make run` and by the end-to-end tests, so the tests exercise the same start-up.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, Optional

from bot.services import Service
from bot.settings import ROOT


class ServiceFailed(RuntimeError):
    pass


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (tests and benchmarks start services on these)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float, proc: Optional[subprocess.Popen] = None) -> float:
    """Poll `url` until it answers 2xx; return the seconds it took."""
    started = time.monotonic()
    while True:
        if proc is not None and proc.poll() is not None:
            raise ServiceFailed(f"exited with code {proc.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if 200 <= response.status < 300:
                    return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() - started > timeout:
            raise ServiceFailed(f"not healthy at {url} after {timeout:.0f} s")
        time.sleep(0.25)


def _pump(stream: IO[bytes], prefix: str, sink: Optional[IO[str]]) -> None:
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip()
        if sink is not None:
            sink.write(f"{prefix}{line}\n")
            sink.flush()


class Supervisor:
    """Owns the child processes; `stop()` ends every one of them, even on errors."""

    def __init__(self, base_env: dict[str, str], log_dir: Optional[Path] = None, echo: bool = True):
        self.base_env = base_env
        self.log_dir = log_dir
        self.echo = echo
        self.procs: list[tuple[Service, subprocess.Popen]] = []
        self.ready_seconds: dict[str, float] = {}
        self._files: list[IO[str]] = []

    def start(self, service: Service) -> subprocess.Popen:
        env = dict(os.environ, **self.base_env, **service.env)
        proc = subprocess.Popen(
            service.argv,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop() reaches its children
        )
        self.procs.append((service, proc))
        sink: Optional[IO[str]] = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            sink = open(self.log_dir / f"{service.name}.log", "a", encoding="utf-8")
            self._files.append(sink)
        elif self.echo:
            import sys

            sink = sys.stdout
        threading.Thread(
            target=_pump, args=(proc.stdout, f"[{service.name}] ", sink), daemon=True
        ).start()
        return proc

    def start_all(self, services: list[Service]) -> None:
        for service in services:
            proc = self.start(service)
            try:
                self.ready_seconds[service.name] = wait_healthy(
                    service.health_url, service.ready_timeout, proc
                )
            except ServiceFailed as exc:
                self.stop()
                raise ServiceFailed(f"{service.name}: {exc}") from None

    def stop(self, timeout: float = 15.0) -> None:
        for _, proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + timeout
        for _, proc in self.procs:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        self.procs.clear()
        for f in self._files:
            f.close()
        self._files.clear()

    def wait_any_exit(self) -> Optional[Service]:
        """Block until one service exits (returns it) — `make run` stops everything then."""
        while True:
            for service, proc in self.procs:
                if proc.poll() is not None:
                    return service
            time.sleep(0.5)
