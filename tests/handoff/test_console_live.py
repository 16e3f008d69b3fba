"""The operator console on the real Rasa server: sign-in, the queue, take, chat, correct,
hand back, and the Rasa 3.6 pause traps (session expiry, /restart). Residents use REST here;
tests/webchat/test_handoff_browser.py does it with two browsers and the widget."""

from __future__ import annotations

import re

import requests

from shared.handoff.store import HandoffStore
from live_stack import TEST_TODAY

CONSOLE_GETS = ["/console/api/me", "/console/api/queue", "/console/api/conversations/abc",
                "/console/static/console.js"]
CONSOLE_POSTS = ["take", "send", "correct", "handback", "start-intake", "close"]


def texts(reply: list[dict]) -> str:
    return " ".join(m.get("text", "") for m in reply)


def events_of(stack, sender: str) -> list[dict]:
    return stack.tracker(sender)["events"]


def test_without_signing_in_every_page_and_api_is_refused(stack):
    r = requests.get(f"{stack.url}/console/", allow_redirects=False, timeout=30)
    assert r.status_code == 303 and r.headers["location"] == "/console/login"
    for path in CONSOLE_GETS:
        assert requests.get(f"{stack.url}{path}", timeout=30).status_code == 401, path
    for action in CONSOLE_POSTS:
        r = requests.post(f"{stack.url}/console/api/conversations/abc/{action}", json={"text": "hi"},
                          headers={"Origin": stack.url, "X-Console": "1"}, timeout=30)
        assert r.status_code == 401, action
    # A wrong password, or a sign-in posted from another site, gets nobody in.
    bad = requests.post(f"{stack.url}/console/login", data={"name": "alex", "password": "guess"},
                        headers={"Origin": stack.url}, allow_redirects=False, timeout=30)
    assert bad.status_code == 401 and "asb_console" not in bad.cookies
    cross = requests.post(f"{stack.url}/console/login", data={"name": "alex", "password": stack.operators["alex"]},
                          headers={"Origin": "https://evil.example"}, allow_redirects=False, timeout=30)
    assert cross.status_code == 403 and "asb_console" not in cross.cookies


def test_a_residents_session_reaches_nothing_but_its_own_conversation(stack, operator_factory):
    # The widget's token names one conversation; it is not a console credential, and another
    # conversation's bare id (not signed by the server) reads nothing.
    alex = operator_factory("alex")
    forged = requests.post(f"{stack.url}/webhooks/socketio/history", data="test-someone-else", timeout=30)
    assert forged.status_code == 403
    r = requests.get(f"{stack.url}/console/api/queue", cookies={"asb_console": "test-someone-else"}, timeout=30)
    assert r.status_code == 401
    # Signed in, a state change without the console's own origin and header is refused.
    r = alex.http.post(f"{stack.url}/console/api/conversations/x/take", json={}, timeout=30)
    assert r.status_code == 403


def test_nobody_signed_in_gives_the_alternatives_and_the_assistant_carries_on(stack, sender):
    store = HandoffStore(stack.var_dir / "handoff.db")
    for name in stack.operators:  # other tests' operators may still count as signed in
        store.sign_out(name)
    stack.say(sender, "hello", TEST_TODAY)
    reply = texts(stack.say(sender, "can I talk to a real person please", TEST_TODAY))
    assert "no one from the team is free" in reply and "101" in reply
    follow = texts(stack.say(sender, "ok never mind, I'll carry on", TEST_TODAY))
    assert follow.strip()  # the assistant is still answering


def test_take_chat_correct_and_hand_back(stack, sender, operator_factory):
    alex, sam = operator_factory("alex"), operator_factory("sam")
    alex.queue()  # polling the queue is being signed in
    stack.say(sender, "I want to apply for a case review", TEST_TODAY)
    reply = texts(stack.say(sender, "I'd like to talk to a person", TEST_TODAY))
    assert re.search(r"You are number \d+ in the queue", reply)
    item = next(i for i in alex.queue() if i["session_id"] == sender)
    assert item["status"] == "waiting" and item["reason"] == "asked for a person"

    assert alex.post(f"conversations/{sender}/take").status_code == 200
    # Sam sees it taken by Alex and can neither take it nor write into it.
    seen = next(i for i in sam.queue() if i["session_id"] == sender)
    assert seen["status"] == "taken" and seen["taken_by"] == "alex" and not seen["mine"]
    assert sam.post(f"conversations/{sender}/take").status_code == 409
    assert sam.post(f"conversations/{sender}/send", {"text": "hello from sam"}).status_code == 409

    # While Alex has it the assistant says nothing, even to /restart, and nothing is lost.
    assert stack.say(sender, "hello, is someone there?", TEST_TODAY) == []
    assert stack.say(sender, "/restart", TEST_TODAY) == []
    assert alex.post(f"conversations/{sender}/send", {"text": "Hello, I'm Alex. How can I help?"}).status_code == 200
    events = events_of(stack, sender)
    assert not any(e["event"] == "restart" for e in events)
    staff = [e for e in events if e["event"] == "bot" and (e.get("metadata") or {}).get("from") == "staff"]
    assert staff[-1]["text"] == "Hello, I'm Alex. How can I help?"
    conv = alex.get(f"conversations/{sender}").json()
    said = [m["text"] for m in conv["transcript"] if m["from"] == "user"]
    assert "hello, is someone there?" in said and conv["mine"] is True

    r = alex.post(f"conversations/{sender}/correct", {"slot": "location", "value": "Outside 12 Elm Road, Stafford"})
    assert r.status_code == 200
    assert alex.post(f"conversations/{sender}/correct", {"slot": "phone", "value": "not a phone"}).status_code == 400
    assert alex.post(f"conversations/{sender}/correct", {"slot": "intake_status", "value": "sent"}).status_code == 400

    assert alex.post(f"conversations/{sender}/handback").status_code == 200
    tracker = stack.tracker(sender)
    assert tracker["slots"]["location"] == "Outside 12 Elm Road, Stafford"
    assert (tracker.get("active_loop") or {}).get("name") == "intake_form"
    names = [e.get("name") for e in tracker["events"] if e["event"] == "action"]
    assert names[-3:] == ["action_handback", "intake_form", "action_listen"]
    # The assistant answers again, and the audit trail says who did what.
    assert texts(stack.say(sender, "ok thanks", TEST_TODAY)).strip()
    assert all(i["session_id"] != sender for i in alex.queue())  # no longer in the queue
    audit = [(a["operator"], a["action"]) for a in _audit(stack, sender)]
    assert ("alex", "took the conversation") in audit and ("alex", "corrected Where") in audit \
        and ("alex", "handed back to the assistant") in audit


