"""Real processes for the delivery tests: the reference case system, the scriptable fake
receiver and the delivery worker, each started through launcher.supervisor on free ports, with
temporary SQLite files."""

from __future__ import annotations

import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "case_system"))

from case_system_helpers import SECRET, TOKEN, logs_without, record, start_case_system  # noqa: E402

from shared.outbox import store  # noqa: E402
from launcher.service import Service  # noqa: E402
from launcher.supervisor import Supervisor, free_port  # noqa: E402

HERE = Path(__file__).resolve().parent

FAST = {  # small timings so faults play out in seconds
    "ASB_DELIVERY_POLL_S": "0.1",
    "ASB_DELIVERY_TIMEOUT_S": "1.5",
    "ASB_DELIVERY_LEASE_S": "3",
    "ASB_DELIVERY_BACKOFF_BASE_S": "0.1",
    "ASB_DELIVERY_BACKOFF_CAP_S": "0.4",
    "ASB_DELIVERY_CONFIG_PAUSE_S": "0.5",
}


@dataclass
class Rig:
    tmp: Path
    sup: Supervisor
    outbox: Path
    log_dir: Path
    workers: list = field(default_factory=list)

    def submit(self, n: int = 1, prefix: str = "app") -> list[str]:
        return [store.submit(record(f"{prefix}-{i}"), self.outbox) for i in range(n)]

    def case_system(self, port: int | None = None, **kw):
        return start_case_system(self.sup, self.tmp, port, **kw)

    def fake(self, upstream: str | None = None) -> "Fake":
        port = free_port()
        argv = [sys.executable, str(HERE / "fake_receiver.py"), "--port", str(port)]
        if upstream:
            argv += ["--upstream", upstream]
        self.sup.start_all([Service(f"fake_{port}", argv, f"http://127.0.0.1:{port}/_control/health", ready_timeout=30)])
        return Fake(f"http://127.0.0.1:{port}")

    def worker(self, url: str, token: str = TOKEN, secret: str = SECRET, **env):
        port = free_port()
        service = Service(
            f"worker_{len(self.workers)}",
            [sys.executable, "-m", "delivery.worker"],
            f"http://127.0.0.1:{port}/health",
            env={**FAST, "ASB_OUTBOX_DB": str(self.outbox), "CASE_SYSTEM_URL": url, "CASE_SYSTEM_TOKEN": token,
                 "CASE_SYSTEM_SIGNING_SECRET": secret, "ASB_DELIVERY_HEALTH_PORT": str(port),
                 "ASB_VAR_DIR": str(self.tmp), "ASB_DELIVERY_HEARTBEAT": str(self.tmp / f"hb{port}"), **env},
            ready_timeout=30,
        )
        self.sup.start_all([service])
        proc = self.sup.procs[-1][1]
        self.workers.append(proc)
        return proc, service

    def rows(self) -> dict[str, dict]:
        with sqlite3.connect(self.outbox) as conn:
            conn.row_factory = sqlite3.Row
            return {r["application_id"]: dict(r) for r in conn.execute("SELECT * FROM applications")}

    def wait_for(self, predicate, timeout: float = 20.0, what: str = "condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; outbox: "
                             f"{[(k, r['status'], r['attempts'], r['last_error']) for k, r in self.rows().items()]}")

    def log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(encoding="utf-8", errors="replace")


@dataclass
class Fake:
    url: str

    def script(self, steps: list[dict], default: dict | None = None) -> None:
        body = {"steps": steps}
        if default is not None:
            body["default"] = default
        requests.post(f"{self.url}/_control/script", json=body, timeout=5).raise_for_status()

    def log(self) -> list[dict]:
        return requests.get(f"{self.url}/_control/log", timeout=5).json()


from delivery_kill import kill_hard  # noqa: E402,F401 - kept importable from here too
from pg_cluster import postgres_server  # noqa: E402,F401 - fixture (test_delivery_postgres.py)


@pytest.fixture
def rig(tmp_path):
    sup = Supervisor({}, log_dir=tmp_path / "logs", echo=False)
    r = Rig(tmp_path, sup, tmp_path / "outbox.db", tmp_path / "logs")
    try:
        yield r
    finally:
        sup.stop()
    logs_without(r.log_dir)  # no resident text in any process's output, in every test
