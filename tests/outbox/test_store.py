import re
import sqlite3

from shared.outbox import store


def test_submit_returns_a_readable_reference_and_stores_the_application(tmp_path):
    db = tmp_path / "outbox.db"
    ref = store.submit({"application_id": "a1", "reports": [{"words": "<script>x</script>"}]}, db)
    assert re.fullmatch(r"ASB-[0-9A-HJKMNP-TV-Z]{8}", ref)
    row = store.get(ref, db)
    assert row["status"] == "pending"
    assert row["payload"]["reports"][0]["words"] == "<script>x</script>"


def test_submit_is_idempotent_on_the_application_id(tmp_path):
    db = tmp_path / "outbox.db"
    first = store.submit({"application_id": "same"}, db)
    second = store.submit({"application_id": "same", "changed": True}, db)
    assert first == second
    assert store.counts(db) == {"pending": 1}


def test_references_are_unique_across_applications(tmp_path):
    db = tmp_path / "outbox.db"
    refs = {store.submit({"application_id": f"a{i}"}, db) for i in range(200)}
    assert len(refs) == 200


def test_nothing_half_written_when_the_insert_fails(tmp_path, monkeypatch):
    db = tmp_path / "outbox.db"
    store.submit({"application_id": "ok"}, db)
    monkeypatch.setattr(store, "new_reference", lambda: "ASB-SAMEREF1")
    store.submit({"application_id": "x1"}, db)
    try:
        store.submit({"application_id": "x2"}, db)  # every reference it tries clashes
        raise AssertionError("expected a failure")
    except RuntimeError:
        pass
    assert store.counts(db) == {"pending": 2}
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