def taken_by_alex(stack, sender, operator_factory, asking: str):
    """A resident who said hello and asked for a person, taken by Alex (signed in first)."""
    alex = operator_factory("alex")
    alex.queue()
    stack.say(sender, "hello", TEST_TODAY)
    stack.say(sender, asking, TEST_TODAY)
    assert alex.post(f"conversations/{sender}/take").status_code == 200
    return alex


def _audit(stack, sender):
    return HandoffStore(stack.var_dir / "handoff.db").audit(sender)


def test_a_held_conversation_stays_with_the_operator_past_the_session_expiry(stack, sender, operator_factory):
    alex = taken_by_alex(stack, sender, operator_factory, "I need to speak to someone")
    # Age every event by two hours: Rasa would now start a new session (60 min) and un-pause.
    events = events_of(stack, sender)
    for e in events:
        e["timestamp"] = e["timestamp"] - 2 * 3600
    r = requests.put(f"{stack.url}/conversations/{sender}/tracker/events", params={"token": stack.token},
                     json=events, timeout=30)
    assert r.status_code == 200
    before = len(events_of(stack, sender))
    assert stack.say(sender, "are you still there?", TEST_TODAY) == []
    after = events_of(stack, sender)
    assert not any(e["event"] == "session_started" for e in after[before:])
    assert after[-1]["event"] == "user" and after[-1]["text"] == "are you still there?"
    assert alex.get(f"conversations/{sender}").json()["status"] == "taken"


def test_an_operator_can_start_the_application_for_a_resident(stack, sender, operator_factory):
    alex = operator_factory("alex")
    alex.queue()
    stack.say(sender, "hello", TEST_TODAY)
    stack.say(sender, "stop", TEST_TODAY)
    stack.say(sender, "yes", TEST_TODAY)  # stopped: everything deleted, no intake running
    assert stack.tracker(sender)["slots"]["intake_status"] == "stopped"
    assert re.search(r"number \d+ in the queue", texts(stack.say(sender, "can I speak to a human", TEST_TODAY)))
    assert alex.post(f"conversations/{sender}/take").status_code == 200
    assert alex.post(f"conversations/{sender}/start-intake").status_code == 200
    tracker = stack.tracker(sender)
    names = [e.get("name") for e in tracker["events"] if e["event"] == "action"]
    assert names[-3:] == ["action_start_intake_for_resident", "intake_form", "action_listen"]
    assert tracker["slots"]["intake_status"] is None and tracker["slots"]["application_id"]
    assert tracker["slots"]["requested_slot"] == "reported_before"  # the first question is asked
    assert ("alex", "started the application for the resident") in [(a["operator"], a["action"]) for a in _audit(stack, sender)]


def test_closing_tells_the_resident_and_the_assistant_answers_again(stack, sender, operator_factory):
    alex = taken_by_alex(stack, sender, operator_factory, "can I speak to a human")
    assert stack.say(sender, "thanks, that's all I needed", TEST_TODAY) == []
    assert alex.post(f"conversations/{sender}/close").status_code == 200
    assert alex.get(f"conversations/{sender}").json()["status"] == "closed"
    staff = [e["text"] for e in stack.tracker(sender)["events"]
             if e["event"] == "bot" and (e.get("metadata") or {}).get("from") == "staff"]
    assert "has left the chat" in staff[-1] and "101" in staff[-1]
    assert texts(stack.say(sender, "what happens next?", TEST_TODAY)).strip()  # the assistant again
    assert alex.post(f"conversations/{sender}/send", {"text": "one more thing"}).status_code == 409


def test_the_rasa_api_token_never_reaches_an_operators_browser(stack, operator_factory):
    alex = operator_factory("alex")
    seen = [alex.http.get(f"{stack.url}/console/", timeout=30).text,
            alex.http.get(f"{stack.url}/console/static/console.js", timeout=30).text,
            alex.get("me").text, alex.get("queue").text]
    assert all(stack.token not in body for body in seen)
    assert "Signed in as Alex" in seen[0] and "/console/api/" in seen[1]
