"""The project's stores on SQLite and on PostgreSQL (issue 18): one set of tests, run on both
through the ``location`` fixture (tests/storage/conftest.py). Each asserts what the product
relies on: no application delivered twice by two workers, leases that run out, an audit trail
in the order it happened, an operator signed in through one process known to another."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from case_system import store as cases
from shared.handoff.operators import Operators, OperatorSessions
from shared.handoff.store import HandoffStore
from shared.outbox import queue
from shared.outbox import store as outbox
from shared.privacy.ended_sessions import EndedSessions
from shared.storage import database, forget, writing
from shared.storage.schema import applications

ROOT = Path(__file__).resolve().parents[2]


def _in_another_process(code: str) -> str:
    """Run ``code`` in a fresh Python (another process, its own engine) and return its output."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


# ---- outbox ---------------------------------------------------------------------------------

def test_submitting_twice_gives_one_row_and_the_same_reference(location):
    first = outbox.submit({"application_id": "a1", "name": "x"}, location)
    assert first.startswith("ASB-") and len(first) == 12
    assert outbox.submit({"application_id": "a1", "name": "changed"}, location) == first
    assert outbox.get(first, location)["payload"] == {"application_id": "a1", "name": "x"}
    assert outbox.counts(location) == {"pending": 1}
    assert outbox.get("ASB-NOSUCH00", location) is None


def test_simultaneous_submits_of_one_application_store_it_once(location):
    with ThreadPoolExecutor(6) as pool:
        refs = set(pool.map(lambda _: outbox.submit({"application_id": "same"}, location), range(12)))
    assert len(refs) == 1 and outbox.counts(location) == {"pending": 1}


def test_two_concurrent_claimers_never_get_the_same_application(location):
    for i in range(60):
        outbox.submit({"application_id": f"c{i:02d}"}, location)
    db = queue.connect(location)
    claimed: dict[str, list[str]] = {"w1": [], "w2": [], "w3": []}
    start = threading.Barrier(len(claimed))

    def worker(owner: str) -> None:
        start.wait()
        while rows := queue.claim(db, owner, 4, lease_s=60):
            claimed[owner].extend(r["application_id"] for r in rows)
            for r in rows:
                time.sleep(0.01)  # the send: other workers claim meanwhile
                assert queue.mark_delivered(db, r["application_id"], f"CS-{r['application_id']}", 201)

    threads = [threading.Thread(target=worker, args=(owner,)) for owner in claimed]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    every = [app_id for ids in claimed.values() for app_id in ids]
    assert sorted(every) == [f"c{i:02d}" for i in range(60)]  # each exactly once
    assert sum(1 for ids in claimed.values() if ids) >= 2  # they really did share the work
    assert queue.counts(db)["delivered"] == 60
    assert {r["attempts"] for r in queue.rows(db, limit=100)} == {1}


def test_a_claim_in_another_process_skips_what_this_one_holds(location):
    for i in range(6):
        outbox.submit({"application_id": f"p{i}"}, location)
    db = queue.connect(location)
    mine = {r["application_id"] for r in queue.claim(db, "here", 3, lease_s=60)}
    theirs = _in_another_process(
        "from shared.outbox import queue\n"
        f"rows = queue.claim(queue.connect({str(location)!r}), 'there', 10, lease_s=60)\n"
        "print(' '.join(sorted(r['application_id'] for r in rows)))")
    assert len(mine) == 3 and set(theirs.split()) == {f"p{i}" for i in range(6)} - mine


def test_a_lease_runs_out_and_the_old_owner_can_no_longer_write(location):
    outbox.submit({"application_id": "l1"}, location)
    db = queue.connect(location)
    first = queue.claim(db, "w1", 10, lease_s=0.3)
    assert [r["attempts"] for r in first] == [1]
    assert queue.claim(db, "w2", 10, lease_s=60) == []  # leased
    time.sleep(0.4)
    again = queue.claim(db, "w2", 10, lease_s=60)  # the first worker "died": due again
    assert [(r["application_id"], r["attempts"]) for r in again] == [("l1", 2)]
    assert not queue.mark_retry(db, "l1", "w1", "late", 1, 500)
    assert not queue.mark_rejected(db, "l1", "w1", "late", 400)
    assert queue.mark_delivered(db, "l1", "CS-1", 201)
    assert not queue.mark_rejected(db, "l1", None, "x", 400)  # final stays final
    assert queue.find(db, "l1")["case_reference"] == "CS-1"


