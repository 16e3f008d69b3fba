"""The outbox and the case system on PostgreSQL (issue 18): two delivery worker processes share
one outbox; one is killed hard while the case system has stored its applications but not yet
answered; every application ends delivered, once, with the case system's reference."""

from __future__ import annotations

import time

from case_system_helpers import case_system_service, record
from delivery_kill import kill_hard

from case_system import store as cases
from launcher.supervisor import free_port
from shared.outbox import queue
from shared.outbox import store


def test_two_workers_on_postgresql_deliver_every_application_once_when_one_is_killed(rig, postgres_server):
    outbox_url = postgres_server.url(postgres_server.new_database())
    cases_url = postgres_server.url(postgres_server.new_database())
    port = free_port()
    service = case_system_service(port, rig.tmp / "unused.db", rig.tmp)
    service.env["CASE_SYSTEM_DATABASE_URL"] = cases_url
    rig.sup.start_all([service])
    case_system = f"http://127.0.0.1:{port}"
    fake = rig.fake(upstream=case_system)
    fake.script([], default={"proxy": True, "hold": 60})  # stored by the case system, answer held

    ids = [f"pg-{i:02d}" for i in range(20)]
    for app_id in ids:
        store.submit(record(app_id), outbox_url)
    first, _ = rig.worker(fake.url, ASB_DATABASE_URL=outbox_url, ASB_DELIVERY_CONCURRENCY="4",
                          ASB_DELIVERY_TIMEOUT_S="30", ASB_DELIVERY_LEASE_S="31")
    deadline = time.monotonic() + 30
    while len(fake.log()) < 4 and time.monotonic() < deadline:
        time.sleep(0.1)
    held = {entry["key"] for entry in fake.log()}
    assert len(held) == 4
    kill_hard(first)  # died holding 4 claims the case system has already stored
    outbox = queue.connect(outbox_url)
    assert {r["application_id"] for r in queue.rows(outbox, "pending", 100) if r["lease_until"]} == held

    rig.worker(case_system, ASB_DATABASE_URL=outbox_url, ASB_DELIVERY_LEASE_S="3")
    rig.worker(case_system, ASB_DATABASE_URL=outbox_url, ASB_DELIVERY_LEASE_S="3")
    deadline = time.monotonic() + 60
    while queue.counts(outbox)["delivered"] < len(ids) and time.monotonic() < deadline:
        time.sleep(0.2)
    rows = {r["application_id"]: r for r in queue.rows(outbox, None, 100)}
    assert {k: r["status"] for k, r in rows.items()} == {app_id: "delivered" for app_id in ids}

    total, stored = cases.list_cases(cases.connect(cases_url), 100)
    assert total == len(ids)  # one case per application, the killed worker's included
    assert {c["application_id"]: c["case_reference"] for c in stored} == {k: r["case_reference"] for k, r in rows.items()}
    assert {k for k, r in rows.items() if r["attempts"] == 2} == held  # re-sent after the lease ran out
    assert all(r["attempts"] == 1 for k, r in rows.items() if k not in held)
