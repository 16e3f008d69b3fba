"""For developers: the product as `make run-scaled` starts it, for the benchmark (issue 18).

PostgreSQL, Redis and HAProxy in front of two Rasa servers, two action servers and two
delivery workers (launcher/scaled/stack.py), on free ports, with the overrides bench/stack.py
gives the single stack (test clock, the demo page's origin, a made-up Rasa API token) and a
session-signing secret made up for the run. Everything lives in a folder under the
benchmark's work folder (logs/ for the services, data/ for the daemons) and goes with it.

The balancer pins a client by its address unless it sends the ``ASB_INSTANCE`` cookie, and
every simulated resident comes from 127.0.0.1: the returned Running names the cookie and the
instances, and bench/drivers.py sends ``ASB_INSTANCE=rasa1`` / ``rasa2`` alternately (one per
conversation), so both Rasa servers take turns. `cpu_seconds()` tells how much work each one
did (CPU seconds of its process tree, from /proc), which the benchmark records per phase.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from launcher.scaled.haproxy import COOKIE, instance_name
from launcher.scaled.stack import INSTANCES, SCALED_ENDPOINTS, ScaledPorts, scaled_stack
from launcher.supervisor import free_port
from shared.secret_files import new_secret
from shared.settings import Settings, temporarily

from bench.memory import tree
from bench.scenarios import TODAY
from bench.stack import Running

READY_TIMEOUT_S = 600.0  # as bench/stack.py: a busy 2-core machine loads Rasa slowly
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class ScaledRunning(Running):
    sticky_cookie: str = COOKIE
    instances: tuple[str, ...] = ()  # cookie values, one per Rasa server: rasa1, rasa2
    daemons: dict = field(default_factory=dict)  # name -> launcher.scaled.daemons.Daemon
    data_dir: Path | None = None

    def rasa_pids(self) -> dict[str, int]:
        """rasa-1, rasa-2 -> the process id the supervisor started."""
        return {service.name: proc.pid for service, proc in self.supervisor.procs
                if service.name.startswith("rasa-") and proc.poll() is None}

    def daemon_pids(self) -> dict[str, int]:
        return {name: d.proc.pid for name, d in self.daemons.items() if d.proc is not None and d.proc.poll() is None}


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its living descendants (utime, stime of /proc/PID/stat)."""
    total = 0
    for p in tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5), counted from after "(comm)"
    return total / CLOCK_TICKS


def instance_cpu(running: ScaledRunning) -> dict[str, float]:
    return {name: cpu_seconds(pid) for name, pid in running.rasa_pids().items()}


def _postgres_dir(stack: ExitStack) -> Path:
    """PostgreSQL's folder, one its server user can enter (as root it runs as `postgres`, who
    cannot enter the benchmark's private work folder); removed when the run ends."""
    folder = Path(tempfile.mkdtemp(prefix="asb-bench-pg-"))
    stack.callback(shutil.rmtree, folder, True)
    return folder


@contextmanager
def scaled_product(model: Path, work: Path) -> Iterator[ScaledRunning]:
    """The scaled stack, started in `work`; stopped (daemons too) when the block ends."""
    with ExitStack() as stack:
        work.mkdir(parents=True, exist_ok=True)
        data = work / "data"
        public = free_port()
        ports = ScaledPorts.choose(public)
        own = {name: free_port() for name in ("webchat", "case_system", "purge", "actions", "delivery")}
        origin = f"http://127.0.0.1:{own['webchat']}"
        overrides = {
            "ASB_HOST": "127.0.0.1", "ASB_VAR_DIR": str(work / "var"), "ASB_ALLOWED_ORIGINS": origin,
            "ASB_TEST_CLOCK": "1", "ASB_WEBCHAT_TEST_TODAY": TODAY, "RASA_API_TOKEN": uuid.uuid4().hex,
            "ASB_SESSION_SECRET": new_secret(32),
            "ASB_ENDPOINTS": str(SCALED_ENDPOINTS),  # for the purge too (the Rasa servers are given it)
            "ASB_RASA_PORT": str(public), "ASB_WEBCHAT_PORT": str(own["webchat"]),
            "ASB_CASE_SYSTEM_PORT": str(own["case_system"]), "ASB_PURGE_HEALTH_PORT": str(own["purge"]),
            # Replaced per instance by launcher/scaled/stack.py; free ports all the same.
            "ASB_ACTIONS_PORT": str(own["actions"]), "ASB_DELIVERY_HEALTH_PORT": str(own["delivery"]),
        }
        drop = ("CASE_SYSTEM_URL", "ASB_TRACKER_DB", "ASB_OUTBOX_DB", "ASB_ACTION_ENDPOINT_URL", "ASB_DATABASE_URL",
                "ASB_REDIS_HOST", "ASB_REDIS_PORT", "ASB_REDIS_PASSWORD", "ASB_SCALED_DIR", "ASB_SCALED_PG_DIR")
        stack.enter_context(temporarily(overrides, drop=drop))
        settings = Settings()
        scaled = stack.enter_context(scaled_stack(
            settings, model, ports, overrides["ASB_SESSION_SECRET"], data,
            supervisor_kwargs={"log_dir": work / "logs", "echo": False},
            webchat_port=own["webchat"], extra_env={"ASB_TEST_CLOCK": "1"}, ready_timeout=READY_TIMEOUT_S,
            postgres_dir=_postgres_dir(stack)))
        yield ScaledRunning("scaled", scaled.url, scaled.supervisor, origin, settings.rasa_api_token(),
                            instances=tuple(instance_name(i) for i in range(INSTANCES)),
                            daemons=scaled.daemons, data_dir=data)
