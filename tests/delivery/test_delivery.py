"""Delivery from the outbox to the case system, with the real worker, the real reference
case system and a scriptable fake receiver for faults — all separate processes."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import time

from case_system_helpers import MARKER, SECRET, TOKEN
from delivery_kill import kill_hard

from delivery.admin import main as admin_main
from shared.outbox import store
from launcher.supervisor import free_port


def admin(rig, *args) -> subprocess.CompletedProcess:
    """The staff command, in-process (the first call in a test run goes through a real subprocess)."""
    if not _ran_as_process:
        _ran_as_process.append(True)
        return subprocess.run([sys.executable, "-m", "delivery.admin", "--db", str(rig.outbox), *args],
                              capture_output=True, text=True, timeout=60)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = admin_main(["--db", str(rig.outbox), *args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


_ran_as_process: list = []


def test_case_system_down_at_submit_then_back_delivers_exactly_once(rig):
    port = free_port()
    rig.worker(f"http://127.0.0.1:{port}")  # nothing listens there yet
    started = time.monotonic()
    ref = store.submit(__import__("case_system_helpers").record("down-1"), rig.outbox)
    assert time.monotonic() - started < 1.0
    assert store.get(ref, rig.outbox)["status"] == "pending"  # the reference exists at once
    rig.wait_for(lambda: rig.rows()["down-1"]["attempts"] >= 2, what="retries while down")
    assert rig.rows()["down-1"]["last_error"].startswith("connection error")
    cs = rig.case_system(port)
    row = rig.wait_for(lambda: rig.rows()["down-1"]["status"] == "delivered" and rig.rows()["down-1"], what="delivery")
    assert cs.count() == 1
    assert row["case_reference"] == cs.case_references()["down-1"]
    time.sleep(1.0)  # nothing more is sent once delivered
    assert cs.count() == 1


def test_500_three_times_then_201_is_delivered_once(rig):
    cs = rig.case_system()
    fake = rig.fake(upstream=cs.url)
    fake.script([{"status": 500}, {"status": 503}, {"status": 500}], default={"proxy": True})
    rig.submit(1, "flaky")
    rig.worker(fake.url)
    row = rig.wait_for(lambda: rig.rows()["flaky-0"]["status"] == "delivered" and rig.rows()["flaky-0"], what="delivery")
    assert row["attempts"] == 4
    assert [e["answered"] for e in fake.log()] == [500, 503, 500, 201]
    assert cs.count() == 1 and row["case_reference"] == cs.case_references()["flaky-0"]


def test_400_is_rejected_kept_visible_and_not_retried_until_staff_retry(rig, tmp_path):
    cs = rig.case_system()
    fake = rig.fake(upstream=cs.url)
    fake.script([], default={"status": 400, "body": {"error": {"code": "invalid_body", "message": "body.x: bad"}}})
    rig.submit(1, "bad")
    rig.worker(fake.url)
    rig.wait_for(lambda: rig.rows()["bad-0"]["status"] == "rejected", what="rejection")
    time.sleep(1.5)  # backoff is 0.1-0.4 s here: a retry would have happened
    assert len(fake.log()) == 1
    row = rig.rows()["bad-0"]
    assert row["attempts"] == 1 and row["last_http_status"] == 400 and row["config_error"] == 0
    assert "invalid_body" in row["last_error"] and json.loads(row["payload"])["problem"]["words"]  # nothing lost

    listing = admin(rig, "list")
    assert listing.returncode == 0
    assert "pending 0  delivered 0  rejected 1" in listing.stdout
    assert "bad-0" in listing.stdout and "rejected" in listing.stdout and "attempts=1" in listing.stdout
    assert "http=400" in listing.stdout
    assert MARKER not in listing.stdout and "loud music" not in listing.stdout  # never the content

    out = tmp_path / "bad-0.json"
    assert admin(rig, "export", "bad-0", "--out", str(out)).returncode == 0
    exported = json.loads(out.read_text())
    assert exported["delivery"]["status"] == "rejected"
    assert MARKER in exported["stored_application"]["problem"]["words"]
    assert exported["case_system_body"]["application_id"] == "bad-0" and exported["case_system_body_problems"] == []
    assert (out.stat().st_mode & 0o777) == 0o600

    assert admin(rig, "retry", "nonexistent").returncode == 1
    fake.script([], default={"proxy": True})  # the cause is fixed
    assert admin(rig, "retry", "bad-0").returncode == 0
    rig.wait_for(lambda: rig.rows()["bad-0"]["status"] == "delivered", what="delivery after staff retry")
    assert cs.count() == 1
    assert admin(rig, "retry", "bad-0").returncode == 1  # delivered: nothing to retry


def test_slow_receiver_times_out_and_retries_while_submit_never_waits(rig):
    cs = rig.case_system()
    fake = rig.fake(upstream=cs.url)
    fake.script([{"delay": 10, "status": 201}], default={"proxy": True})
    rig.worker(fake.url)  # timeout 1.5 s
    rig.submit(1, "slow")
    rig.wait_for(lambda: len(fake.log()) >= 1, what="first request")
    # the worker is now waiting on the slow request; the resident's submit does not wait for it
    timings = []
    for i in range(5):
        started = time.monotonic()
        store.submit(__import__("case_system_helpers").record(f"during-{i}"), rig.outbox)
        timings.append(time.monotonic() - started)
    assert max(timings) < 1.0, timings  # milliseconds normally; the 10 s delivery is never waited for
    row = rig.wait_for(lambda: rig.rows()["slow-0"]["status"] == "delivered" and rig.rows()["slow-0"], timeout=9,
                       what="delivery before the slow answer would have come")
    assert row["attempts"] >= 2
    assert fake.log()[0]["answered"] is None  # the slow answer was never waited for
    rig.wait_for(lambda: cs.count() == 6, what="all six delivered")
    assert "timeout" in rig.log("worker_0")


def test_worker_killed_mid_delivery_then_restarted_delivers_once(rig):
    cs = rig.case_system()
    fake = rig.fake(upstream=cs.url)
    # The case system stores it, but the answer is held: the worker dies not knowing.
    fake.script([{"proxy": True, "hold": 60}], default={"proxy": True})
    rig.submit(1, "kill")
    proc, _ = rig.worker(fake.url, ASB_DELIVERY_TIMEOUT_S="5", ASB_DELIVERY_LEASE_S="6")
    rig.wait_for(lambda: fake.log() and fake.log()[0]["answered"] == "holding", what="held request")
    assert cs.count() == 1
    kill_hard(proc)
    row = rig.rows()["kill-0"]
    assert row["status"] == "pending" and row["lease_until"] is not None  # a crashed claim
    rig.worker(fake.url)
    row = rig.wait_for(lambda: rig.rows()["kill-0"]["status"] == "delivered" and rig.rows()["kill-0"], what="redelivery")
    assert cs.count() == 1  # no duplicate case
    log = fake.log()
    assert len(log) == 2 and log[0]["key"] == log[1]["key"] == "kill-0"
    assert row["case_reference"] == cs.case_references()["kill-0"]


def test_wrong_token_is_a_configuration_error_and_nothing_is_stored(rig):
    cs = rig.case_system()
    rig.submit(2, "tok")
    rig.worker(cs.url, token="not-the-token", ASB_DELIVERY_CONCURRENCY="1", ASB_DELIVERY_CONFIG_PAUSE_S="30")
    rig.wait_for(lambda: rig.rows()["tok-0"]["status"] == "rejected" or rig.rows()["tok-1"]["status"] == "rejected",
                 what="rejection")
    time.sleep(0.5)
    rows = rig.rows()
    rejected = [r for r in rows.values() if r["status"] == "rejected"]
    assert len(rejected) == 1 and rejected[0]["config_error"] == 1 and rejected[0]["last_http_status"] == 401
    assert [r["status"] for r in rows.values()].count("pending") == 1  # paused: the other is not burnt
    assert cs.count() == 0
    log = rig.log("worker_0")
    assert "CONFIGURATION ERROR" in log and "HTTP 401 unauthorised" in log and "CASE_SYSTEM_TOKEN" in log
    assert "(configuration errors 1)" in admin(rig, "list").stdout
    assert "CONFIG-ERROR" in admin(rig, "list", "--status", "rejected").stdout


def test_wrong_signing_secret_is_a_configuration_error_then_staff_retry_after_the_fix(rig):
    cs = rig.case_system()
    rig.submit(1, "sig")
    proc, _ = rig.worker(cs.url, secret="not-the-secret")
    rig.wait_for(lambda: rig.rows()["sig-0"]["status"] == "rejected", what="rejection")
    row = rig.rows()["sig-0"]
    assert row["config_error"] == 1 and "bad_signature" in row["last_error"]
    # The row is marked before the line is logged: wait for the line, not just the row.
    rig.wait_for(lambda: "CONFIGURATION ERROR" in rig.log("worker_0"), what="the configuration error in the log")
    assert cs.count() == 0
    rig.sup.stop()  # the operator fixes the secret and restarts
    cs = rig.case_system(cs.port)
    done = admin(rig, "retry", "--config-errors")
    assert done.returncode == 0 and "1 application(s)" in done.stdout
    rig.worker(cs.url, secret=SECRET)
    rig.wait_for(lambda: rig.rows()["sig-0"]["status"] == "delivered", what="delivery after the fix")
    assert cs.count() == 1


def test_the_same_application_sent_twice_is_one_case_with_one_reference(rig):
    """Two outbox files (e.g. a restored backup) sending the same application id."""
    cs = rig.case_system()
    rig.submit(1, "twice")
    rig.worker(cs.url)
    rig.wait_for(lambda: rig.rows()["twice-0"]["status"] == "delivered", what="first delivery")
    first = rig.rows()["twice-0"]
    import sqlite3
    copy = rig.tmp / "outbox-copy.db"
    with sqlite3.connect(rig.outbox) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
        dst.execute("UPDATE applications SET status = 'pending', case_reference = NULL")
    rig.outbox = copy
    rig.worker(cs.url)
    rig.wait_for(lambda: rig.rows()["twice-0"]["status"] == "delivered", what="second delivery")
    assert rig.rows()["twice-0"]["case_reference"] == first["case_reference"]
    assert cs.count() == 1
    assert "replayed=True" in rig.log(f"case_system_{cs.port}")


def test_worker_health_and_heartbeat(rig):
    cs = rig.case_system()
    rig.submit(3, "hb")
    proc, service = rig.worker(cs.url)
    rig.wait_for(lambda: all(r["status"] == "delivered" for r in rig.rows().values()), what="delivery")
    import requests
    health = requests.get(service.health_url, timeout=5).json()
    assert health["status"] == "ok" and health["counts"]["delivered"] == 3 and health["counts"]["pending"] == 0
    beat = json.loads((rig.tmp / service.env["ASB_DELIVERY_HEARTBEAT"].split("/")[-1]).read_text())
    assert beat["pid"] == proc.pid and time.time() - beat["at"] < 5
