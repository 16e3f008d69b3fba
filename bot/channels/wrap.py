"""Wrap Rasa's ``on_new_message`` callback so every channel sanitises the same way, refuses
an over-long message (telling the resident, and taking nothing from it as an answer), and a
conversation an operator has taken goes to the operator, not the assistant."""

from __future__ import annotations

import time
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage

from bot.channels.sanitise import sanitise_text, too_long_reply
from bot.handoff.runtime import held_by_operator, turn_finished

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def sanitising(on_new_message: OnNewMessage) -> OnNewMessage:
    async def handler(message: UserMessage) -> Any:
        refusal = too_long_reply(message.text)
        if refusal is not None:
            await message.output_channel.send_text_message(message.sender_id, refusal)
            return None
        message.text = sanitise_text(message.text)
        if not isinstance(message.metadata, dict):
            message.metadata = {}
        if await held_by_operator(message):
            return None  # the assistant says nothing while a person has the conversation
        started_at = time.time()
        try:
            return await on_new_message(message)
        finally:
            await turn_finished(message.sender_id, started_at)  # live consoles see the turn

    return handler
