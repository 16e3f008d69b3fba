"""Wrap Rasa's ``on_new_message`` callback so every channel sanitises the same way."""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage

from bot.channels.sanitise import sanitise_text

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def sanitising(on_new_message: OnNewMessage) -> OnNewMessage:
    async def handler(message: UserMessage) -> Any:
        message.text = sanitise_text(message.text)
        if not isinstance(message.metadata, dict):
            message.metadata = {}
        return await on_new_message(message)

    return handler
