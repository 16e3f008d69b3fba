"""Every channel refuses an over-long message with a kind reply; nothing reaches the assistant."""

import asyncio

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.sanitise import MAX_MESSAGE_CHARS
from bot.channels.wrap import sanitising


def _run(text):
    seen = []

    async def on_new_message(message):
        seen.append(message.text)

    out = CollectingOutputChannel()
    asyncio.run(sanitising(on_new_message)(UserMessage(text, out, "resident-1")))
    return seen, [m["text"] for m in out.messages]


def test_an_over_long_message_is_refused_and_the_resident_told():
    seen, replies = _run("They bang on the walls. " * 200)  # 4,800 characters
    assert seen == []
    assert len(replies) == 1 and "too long" in replies[0] and "4,000 characters or fewer" in replies[0]


def test_a_message_at_the_limit_goes_through_whole():
    text = "a" * MAX_MESSAGE_CHARS
    seen, replies = _run(text)
    assert seen == [text] and replies == []
