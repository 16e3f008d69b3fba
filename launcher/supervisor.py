"""For whoever runs the product (make run): start a set of services, wait until each is healthy, keep them running, stop them together.

Used by `make run` and by the end-to-end tests, so the tests exercise the same start-up.

- Every port is checked before anything starts: one already taken fails at once, naming the
  port and the variable that moves it.
- A service is ready only when its own process is alive, answers its health check, and
  holds the listening socket of that port (launcher/ports.py), so a stranger on the port never
  counts.
- Children die with the process that started them (launcher/lifetime.py), so killing `make run`
  (even with SIGKILL) leaves nothing serving. All children are started from the thread that
  calls start_all/watch, which must outlive them: the main thread.
- `watch()` restarts a service that stops, with back-off, and says clearly when one keeps
  stopping; the others carry on.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Optional

from launcher.lifetime import child_preexec
from launcher.ports import listens_on, port_in_use
from launcher.service import Service
from shared.settings import ROOT, child_environment

RESTART_WINDOW_S = 300.0  # stops counted for the back-off and the "keeps stopping" report
KEEPS_STOPPING = 5  # this many stops within the window is reported as a service in trouble
MAX_BACKOFF_S = 60.0


class ServiceFailed(RuntimeError):
    pass


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (tests and benchmarks start services on these)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _health_ok(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _port_of(url: str) -> Optional[int]:
    return urllib.parse.urlsplit(url).port


def port_taken_message(service: Service, host: str, port: int) -> str:
    where = f"set {service.port_variable} to a free port" if service.port_variable else "free it"
    return (f"port {port} on {host} ({service.name}) is already in use by another program: "
            f"stop that program or {where}, e.g. {service.port_variable or 'PORT'}={port + 1} make run")


def check_ports_free(services: list[Service]) -> None:
    """Raise ServiceFailed naming the first port (and its variable) something already uses."""
    for service in services:
        parts = urllib.parse.urlsplit(service.health_url)
        if parts.port and port_in_use(parts.hostname or "127.0.0.1", parts.port):
            raise ServiceFailed(port_taken_message(service, parts.hostname or "127.0.0.1", parts.port))


def wait_healthy(url: str, timeout: float, proc: Optional[subprocess.Popen] = None) -> float:
    """Poll `url` until it answers 2xx from `proc`'s own socket; return the seconds it took."""
    started = time.monotonic()
    port = _port_of(url)
    while True:
        if proc is not None and proc.poll() is not None:
            raise ServiceFailed(f"exited with code {proc.returncode} before it was ready")
        if _health_ok(url):
            if proc is None or not port or listens_on(proc.pid, port) is not False:
                return time.monotonic() - started
            # Something else answers there; our process would only fail to bind later.
            raise ServiceFailed(f"another program answers at {url}: port {port} is not held by "
                                "the process started for this service")
        if time.monotonic() - started > timeout:
            raise ServiceFailed(f"not healthy at {url} after {timeout:.0f} s")
        time.sleep(0.25)


def _pump(stream: IO[bytes], prefix: str, sink: Optional[IO[str]]) -> None:
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip()
        if sink is not None:
            sink.write(f"{prefix}{line}\n")
            sink.flush()


@dataclass
class _Restarts:
    """What `watch()` knows about one service between its restarts."""

    stops: list[float] = field(default_factory=list)  # monotonic times it stopped
    due: Optional[float] = None  # when to start it again
    starting_since: Optional[float] = None  # restarted, not yet healthy
    reported_trouble: bool = False