def test_retries_wake_release_and_staff_operations(location):
    for name in ("r0", "r1", "r2", "r3"):
        outbox.submit({"application_id": name}, location)
    db = queue.connect(location)
    assert len(queue.claim(db, "w", 10, 60)) == 4
    assert queue.mark_retry(db, "r0", "w", "connection error", 3000, None)
    assert queue.mark_retry(db, "r1", "w", "HTTP 429", 3000, 429)
    assert queue.mark_rejected(db, "r2", "w", "HTTP 401", 401, config_error=True)
    assert queue.release(db, "w") == 1  # r3: given back, due at once
    assert [r["application_id"] for r in queue.claim(db, "w", 10, 60)] == ["r3"]
    assert queue.wake_after_recovery(db) == 1  # r0, not the rate-limited r1
    assert [r["application_id"] for r in queue.claim(db, "w", 10, 60)] == ["r0"]
    assert queue.counts(db) == {"pending": 3, "delivered": 0, "rejected": 1, "config_errors": 1}
    assert queue.retry_config_errors(db) == 1
    row = queue.find(db, "r2")
    assert row["status"] == "pending" and row["last_error"] == "retry requested by staff; was: HTTP 401"
    assert queue.mark_rejected(db, "r2", None, "bad", 400)
    reference = queue.find(db, "r2")["reference"]
    assert queue.retry(db, reference) and not queue.retry(db, reference)
    assert [r["application_id"] for r in queue.rows(db, "pending")] and "payload" not in queue.rows(db)[0]
    assert queue.find(db, "r2", with_payload=True)["payload"] == {"application_id": "r2"}


def test_the_purge_empties_old_delivered_payloads_only(location):
    for name in ("old", "new", "waiting"):
        outbox.submit({"application_id": name, "conversation_id": f"conv-{name}"}, location)
    db = queue.connect(location)
    queue.claim(db, "w", 10, 60)
    queue.mark_delivered(db, "old", "CS-1", 201)
    queue.mark_delivered(db, "new", "CS-2", 201)
    long_ago = queue.iso(datetime.now(timezone.utc) - timedelta(days=40))
    with writing(db) as conn:
        conn.execute(applications.update().where(applications.c.application_id == "old").values(delivered_at=long_ago))
    assert queue.purge_delivered(db, datetime.now(timezone.utc) - timedelta(days=30)) == ["conv-old"]
    assert queue.find(db, "old", with_payload=True)["payload"] == {} and queue.find(db, "old")["purged_at"]
    assert queue.kept_conversations(db) == {"conv-new", "conv-waiting"}
    assert queue.purge_delivered(db, datetime.now(timezone.utc) - timedelta(days=30)) == []


# ---- handoff queue, audit, presence ----------------------------------------------------------

@pytest.fixture
def always_open(monkeypatch):
    monkeypatch.setenv("ASB_OPERATOR_HOURS", "00:00-24:00")


def test_the_queue_puts_risk_first_then_the_oldest(location, always_open):
    store = HandoffStore(location)
    assert store.request("s0", "asked for a person", False) == ("nobody", None)  # nobody signed in
    store.sign_in("alex")
    assert store.operators_present() == 1
    assert store.request("s1", "asked for a person", False, now=100.0) == ("open", 1)
    assert store.request("s2", "asked for a person", False, now=101.0) == ("open", 2)
    assert store.request("s3", "safeguarding: self_harm", True, now=102.0) == ("open", 1)
    assert [h.session_id for h in store.queue()] == ["s3", "s1", "s2"]
    # Asking again keeps the time asked first; the risk flag moves s2 up among the risk-flagged.
    assert store.request("s2", "safeguarding: hate", True, now=103.0) == ("open", 1)
    assert store.get("s2").risk and store.get("s2").reason == "safeguarding: hate"
    assert [h.session_id for h in store.queue()] == ["s2", "s3", "s1"]
    assert store.take("s2", "alex") and [h.session_id for h in store.queue()] == ["s3", "s1", "s2"]  # taken last
    assert store.position("s2") == 0 and store.position("s1") == 2 and store.position("nope") is None
    store.sign_out("alex")
    assert store.operators_present() == 0


def test_of_two_operators_pressing_take_exactly_one_gets_it(location, always_open):
    store = HandoffStore(location)
    store.sign_in("alex")
    store.request("s1", "asked for a person", False)
    others = [HandoffStore(location) for _ in range(8)]
    start = threading.Barrier(len(others))

    def take(n: int) -> bool:
        start.wait()
        return others[n].take("s1", f"op{n}")

    with ThreadPoolExecutor(len(others)) as pool:
        won = [n for n, ok in enumerate(pool.map(take, range(len(others)))) if ok]
    assert len(won) == 1 and store.holder("s1") == f"op{won[0]}"
    assert [a["action"] for a in store.audit("s1")].count("took the conversation") == 1


