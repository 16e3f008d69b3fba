"""The socket.io channel with sanitised input (the widget talks to this one)."""

from __future__ import annotations

from typing import Text

from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from bot.channels.wrap import OnNewMessage, sanitising


class SafeSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        return super().blueprint(sanitising(on_new_message))
