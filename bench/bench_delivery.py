"""For developers: 1,000 applications queued while the case system is down: how long after it comes back
until every one is delivered? (Target: under a minute.) Not a test; prints the figures.

    .venv/bin/python bench/bench_delivery.py [--n 1000] [--down-seconds 15]

Real processes on free ports with temporary SQLite files: the delivery worker with its
production defaults (16 at once, backoff 5 s doubling to 1 h with full jitter), and the
bundled reference case system started only after the applications have piled up.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "case_system"))

from case_system_helpers import SECRET, TOKEN, case_system_service, record  # noqa: E402

from shared.outbox import store  # noqa: E402
from launcher.service import Service  # noqa: E402
from launcher.supervisor import Supervisor, free_port  # noqa: E402


def counts(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT status, COUNT(*) FROM applications GROUP BY status").fetchall())


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--down-seconds", type=float, default=15.0, help="how long the case system stays down after queuing")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        outbox, cs_port, health_port = tmp / "outbox.db", free_port(), free_port()
        sup = Supervisor({}, log_dir=tmp / "logs", echo=False)
        try:
            worker = Service("worker", [sys.executable, "-m", "delivery.worker"], f"http://127.0.0.1:{health_port}/health",
                             env={"ASB_OUTBOX_DB": str(outbox), "CASE_SYSTEM_URL": f"http://127.0.0.1:{cs_port}",
                                  "CASE_SYSTEM_TOKEN": TOKEN, "CASE_SYSTEM_SIGNING_SECRET": SECRET,
                                  "ASB_DELIVERY_HEALTH_PORT": str(health_port), "ASB_VAR_DIR": str(tmp)}, ready_timeout=60)
            sup.start_all([worker])
            started = time.monotonic()
            slowest = 0.0
            for i in range(args.n):
                t = time.monotonic()
                store.submit(record(f"bench-{i:05d}"), outbox)
                slowest = max(slowest, time.monotonic() - t)
            queued = time.monotonic() - started
            print(f"queued {args.n} applications in {queued:.1f} s (slowest submit {slowest * 1000:.0f} ms) "
                  "with the case system down")
            time.sleep(args.down_seconds)
            with sqlite3.connect(outbox) as conn:
                tried, attempts = conn.execute("SELECT SUM(attempts > 0), SUM(attempts) FROM applications").fetchone()
            print(f"after {args.down_seconds:.0f} s down: {tried} tried, {attempts} attempts, counts {counts(outbox)}")
            sup.start_all([case_system_service(cs_port, tmp / "case_system.db", tmp)])
            back = time.monotonic()
            while counts(outbox).get("delivered", 0) < args.n:
                if time.monotonic() - back > 600:
                    raise SystemExit(f"not all delivered after 600 s: {counts(outbox)}")
                time.sleep(0.2)
            took = time.monotonic() - back
            with sqlite3.connect(tmp / "case_system.db") as conn:
                cases = conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
            print(f"all {args.n} delivered {took:.1f} s after the case system came back "
                  f"({args.n / took:.0f}/s); cases in the case system: {cases}")
            if cases != args.n:
                raise SystemExit("duplicate or missing cases")
        finally:
            sup.stop()


if __name__ == "__main__":
    main()