def test_the_audit_trail_keeps_the_order_things_happened_in(location, always_open):
    store = HandoffStore(location)
    store.sign_in("alex")
    store.request("s1", "asked for a person", False, now=1000.0)
    assert store.take("s1", "alex", now=1001.0)
    for n in range(20):  # the same second: order is the order written, not the clock's
        store.record("s1", "alex", f"step {n}", now=1002.0)
    assert not store.finish("s1", "sam", "returned", "handed back")  # not sam's
    assert store.finish("s1", "alex", "returned", "handed back", now=1003.0)
    trail = store.audit("s1")
    assert [a["action"] for a in trail] == (["queued: asked for a person", "took the conversation"]
                                            + [f"step {n}" for n in range(20)] + ["handed back"])
    assert trail[0] == {"at": "1970-01-01T00:16:40+00:00", "operator": None, "action": "queued: asked for a person"}
    store.start_with_operator("s2", "sam")
    assert store.status("s2") == "taken" and store.holder("s2") == "sam"
    store.forget("s1")
    assert store.get("s1") is None and store.audit("s1") == []


# ---- operators and their console sessions ---------------------------------------------------

def test_an_operator_signed_in_through_one_process_is_known_to_another(location):
    ops = Operators(location)
    ops.add("alex", "correct horse battery", "Alex Smith")
    token = OperatorSessions(location).create("alex", ops.display_name("alex"), 3600)
    seen = _in_another_process(
        "from shared.handoff.operators import Operators, OperatorSessions\n"
        f"s = OperatorSessions({str(location)!r}).get({token!r})\n"
        f"print(s.operator, s.display, Operators({str(location)!r}).verify('alex', 'correct horse battery'))")
    assert seen == "alex Alex Smith True"
    assert OperatorSessions(location).get(token + "x") is None
    assert OperatorSessions(location).end(token) == "alex"
    assert OperatorSessions(location).get(token) is None and OperatorSessions(location).end(token) is None


def test_a_session_ends_after_its_time_and_only_its_hash_is_stored(location):
    sessions = OperatorSessions(location)
    token = sessions.create("alex", "Alex", 60, now=1000.0)
    assert sessions.get(token, now=1059.0).operator == "alex"
    assert sessions.get(token, now=1061.0) is None
    engine = database(location, "handoff").engine
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT token_sha256 FROM operator_sessions")).scalars().all()
    assert stored and token not in stored


def test_operators_are_checked_by_hash_and_replaced_by_name(location):
    ops = Operators(location)
    ops.add("alex", "correct horse battery", "Alex")
    ops.add("alex", "another long password", "Alex Smith")
    assert ops.names() == ["alex"] and ops.display_name("alex") == "Alex Smith"
    assert not ops.verify("alex", "correct horse battery") and ops.verify("alex", "another long password")
    assert not ops.verify("nobody", "another long password")


# ---- ended chat sessions ---------------------------------------------------------------------

def test_ended_sessions_are_refused_by_every_instance_until_purged(location):
    EndedSessions(location).add("gone", now=100.0)
    EndedSessions(location).add("gone", now=500.0)  # again: still one row, first time kept
    other = EndedSessions(location)
    assert "gone" in other and "other" not in other and 42 not in other
    EndedSessions(location).add("recent", now=1000.0)
    assert other.purge(before=200.0) == 1
    assert "gone" not in other and "recent" in other


# ---- the reference case system ---------------------------------------------------------------

def _body(app_id: str, reference: str, outcome: str = "met", routes=("statutory",)) -> dict:
    return {"application_id": app_id, "reference": reference, "location": {"area": "staffordshire"},
            "assessment": {"outcome": outcome, "routes_met": list(routes)}}


def test_the_case_system_receives_once_and_answers_a_repeat_with_the_same_case(location):
    db = cases.connect(location)
    receipt, replayed = cases.receive(db, _body("a1", "ASB-1"))
    assert not replayed and receipt["case_reference"] == f"CS-{datetime.now(timezone.utc).year}-000001"
    again, replayed = cases.receive(db, _body("a1", "ASB-1"))
    assert replayed and again == receipt
    with pytest.raises(cases.Conflict):
        cases.receive(db, _body("a1", "ASB-1", outcome="not_met"))
    with pytest.raises(cases.ReferenceConflict):
        cases.receive(db, _body("a2", "ASB-1"))
    second, _ = cases.receive(db, _body("a3", "ASB-3", "not_met", ()))
    assert second["case_reference"].endswith("000003") or second["case_reference"].endswith("000002")
    total, items = cases.list_cases(db)
    assert total == 2 and [i["application_id"] for i in items] == ["a3", "a1"]


