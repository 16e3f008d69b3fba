"""The bundled reference case system, tested over HTTP against the real process."""

from __future__ import annotations

import base64
import json
import time
import uuid

import pytest
import requests
from case_system_helpers import MARKER, SECRET, TOKEN, body, logs_without

from shared.case_link import signing
from delivery.body import encode


def new_id() -> str:
    return f"app-{uuid.uuid4().hex[:12]}"


def test_health_needs_no_token(cs):
    r = requests.get(f"{cs.url}/health", timeout=5)
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_same_application_twice_gives_one_case_and_the_same_answer(cs):
    app_id = new_id()
    before = cs.count()
    first = cs.post(body(app_id))
    second = cs.post(body(app_id))
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert first.json()["case_reference"].startswith("CS-")
    assert (first.headers["Idempotent-Replayed"], second.headers["Idempotent-Replayed"]) == ("false", "true")
    assert cs.count() == before + 1


def test_a_different_body_with_the_same_id_is_a_conflict_and_changes_nothing(cs):
    app_id = new_id()
    original = body(app_id)
    assert cs.post(original).status_code == 201
    changed = body(app_id)
    changed["problem"]["words"] = "something else"
    before = cs.count()
    r = cs.post(changed)
    assert r.status_code == 409 and r.json()["error"]["code"] == "conflict"
    assert cs.count() == before
    assert cs.get(f"/applications/{app_id}").json()["application"] == original


@pytest.mark.parametrize("token,secret,timestamp_offset,code", [
    ("wrong-token", SECRET, 0, "unauthorised"),
    (TOKEN, "wrong-secret", 0, "bad_signature"),
    (TOKEN, SECRET, -3600, "bad_signature"),  # a replay an hour later
])
def test_wrong_token_or_signature_or_stale_timestamp_is_401_and_nothing_is_stored(cs, token, secret, timestamp_offset, code):
    app_id = new_id()
    data = encode(body(app_id))
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Idempotency-Key": app_id,
               **signing.sign(secret, data, now=time.time() + timestamp_offset)}
    r = requests.post(f"{cs.url}/applications", data=data, headers=headers, timeout=10)
    assert r.status_code == 401 and r.json()["error"]["code"] == code
    assert app_id not in cs.case_references()


def test_a_signature_for_another_body_is_refused(cs):
    app_id = new_id()
    data = encode(body(app_id))
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json", "Idempotency-Key": app_id,
               **signing.sign(SECRET, data.replace(b"loud music", b"quiet music"))}
    r = requests.post(f"{cs.url}/applications", data=data, headers=headers, timeout=10)
    assert r.status_code == 401
    assert app_id not in cs.case_references()


def _without(d: dict, *path):
    d = json.loads(json.dumps(d))
    target = d
    for p in path[:-1]:
        target = target[p]
    del target[path[-1]]
    return d


def _with(d: dict, value, *path):
    d = json.loads(json.dumps(d))
    target = d
    for p in path[:-1]:
        target = target[p]
    target[path[-1]] = value
    return d


HOSTILE = [
    ("missing top-level field", lambda b: _without(b, "assessment"), 400, "missing required field(s): assessment"),
    ("missing nested field", lambda b: _without(b, "reports", 0, "reported_to"), 400, "body.reports[0]: missing required field(s): reported_to"),
    ("wrong type", lambda b: _with(b, "yes", "hate"), 400, "body.hate: must be of type boolean or null"),
    ("wrong type in a list", lambda b: _with(b, [1, 2], "reports", 1, "words"), 400, "body.reports[1].words: must be of type string"),
    ("over-long string", lambda b: _with(b, "A" * 20001, "problem", "words"), 400, "body.problem.words: longer than 20000 characters"),
    ("1 MB string", lambda b: _with(b, "B" * 1_000_000, "impact", "words"), 400, "body.impact.words: longer than 20000 characters"),
    ("unknown schema_version", lambda b: _with(b, 2, "schema_version"), 400, "body.schema_version: this case system accepts 1"),
    ("unknown field", lambda b: _with(b, "x", "surprise"), 400, "unknown field(s): surprise"),
    ("not a vocabulary word", lambda b: _with(b, "the neighbour", "reports", 0, "reported_to"), 400, "body.reports[0].reported_to: not one of"),
    ("impossible date", lambda b: _with(b, "2026-02-30", "reports", 0, "incident_date"), 400, "body.reports[0].incident_date: not a valid date"),
    ("a JSON array", lambda b: [b], 400, "body: must be of type object"),
]