class Supervisor:
    """Owns the child processes; `stop()` ends every one of them, even on errors."""

    def __init__(self, base_env: dict[str, str], log_dir: Optional[Path] = None, echo: bool = True,
                 report: Optional[Callable[[str], None]] = None):
        self.base_env = base_env
        self.log_dir = log_dir
        self.echo = echo
        self.procs: list[tuple[Service, subprocess.Popen]] = []
        self.ready_seconds: dict[str, float] = {}
        self._files: list[IO[str]] = []
        self._report = report or (lambda line: print(f"[supervisor] {line}", file=sys.stderr, flush=True))

    def start(self, service: Service) -> subprocess.Popen:
        env = child_environment(self.base_env, service.env)
        proc = subprocess.Popen(
            service.argv,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop() reaches its children
            preexec_fn=child_preexec(),  # and it ends when this process does, however it ends
        )
        self._put(service, proc)
        sink: Optional[IO[str]] = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            sink = open(self.log_dir / f"{service.name}.log", "a", encoding="utf-8")
            self._files.append(sink)
        elif self.echo:
            sink = sys.stdout
        threading.Thread(
            target=_pump, args=(proc.stdout, f"[{service.name}] ", sink), daemon=True
        ).start()
        return proc

    def _put(self, service: Service, proc: subprocess.Popen) -> None:
        for i, (known, _) in enumerate(self.procs):
            if known.name == service.name:
                self.procs[i] = (service, proc)
                return
        self.procs.append((service, proc))

    def start_all(self, services: list[Service]) -> None:
        try:
            check_ports_free(services)
        except ServiceFailed:
            self.stop()
            raise
        for service in services:
            proc = self.start(service)
            try:
                self.ready_seconds[service.name] = wait_healthy(
                    service.health_url, service.ready_timeout, proc
                )
            except ServiceFailed as exc:
                self.stop()
                raise ServiceFailed(f"{service.name}: {exc}") from None
        # One that was ready earlier may have exited while a later one loaded. (Not its health
        # again: a service already proven healthy may be busy, e.g. holding a slow request.)
        started_now = {service.name for service in services}
        for service, proc in self.procs:
            if service.name in started_now and proc.poll() is not None:
                code = proc.poll()
                self.stop()
                raise ServiceFailed(f"{service.name}: stopped (exit code {code}) while the others started")

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
        """Block until one service exits (returns it)."""
        while True:
            for service, proc in self.procs:
                if proc.poll() is not None:
                    return service
            time.sleep(0.5)

    def watch(self, until: Callable[[], bool] = lambda: False, poll_s: float = 0.5) -> None:
        """Keep every service running until `until()` is true: a service that stops is started
        again after 1, 2, 4 … (at most 60) seconds, counted over the last five minutes; the
        others keep serving meanwhile. Call from the thread that started them."""
        state = {service.name: _Restarts() for service, _ in self.procs}
        while not until():
            now = time.monotonic()
            for service, proc in list(self.procs):
                self._watch_one(service, proc, state[service.name], now)
            time.sleep(poll_s)

    def _watch_one(self, service: Service, proc: subprocess.Popen, st: _Restarts, now: float) -> None:
        if st.due is not None:
            if now >= st.due:
                st.due, st.starting_since = None, now
                new = self.start(service)
                self._report(f"{service.name}: started again (pid {new.pid})")
            return
        code = proc.poll()
        if code is None and st.starting_since is not None:
            port = _port_of(service.health_url)
            if _health_ok(service.health_url, timeout=1.0) and listens_on(proc.pid, port) is not False:
                self._report(f"{service.name}: healthy again after "
                             f"{now - st.starting_since:.1f} s")
                st.starting_since = None
            elif now - st.starting_since > service.ready_timeout:
                self._report(f"{service.name}: not healthy {service.ready_timeout:.0f} s after "
                             "its restart; stopping it to try again")
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            return
        if code is None:
            if st.stops and now - st.stops[-1] > RESTART_WINDOW_S:
                st.stops.clear()  # healthy for a while: the back-off starts again from 1 s
                st.reported_trouble = False
            return
        st.starting_since = None
        st.stops = [t for t in st.stops if now - t <= RESTART_WINDOW_S] + [now]
        delay = min(MAX_BACKOFF_S, 2.0 ** (len(st.stops) - 1))
        st.due = now + delay
        self._report(f"{service.name}: stopped (exit code {code}); starting it again in {delay:.0f} s; "
                     "the other services carry on")
        if len(st.stops) >= KEEPS_STOPPING and not st.reported_trouble:
            st.reported_trouble = True
            self._report(f"{service.name} KEEPS STOPPING: {len(st.stops)} times in the last "
                         f"{RESTART_WINDOW_S / 60:.0f} minutes (last exit code {code}). Its log lines "
                         f"start with [{service.name}]. Still retrying, at most every "
                         f"{MAX_BACKOFF_S:.0f} s.")
