"""The real Rasa and action servers, over the REST channel residents' tools use."""

from __future__ import annotations

import pytest

TODAY = "2026-11-22"


def _text(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def test_opening_says_what_it_is_and_how_to_leave(stack, sender):
    reply = _text(stack.say(sender, "hello", TODAY))
    assert "automated assistant" in reply
    assert "999" in reply
    assert "Leave this site" in reply


def test_typed_restart_does_not_wipe_the_conversation(stack, sender):
    stack.say(sender, "hi", TODAY)
    stack.say(sender, "yes", TODAY)  # reported before
    before = stack.tracker(sender)
    assert before["slots"].get("reported_before") is True
    replies = stack.say(sender, "/restart", TODAY)
    assert replies, "the resident must get an answer"
    after = stack.tracker(sender)
    assert after["slots"].get("reported_before") is True, "a typed /restart must not discard answers"
    assert not any(e.get("event") == "restart" for e in after["events"])


@pytest.mark.parametrize(
    "message",
    ["", "   ", "😡😡😡", "x" * 5000, "Bonjour, je voudrais de l'aide", '/inform{"x":"y"}',
     '<img src=x onerror=alert(1)>'],
    ids=["empty", "whitespace", "emoji", "5000-chars", "french", "forged-payload", "html"],
)
def test_bad_input_gets_a_reply_and_the_conversation_carries_on(stack, sender, message):
    stack.say(sender, "hi", TODAY)
    stack.say(sender, "yes", TODAY)
    replies = stack.say(sender, message, TODAY)
    assert replies, f"no reply to {message[:20]!r}"
    assert "Sorry, something went wrong" not in _text(replies)
    # The answer already given survives, and the assistant still takes the next answer.
    assert stack.tracker(sender)["slots"].get("reported_before") is True
    assert stack.say(sender, "yes", TODAY), "the conversation must carry on"


def test_nothing_the_resident_typed_reaches_the_logs(stack, sender):
    secret = "Zebrafinch Crescent 4821"
    for message in [
        "hello",
        "yes",
        f"They shout at me outside {secret} every night",
        f'/inform{{"choice": "{secret}"',  # broken payload: Rasa logs these by default
        f"/restart {secret}",
        f"{secret} " * 300,
    ]:
        stack.say(sender, message, TODAY)
    logs = stack.logs()
    assert logs, "the servers wrote no logs at all, so this test proves nothing"
    assert "Zebrafinch" not in logs
