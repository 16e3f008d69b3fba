"""The console's live feed (GET /console/api/events, server-sent events) on the real Rasa
server: who may open it, what it announces, and that signing out ends it."""

from __future__ import annotations

import json
import queue
import threading
import time

import requests

from live_stack import TEST_TODAY


class Feed:
    """An operator's open event stream, read in the background like a browser would."""

    def __init__(self, operator) -> None:
        self.response = operator.http.get(f"{operator.base}/console/api/events", stream=True, timeout=(10, 60))
        self.changes: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for line in self.response.iter_lines(decode_unicode=True):
                if line and line.startswith("data: "):
                    self.changes.put(json.loads(line[len("data: "):]))
        except requests.RequestException:
            pass
        self.changes.put(None)  # the stream ended

    def next(self, timeout: float = 5.0) -> dict | None:
        return self.changes.get(timeout=timeout)

    def until(self, kind: str, session_id: str, timeout: float = 5.0) -> float:
        """Seconds until that change arrives (others are skipped)."""
        started = time.monotonic()
        while True:
            try:
                change = self.next(max(0.01, timeout - (time.monotonic() - started)))
            except queue.Empty:
                raise AssertionError(f"no {kind} change for {session_id} within {timeout} s") from None
            assert change is not None, f"the stream ended before {kind} {session_id}"
            if change == {"kind": kind, "session_id": session_id}:
                return time.monotonic() - started


def test_the_feed_needs_a_signed_in_operator(stack):
    assert requests.get(f"{stack.url}/console/api/events", timeout=10).status_code == 401
    r = requests.get(f"{stack.url}/console/api/events", cookies={"asb_console": "made-up"}, timeout=10)
    assert r.status_code == 401


def test_the_feed_announces_queueing_messages_and_taking_and_ends_at_sign_out(stack, sender, operator_factory):
    alex, sam = operator_factory("alex"), operator_factory("sam")
    alex.queue()
    feed = Feed(sam)
    assert feed.response.status_code == 200
    assert feed.response.headers["content-type"].startswith("text/event-stream")
    assert feed.response.headers["cache-control"] == "no-store"
    assert feed.next() == {"kind": "hello", "session_id": None}

    stack.say(sender, "hello", TEST_TODAY)
    # Queued by the action server (another process): announced when the Rasa server's turn ends.
    stack.say(sender, "I'd like to talk to a person", TEST_TODAY)
    assert feed.until("queue", sender, timeout=2) < 2
    assert alex.post(f"conversations/{sender}/take").status_code == 200
    feed.until("queue", sender, timeout=2)
    # A message the resident sends while Alex has the conversation, and Alex's reply.
    assert stack.say(sender, "hello, is anyone there?", TEST_TODAY) == []
    feed.until("message", sender, timeout=2)
    assert alex.post(f"conversations/{sender}/send", {"text": "Yes, I'm here."}).status_code == 200
    feed.until("message", sender, timeout=2)

    # Signed out (here, or in another tab): the feed stops at once.
    sam.http.post(f"{stack.url}/console/logout", headers={"Origin": stack.url}, allow_redirects=False, timeout=30)
    started = time.monotonic()
    while (change := feed.next(timeout=5)) is not None:
        assert time.monotonic() - started < 5
    assert alex.post(f"conversations/{sender}/close").status_code == 200