def test_simultaneous_deliveries_of_one_application_make_one_case(location):
    db = cases.connect(location)
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda _: cases.receive(db, _body("same", "ASB-S")), range(12)))
    assert len({r["case_reference"] for r, _ in results}) == 1
    assert sum(1 for _, replayed in results if not replayed) == 1
    assert cases.list_cases(db)[0] == 1


def test_decisions_are_recorded_replaced_and_counted(location):
    db = cases.connect(location)
    for n, (outcome, routes) in enumerate([("met", ["statutory"]), ("met", ["statutory", "hate"]),
                                           ("not_met", [])]):
        cases.receive(db, _body(f"a{n}", f"ASB-{n}", outcome, routes))
    assert cases.record_decision(db, "nope", {"threshold_met": True}) is None
    cases.record_decision(db, "a0", {"threshold_met": False})
    cases.record_decision(db, "a0", {"threshold_met": True, "review_held": True, "recommendations_made": True,
                                     "decided_on": "2026-11-01", "notes": "ok"})
    cases.record_decision(db, "a2", {"threshold_met": False, "review_held": None})
    case = cases.get_case(db, "a0")
    assert case["decision"]["threshold_met"] is True and case["decision"]["notes"] == "ok"
    assert case["application"]["reference"] == "ASB-0"
    year = datetime.now(timezone.utc).year
    assert cases.figures(db, year) == {
        "year": year, "applications_received": 3, "threshold_met": 1, "threshold_not_met": 1,
        "awaiting_decision": 1, "reviews_carried_out": 1, "reviews_with_recommendations": 1,
        "by_route": {"statutory": 2, "hate": 1, "none": 1}}
    assert cases.figures(db, year - 1)["applications_received"] == 0


def test_a_removed_sqlite_file_is_made_again(tmp_path):
    path = tmp_path / "again.db"
    outbox.submit({"application_id": "x"}, path)
    for f in tmp_path.glob("again.db*"):
        f.unlink()
    assert outbox.counts(path) == {}  # the table is there again, empty
    forget(path)


def test_a_claim_does_not_wait_for_rows_another_claimer_is_locking(location):
    """PostgreSQL: rows another claim's transaction holds (FOR UPDATE) are skipped at once.
    SQLite: the second claim waits for the first transaction (one writer), then sees its lease."""
    for i in range(4):
        outbox.submit({"application_id": f"k{i}"}, location)
    db = queue.connect(location)
    T = applications
    everything = {f"k{i}" for i in range(4)}
    pool = ThreadPoolExecutor(1)
    try:
        with writing(db) as conn:  # a claimer stopped halfway: its rows are locked, not yet leased
            held = set(conn.execute(sa.select(T.c.application_id).order_by(T.c.next_attempt_at).limit(2)
                                    .with_for_update(skip_locked=True)).scalars())
            started = time.monotonic()
            other = pool.submit(queue.claim, db, "other", 10, 60)
            if db.dialect == "postgresql":
                got = {r["application_id"] for r in other.result(5)}
                assert time.monotonic() - started < 2 and got == everything - held
            else:
                time.sleep(0.3)
                assert not other.done()  # one writer at a time
            conn.execute(T.update().where(T.c.application_id.in_(held)).values(lease_owner="first", lease_until="9999"))
        assert {r["application_id"] for r in other.result(10)} == everything - held
    finally:
        pool.shutdown()


def test_an_operator_stays_signed_in_whichever_console_serves_them(location):
    """Two Rasa servers' consoles (two ConsoleAuth on one database): signed in through one,
    known to the other; signed out through the other, gone from both."""
    from types import SimpleNamespace

    from bot.console.auth import COOKIE, ConsoleAuth
    from bot.console.throttle import SignInThrottle

    Operators(location).add("alex", "correct horse battery", "Alex Smith")
    a = ConsoleAuth(Operators(location), SignInThrottle())
    b = ConsoleAuth(Operators(location), SignInThrottle())
    token = a.login("alex", "correct horse battery", "10.0.0.1")
    assert token and a.login("alex", "wrong password here", "10.0.0.1") is None
    request = SimpleNamespace(cookies={COOKIE: token})
    assert b.session(request).operator == "alex" and b.session(request).display == "Alex Smith"
    assert b.logout(token) == "alex"
    assert a.session(request) is None and b.session(SimpleNamespace(cookies={})) is None