@pytest.mark.parametrize("name,mutate,status,message", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_malformed_or_hostile_bodies_are_refused_clearly_and_nothing_is_stored(cs, name, mutate, status, message):
    app_id = new_id()
    payload = mutate(body(app_id))
    before = cs.count()
    r = cs.post(payload, application_id=app_id)
    assert r.status_code == status, r.text
    assert message in r.json()["error"]["message"]
    assert MARKER not in r.text and "BBBB" not in r.text  # the message names the field, never echoes the value
    assert cs.count() == before


@pytest.mark.parametrize("raw,status,code", [
    (b"{not json", 400, "invalid_json"),
    (b'{"schema_version": NaN}', 400, "invalid_json"),
    (b"\xff\xfe", 400, "invalid_json"),
    (b"[" * 100000 + b"]" * 100000, 400, "invalid_json"),
    (b'{"a": "' + b"x" * (1024 * 1024 + 10) + b'"}', 413, "too_large"),
])
def test_unparseable_or_oversized_bodies(cs, raw, status, code):
    before = cs.count()
    r = cs.post(None, application_id=new_id(), raw=raw)
    assert r.status_code == status and r.json()["error"]["code"] == code
    assert cs.count() == before


def test_idempotency_key_must_match_the_application_id(cs):
    app_id = new_id()
    r = cs.post(body(app_id), application_id="someone-else")
    assert r.status_code == 400 and r.json()["error"]["code"] == "idempotency_key_mismatch"
    assert app_id not in cs.case_references()


def test_wrong_content_type_is_415(cs):
    app_id = new_id()
    r = cs.post(body(app_id), headers={"Content-Type": "text/plain"})
    assert r.status_code == 415 and app_id not in cs.case_references()


def test_script_in_resident_text_is_stored_as_given_and_rendered_escaped(cs):
    app_id = new_id()
    sent = body(app_id)
    assert "<script>" in sent["problem"]["words"]
    assert cs.post(sent).status_code == 201
    stored = cs.get(f"/applications/{app_id}").json()
    assert stored["application"]["problem"]["words"] == sent["problem"]["words"]
    page = cs.get(f"/caseworker/applications/{app_id}")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "<script>" not in page.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page.text
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    # the safe-contact restriction is shown prominently, escaped
    assert "Safe contact:</strong> Do not write to the house" in page.text


def test_json_api_and_pages_need_credentials(cs):
    assert requests.get(f"{cs.url}/applications", timeout=5).status_code == 401
    assert requests.get(f"{cs.url}/figures?year=2026", headers={"Authorization": "Bearer nope"}, timeout=5).status_code == 401
    r = requests.get(f"{cs.url}/caseworker", timeout=5)
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Basic")
    assert requests.get(f"{cs.url}/caseworker", auth=("cw", "wrong"), timeout=5).status_code == 401
    assert requests.get(f"{cs.url}/caseworker", auth=("cw", "caseworker-pass"), timeout=5).status_code == 200
    assert cs.get("/caseworker").status_code == 200  # the bearer token works too
    bad = base64.b64encode(b"\xff\xfe").decode()
    assert requests.get(f"{cs.url}/caseworker", headers={"Authorization": f"Basic {bad}"}, timeout=5).status_code == 401


def test_list_shows_cases_newest_first_without_resident_text(cs):
    ids = [new_id() for _ in range(3)]
    for app_id in ids:
        assert cs.post(body(app_id)).status_code == 201
    listing = cs.get("/applications?limit=3").json()
    assert [i["application_id"] for i in listing["items"]] == ids[::-1]
    assert listing["total"] >= 3
    assert MARKER not in json.dumps(listing)
    assert cs.get("/applications?limit=0").status_code == 400
    assert cs.get("/applications?offset=abc").status_code == 400
    assert cs.get(f"/applications/{new_id()}").status_code == 404


def test_decisions_feed_the_yearly_published_figures(tmp_path):
    """Its own case system and database, so the counts are exact."""
    from case_system_helpers import start_case_system

    from launcher.supervisor import Supervisor

    sup = Supervisor({}, log_dir=tmp_path / "logs", echo=False)
    try:
        own = start_case_system(sup, tmp_path)
        year = time.gmtime().tm_year
        empty = own.get(f"/figures?year={year}").json()
        assert empty["applications_received"] == 0 and empty["by_route"] == {}
        ids = [new_id() for _ in range(4)]
        for i, app_id in enumerate(ids):
            b = body(app_id)
            if i == 3:
                b["assessment"]["outcome"], b["assessment"]["routes_met"] = "not_met", []
            assert own.post(b).status_code == 201
        decisions = [
            {"threshold_met": True, "review_held": True, "recommendations_made": True, "decided_on": "2026-04-01"},
            {"threshold_met": True, "review_held": True, "recommendations_made": False},
            {"threshold_met": False, "notes": "<b>fewer than three reports</b>"},
        ]
        for app_id, d in zip(ids, decisions):
            r = requests.post(f"{own.url}/applications/{app_id}/decision", json=d,
                              headers={"Authorization": f"Bearer {TOKEN}"}, timeout=5)
            assert r.status_code == 200 and r.json()["threshold_met"] == d["threshold_met"]
        bad = requests.post(f"{own.url}/applications/{ids[3]}/decision",
                            json={"threshold_met": False, "review_held": True},
                            headers={"Authorization": f"Bearer {TOKEN}"}, timeout=5)
        assert bad.status_code == 400
        missing = requests.post(f"{own.url}/applications/{new_id()}/decision", json={"threshold_met": True},
                                headers={"Authorization": f"Bearer {TOKEN}"}, timeout=5)
        assert missing.status_code == 404
        f = own.get(f"/figures?year={year}").json()
        assert f == {"year": year, "applications_received": 4, "threshold_met": 2, "threshold_not_met": 1,
                     "awaiting_decision": 1, "reviews_carried_out": 2, "reviews_with_recommendations": 1,
                     "by_route": {"statutory": 3, "none": 1}}
        assert own.get(f"/figures?year={year - 1}").json()["applications_received"] == 0
        assert own.get("/figures").status_code == 400
        page = own.get(f"/caseworker/figures?year={year}")
        assert "ASB Case Reviews resulting in recommendations</th><td>1<" in page.text
        assert "ASB Case Review applications received</th><td>4<" in page.text
        detail = own.get(f"/caseworker/applications/{ids[2]}").text
        assert "&lt;b&gt;fewer than three reports&lt;/b&gt;" in detail
    finally:
        sup.stop()
    logs_without(tmp_path / "logs")


def test_no_resident_text_in_the_case_system_log(cs, cs_logs):
    assert cs.post(body(new_id())).status_code == 201
    files = logs_without(cs_logs)
    assert files and "POST /applications 201" in files[0].read_text()


def test_one_resident_reference_is_not_accepted_under_two_application_ids(cs):
    first, second = new_id(), new_id()
    assert cs.post(body(first, "ASB-SAMEREF1")).status_code == 201
    again = cs.post(body(second, "ASB-SAMEREF1"))
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "reference_conflict"
    assert second not in cs.case_references()
    # The first application's own retry is still an idempotent replay.
    assert cs.post(body(first, "ASB-SAMEREF1")).headers["Idempotent-Replayed"] == "true"


def _basic(password: str) -> str:
    import base64

    return "Basic " + base64.b64encode(f"caseworker:{password}".encode()).decode()


def _page_from(cs, source: str, password: str):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", cs.port, timeout=30, source_address=(source, 0))
    try:
        conn.request("GET", "/caseworker", headers={"Authorization": _basic(password)})
        answer = conn.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read().decode()
    finally:
        conn.close()


def test_wrong_passwords_from_one_source_do_not_lock_out_another(cs):
    statuses = [_page_from(cs, "127.0.0.2", f"guess-{i}")[0] for i in range(40)]
    assert statuses[:5] == [401] * 5
    assert set(statuses[5:]) == {429}  # 200 guesses in half a second are no longer possible
    status, headers, text = _page_from(cs, "127.0.0.2", "caseworker-pass")
    assert status == 429 and int(headers["Retry-After"]) >= 1  # not even the right one meanwhile
    assert "paused for" in text
    # The right password from another source is unaffected.
    status, _, text = _page_from(cs, "127.0.0.3", "caseworker-pass")
    assert status == 200 and "<table>" in text


def test_the_default_caseworker_password_is_not_the_machine_token(tmp_path, monkeypatch):
    from case_system.app import config_from_env

    monkeypatch.setenv("ASB_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("CASE_SYSTEM_CASEWORKER_PASSWORD", raising=False)
    monkeypatch.delenv("CASE_SYSTEM_TOKEN", raising=False)
    cfg = config_from_env()
    assert cfg.caseworker_password and cfg.caseworker_password != cfg.token
    assert (tmp_path / "case-system-caseworker-password").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("old, organisation, stored", [
    ("business_or_group", "Oak Road Residents' Association", "community_group"),
    ("business_or_group", "Patel's Newsagents", "business"),
    ("person", None, "individual"),
    ("community_group", "Hill Top Allotments", "community_group"),
])
def test_victim_kinds_are_kept_apart_and_old_names_still_accepted(cs, old, organisation, stored):
    app_id = new_id()
    b = body(app_id)
    b["victim"]["kind"] = old
    b["applicant"]["organisation"] = organisation
    assert cs.post(b).status_code == 201
    assert cs.get(f"/applications/{app_id}").json()["application"]["victim"]["kind"] == stored
