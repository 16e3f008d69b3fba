"""Fixtures for action tests: a real domain, trackers built with Tracker.from_dict."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> dict:
    """The domain as Rasa sends it to the action server: responses from data/ merged in."""
    merged = yaml.safe_load((ROOT / "domain.yml").read_text())
    for path in sorted((ROOT / "data").rglob("*.yml")):
        extra = yaml.safe_load(path.read_text()) or {}
        merged["responses"].update(extra.get("responses") or {})
    return merged


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(autouse=True)
def test_clock(monkeypatch, tmp_path):
    monkeypatch.setenv("ASB_TEST_CLOCK", "1")
    monkeypatch.setenv("ASB_OUTBOX_DB", str(tmp_path / "outbox.db"))


@pytest.fixture(autouse=True)
def handoff_store(monkeypatch, tmp_path):
    """A queue of this test's own, open all day, with nobody signed in unless a test says so."""
    from actions.intake import handoff
    from shared.handoff.store import HandoffStore

    monkeypatch.setenv("ASB_HANDOFF_DB", str(tmp_path / "handoff.db"))
    monkeypatch.setenv("ASB_OPERATOR_HOURS", "00:00-24:00")
    store = HandoffStore(tmp_path / "handoff.db")
    monkeypatch.setattr(handoff, "_store", store)
    return store


@pytest.fixture(autouse=True)
def database_off_the_event_loop():
    """Fails a test in which a store opened a connection or ran a statement on a running event
    loop: the action server answers every resident on one loop, so a store call made there (a
    slow disk, a PostgreSQL server far away, a lock another process holds) stalls them all.
    Yields the list of what was seen, for a test that makes such a call on purpose."""
    import sqlalchemy as sa

    on_the_loop: list[str] = []

    def seen(what: str) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # a worker thread, or plain test code: no loop here to block
        on_the_loop.append(what)

    def statement(_conn, _cursor, sql, *_args) -> None:
        seen(" ".join(sql.split())[:80])

    def connection(*_args) -> None:
        seen("connect")

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", statement)
    sa.event.listen(sa.pool.Pool, "connect", connection)
    try:
        yield on_the_loop
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", statement)
        sa.event.remove(sa.pool.Pool, "connect", connection)
    assert not on_the_loop, f"database calls made on the event loop: {on_the_loop}"
