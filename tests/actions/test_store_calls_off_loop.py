"""The actions' store calls (the handoff queue and audit, the outbox) run in worker threads with
a time limit, never on the action server's event loop: one resident's database wait must not
stall every other resident's answer. The conftest's database_off_the_event_loop fixture checks
every action test for the real stores; here, that the check works, that opening a store for the
first time happens off the loop too, and that a store which hangs is given up on in time."""

from __future__ import annotations

import asyncio
import threading
import time

from actions.intake import handoff, submit
from actions.intake.every_turn import RequestHuman
from actions.intake.submit import SubmitApplication
from intake_helpers import make_tracker
from shared.handoff.store import HandoffStore
from test_submit import SLOTS


def test_the_check_sees_a_store_call_made_on_the_event_loop(database_off_the_event_loop, handoff_store):
    async def on_the_loop():
        handoff_store.queue()

    asyncio.run(on_the_loop())
    assert database_off_the_event_loop  # seen...
    database_off_the_event_loop.clear()  # ...and made here on purpose


def test_a_store_opened_for_the_first_time_by_an_action_is_opened_off_the_loop(dispatcher, domain, monkeypatch, tmp_path):
    # Not opened yet in this process: opening connects and runs the migrations.
    monkeypatch.setenv("ASB_HANDOFF_DB", str(tmp_path / "first-use.db"))
    monkeypatch.setattr(handoff, "_store", None)
    asyncio.run(RequestHuman().run(dispatcher, make_tracker(intent="request_human"), domain))
    assert isinstance(handoff._store, HandoffStore) and handoff._store.path == tmp_path / "first-use.db"
    # Nobody signed in in the new queue: the resident is told the other routes.
    assert dispatcher.messages[0]["response"] == "utter_request_human_unavailable"


class RecordingStore:
    """Records the thread each call (and the store's opening) ran in."""

    threads: list[tuple[str, int]] = []

    def __init__(self) -> None:
        self.threads.append(("open", threading.get_ident()))

    def request(self, session_id, reason, risk):
        self.threads.append(("request", threading.get_ident()))
        return "open", 1

    def audit(self, session_id):
        self.threads.append(("audit", threading.get_ident()))
        return [{"operator": "alex", "action": "took", "at": 0}]


def test_every_store_call_of_an_action_runs_in_another_thread_than_the_loop(dispatcher, domain, monkeypatch):
    RecordingStore.threads = []
    monkeypatch.setattr(handoff, "_store", None)
    monkeypatch.setattr(handoff, "HandoffStore", RecordingStore)
    outbox_threads = []

    def recording_submit(record):
        outbox_threads.append(("submit", threading.get_ident()))
        return "ASB-TEST0001"

    monkeypatch.setattr(submit.store, "submit", recording_submit)
    loop_threads = []

    async def both():
        loop_threads.append(threading.get_ident())
        await RequestHuman().run(dispatcher, make_tracker(intent="request_human"), domain)
        return await SubmitApplication().run(dispatcher, make_tracker(SLOTS, active_form=None), domain)

    events = asyncio.run(both())
    assert dispatcher.messages[0]["response"] == "utter_request_human_queued"
    assert any(e.get("name") == "application_reference" and e.get("value") == "ASB-TEST0001" for e in events)
    calls = RecordingStore.threads + outbox_threads
    assert [name for name, _ in calls] == ["open", "request", "audit", "submit"]
    assert all(thread != loop_threads[0] for _, thread in calls), calls


class HangingStore:
    """A database that does not answer (a lock held elsewhere, a network gone quiet)."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def request(self, session_id, reason, risk):
        self.release.wait(30)
        return "open", 1


def test_a_store_that_does_not_answer_is_given_up_on_and_the_resident_is_told_the_other_routes(
        dispatcher, domain, monkeypatch):
    hanging = HangingStore()
    monkeypatch.setattr(handoff, "_store", hanging)
    monkeypatch.setattr(handoff, "STORE_TIMEOUT_S", 0.3)

    async def ask():
        started = time.monotonic()
        try:
            return await handoff.ask_for_person("someone", "asked for a person", False), time.monotonic() - started
        finally:
            hanging.release.set()  # lets the worker thread end, so the loop can close

    answer, took = asyncio.run(ask())
    assert answer == ("nobody", None) and took < 2.0


def test_an_outbox_that_does_not_answer_gives_the_resident_the_apology_not_a_reference(dispatcher, domain, monkeypatch):
    release = threading.Event()

    def hanging_submit(record):
        release.wait(30)
        return "ASB-LATE0001"

    monkeypatch.setattr(submit.store, "submit", hanging_submit)
    monkeypatch.setattr(submit, "OUTBOX_TIMEOUT_S", 0.3)

    async def send():
        try:
            return await SubmitApplication().run(dispatcher, make_tracker(SLOTS, active_form=None), domain)
        finally:
            release.set()

    started = time.monotonic()
    events = asyncio.run(send())
    assert time.monotonic() - started < 5.0  # within the action's own limit (ACTION_TIMEOUT_S, 8 s)
    assert not any(e.get("name") == "application_reference" for e in events)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_error"]
