"""Fast checks of the pieces the process tests rely on: classification, backoff, leases, the body."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date

from case_system_helpers import SAMPLE

from delivery import body as wire
from delivery import client
from shared.case_link import contract, signing
from shared.outbox import queue
from shared.outbox import store


def test_answers_are_classified_as_the_contract_says():
    ok = client.classify(201, json.dumps({"case_reference": "CS-2026-000001"}))
    assert (ok.kind, ok.case_reference) == (client.DELIVERED, "CS-2026-000001")
    for status in (408, 429, 500, 502, 503, 504):
        assert client.classify(status, "").kind == client.RETRY
    for status in (400, 404, 409, 413, 422):
        out = client.classify(status, json.dumps({"error": {"code": "invalid_body", "message": "body.x: bad"}}))
        assert out.kind == client.REJECTED and not out.config_error and "invalid_body" in out.error
    for status in (401, 403, 301):
        out = client.classify(status, "")
        assert out.kind == client.REJECTED and out.config_error
    assert client.classify(429, "", "120").retry_after_s == 120
    # a hostile error code is not carried into log lines
    assert client.classify(400, json.dumps({"error": {"code": "<script> resident words", "message": "m"}})).code == "http_400"


def test_backoff_is_exponential_with_full_jitter_and_capped():
    rng = random.Random(1)
    for attempts, ceiling in [(1, 5), (2, 10), (3, 20), (8, 640), (12, 3600), (400, 3600)]:
        samples = [queue.backoff(attempts, 5, 3600, rng) for _ in range(200)]
        assert 0 <= min(samples) and max(samples) <= ceiling
        assert max(samples) > ceiling * 0.8  # spread over the whole range, not a fixed delay


def test_the_delivery_columns_are_there_and_a_crashed_claim_becomes_due_after_its_lease(tmp_path):
    db = tmp_path / "outbox.db"
    store.submit({"application_id": "a1"}, db)
    conn = queue.connect(db)
    with sqlite3.connect(db) as raw:
        assert {"lease_until", "config_error", "delivered_at"} <= {r[1] for r in raw.execute("PRAGMA table_info(applications)")}
    first = queue.claim(conn, "w1", 10, lease_s=60)
    assert [r["application_id"] for r in first] == ["a1"] and first[0]["attempts"] == 1
    assert queue.claim(conn, "w2", 10, lease_s=60) == []  # leased: nobody else gets it
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE applications SET lease_until = ?", (queue.iso(queue.now()),))  # the lease ran out
    again = queue.claim(conn, "w2", 10, lease_s=60)
    assert [r["application_id"] for r in again] == ["a1"] and again[0]["attempts"] == 2
    assert not queue.mark_retry(conn, "a1", "w1", "late", 1, 500)  # the old owner cannot overwrite
    assert queue.mark_delivered(conn, "a1", "CS-1", 201)
    assert not queue.mark_rejected(conn, "a1", "w2", "x", 400)  # final stays final
    assert queue.counts(conn)["delivered"] == 1
    # the store's own reader still works on the widened table
    assert store.counts(db) == {"delivered": 1}


def test_wake_after_recovery_skips_rate_limited_rows(tmp_path):
    db = tmp_path / "outbox.db"
    for i in range(3):
        store.submit({"application_id": f"w{i}"}, db)
    conn = queue.connect(db)
    queue.claim(conn, "w", 10, 60)
    queue.mark_retry(conn, "w0", "w", "connection error", 3000, None)
    queue.mark_retry(conn, "w1", "w", "HTTP 503", 3000, 503)
    queue.mark_retry(conn, "w2", "w", "HTTP 429", 3000, 429)
    assert queue.wake_after_recovery(conn) == 2
    assert [r["application_id"] for r in queue.claim(conn, "w", 10, 60)] == ["w0", "w1"]


def test_signature_covers_timestamp_and_body():
    headers = signing.sign("s", b"{}", now=1_000_000)
    ts, sig = headers[signing.TIMESTAMP_HEADER], headers[signing.SIGNATURE_HEADER]
    assert signing.verify("s", ts, sig, b"{}", now=1_000_010) is None
    assert signing.verify("s", ts, sig, b"{ }", now=1_000_010) == "signature does not match"
    assert signing.verify("s", "1000001", sig, b"{}", now=1_000_010) == "signature does not match"
    assert signing.verify("s", ts, sig, b"{}", now=1_000_000 + 301) == "timestamp too far from the receiver's clock"
    assert signing.verify("other", ts, sig, b"{}", now=1_000_000) == "signature does not match"


def test_the_body_carries_what_a_caseworker_needs_and_is_deterministic():
    b = wire.wire_body(SAMPLE, "ASB-ABC12345")
    assert contract.errors("Application", b) == []
    assert wire.encode(b) == wire.encode(wire.wire_body(json.loads(json.dumps(SAMPLE)), "ASB-ABC12345"))
    assert b["safe_contact"]["restrictions"].startswith("Do not write")
    assert b["applicant"]["type"] == "on_behalf" and b["applicant"]["victim_consent"] is True
    assert [r["reported_to"] for r in b["reports"]] == ["police", "council", "police"]
    assert all(r["words"] for r in b["reports"]) and b["assessment"]["outcome"] in ("met", "not_met", "needs_review")
    assert b["policy"]["id"] == "staffordshire" and b["reference"] == "ASB-ABC12345"


def test_odd_values_are_normalised_not_lost():
    odd = json.loads(json.dumps(SAMPLE))
    odd["reports"][0]["reported_to"] = "my neighbour"
    odd["reports"][0]["incident_precision"] = "roughly"
    odd["applicant"]["type"] = "weird"
    odd["other_reporters"]["count"] = "two"
    b = wire.wire_body(odd, "ASB-X")
    assert contract.errors("Application", b) == []
    assert b["reports"][0]["reported_to"] == "other" and b["reports"][0]["words"]
    assert wire.wire_body({"application_id": "only-an-id"}, "ASB-Y")["assessment"]["outcome"] == "needs_review"


def test_the_intake_record_maps_to_a_valid_body():
    """The real producer (actions/intake/application.py) against the contract: catches drift."""
    from actions.intake.application import application_record

    slots = {"applicant_type": "self", "full_name": "A", "phone": "07700900123", "safe_contact": "none",
             "location": "Stafford ST16 2DH", "problem_description": "noise", "ongoing": True, "hate": False,
             "consent_share": True, "declaration": True,
             "reports": [{"id": "r1", "incident_date": "2026-01-10", "incident_precision": "exact",
                          "reported_date": "2026-01-11", "reported_precision": "exact", "reported_to": "police",
                          "words": "rang them"}]}
    rec = application_record(slots, "conv-9", date(2026, 3, 15), "socketio")
    b = wire.wire_body(rec, "ASB-Z")
    assert contract.errors("Application", b) == []
    assert b["application_id"] == rec["application_id"] and b["channel"]["name"] == "socketio"
    assert b["reports"][0]["status"] is not None


def test_admin_accepts_the_database_before_or_after_the_sub_command(tmp_path, capsys):
    from delivery.admin import main

    db = tmp_path / "outbox.db"
    store.submit({"application_id": "adm-1", "problem": {"words": "private words"}}, db)
    assert main(["list", "--db", str(db)]) == 0
    after = capsys.readouterr().out
    assert main(["--db", str(db), "list"]) == 0
    assert capsys.readouterr().out == after and "adm-1" in after and "private words" not in after
    assert main(["show", "adm-1", "--db", str(db)]) == 0 and "private words" not in capsys.readouterr().out
    assert main(["retry", "adm-1", "--db", str(db)]) == 1  # pending, not rejected
