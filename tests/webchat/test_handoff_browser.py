"""Issue 6 in a real browser: a resident (the widget) and two operators (the console) at once."""

from __future__ import annotations

import json
import re

from shared.handoff.store import HandoffStore


def test_an_operator_takes_over_chats_corrects_and_hands_back_and_the_intake_finishes(webchat):
    stack = webchat.stack
    r = webchat.run("handoff", timeout=600, consoleUrl=stack.url, operators=stack.operators)
    assert "failure" not in r, r.get("failure", "") + "\n" + json.dumps(r.get("steps", [])[-4:], indent=1)
    assert r["redirectedToLogin"] is True
    assert re.search(r"You are number \d+ in the queue", r["queuedReply"])
    assert "asked for a person" in r["queueEntry"]
    assert "Meadow Road" in r["cardBefore"]  # the case card shows what the assistant collected
    assert "Alex from the team has joined the chat" in r["joined"]
    assert r["consoleAxe"] == [], json.dumps(r["consoleAxe"], indent=1)
    # Both ways, each within a second, and the assistant said nothing meanwhile.
    assert r["staffText"].endswith("Hello, I'm Alex. How can I help?")
    assert r["operatorToResidentMs"] < 1000 and r["residentToOperatorMs"] < 1000, (r["operatorToResidentMs"], r["residentToOperatorMs"])
    assert r["assistantSilent"] is True
    # The second operator sees it taken and cannot write into it.
    assert "taken by alex" in r["samQueueEntry"]
    assert "Taken by alex" in r["samState"] and r["samCanSend"] is False and r["samTakeVisible"] is False
    assert r["samApiSend"] == 409
    # Handed back: the assistant carries on from where it stopped, with the corrected answer.
    assert "back with the automated assistant" in r["afterHandback"][0]
    assert "who is doing it" in r["afterHandback"][1].lower()
    assert "Outside 12 Elm Road, Stafford" in r["checkYourAnswers"]
    assert r["reference"] and r["reference"].startswith("ASB-")
    assert set(r["whoTalked"]) == {"Assistant", "You", "Member of staff"}
    assert any(m["from"] == "staff" and "Alex" in m["text"] for m in r["alexTranscript"])
    assert r["errors"] == []
    assert HandoffStore(stack.var_dir / "handoff.db").status(r["sessionId"]) == "returned"
    # Every operator action travels with the application to the case system.
    channel = stack.delivered(r["reference"])["channel"]
    actions = [(a["operator"], a["action"]) for a in channel["operator_actions"]]
    assert channel["handed_over_by_operator"] is True and channel["name"] == "socketio"
    assert actions[-3:] == [("alex", "took the conversation"), ("alex", "corrected Where"),
                            ("alex", "handed back to the assistant")]
    assert all(a["at"] for a in channel["operator_actions"])
