"""A resident always gets words when the action server fails or is slow.

Stock Rasa 3.6 waits up to 5 minutes for the action server (``DEFAULT_REQUEST_TIMEOUT``);
when it is down it logs the error, drops the action's events and, with nothing to say,
answers the channel with ``[]`` — the resident sees no reply at all. Here each call to the
action server gets ``ASB_ACTION_TIMEOUT`` seconds (default 5). When a call fails (no
connection, a timeout, a 5xx, a refused or malformed answer) it goes Rasa's own error path
(the action's events are dropped, so nothing unvalidated becomes an answer), later calls for
the same message fail at once, no further action is predicted, and the resident is sent
:func:`sorry` (also recorded in the tracker). Earlier answers stay in the tracker store, so
the resident's next message carries on from the same question once the action server is back.

A 400 from the action server is a form's own rejection (``ActionExecutionRejection``) and is
left to Rasa. Rasa's public ``RemoteAction.run`` and ``MessageProcessor.handle_message`` /
``should_predict_another_action`` are wrapped (bot/rasa_version_guard.py);
tests/e2e/test_action_server_failure.py runs the real servers with a dead and a frozen action
server.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from typing import Any, List

from shared import words
from shared.settings import DEFAULT_ACTION_TIMEOUT_S, action_timeout_s

logger = logging.getLogger(__name__)

SORRY = "action_failed"  # the words' id of what the resident reads when an action fails


def sorry() -> str:
    """What the resident reads when an action fails (domain.yml words: action_failed)."""
    return words.text(SORRY)
PATCH = "bot/action_failure.py (RemoteAction.run, MessageProcessor.handle_message/should_predict_another_action)"
UPSTREAM = ("RasaHQ/rasa#7630 'Action server failure handling' (open) and #9789 "
            "'Allow setting value for DEFAULT_REQUEST_TIMEOUT'")
DEFAULT_TIMEOUT_SECONDS = DEFAULT_ACTION_TIMEOUT_S

# Set when an action-server call of the message being handled has failed.
_failed: contextvars.ContextVar[bool] = contextvars.ContextVar("asb_action_failed", default=False)
_installed = False


def timeout_seconds() -> float:
    return action_timeout_s()


def install() -> None:
    global _installed
    if _installed:
        return
    from bot.rasa_version_guard import may_patch

    if not may_patch(PATCH, UPSTREAM):
        return
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
    from rasa.core.processor import MessageProcessor
    from rasa.shared.core.events import BotUttered
    from rasa.shared.exceptions import RasaException

    remote_run = RemoteAction.run
    handle_message = MessageProcessor.handle_message
    should_predict = MessageProcessor.should_predict_another_action

    async def run(self, output_channel, nlg, tracker, domain) -> List[Any]:  # noqa: ANN001
        if _failed.get():
            raise RasaException(f"Skipped custom action '{self.name()}': the action server failed")
        try:
            return await asyncio.wait_for(
                remote_run(self, output_channel, nlg, tracker, domain), timeout_seconds()
            )
        except ActionExecutionRejection:
            raise
        except (RasaException, asyncio.TimeoutError) as error:
            # Only the action's name and the kind of failure: never the tracker's content.
            logger.error("Action server failed on %s (%s)", self.name(), type(error).__name__)
            _failed.set(True)
            # Rasa's own error path from here: the action's events (and those of a form that
            # called it) are dropped, so nothing unvalidated is stored as an answer.
            raise RasaException(f"Custom action '{self.name()}' failed") from None

    async def handle(self, message):  # noqa: ANN001, ANN202
        _failed.set(False)  # per message: the action server may be back
        result = await handle_message(self, message)
        if _failed.get() and message.output_channel is not None:
            await _say_sorry(self, message)
        return result

    def should_predict_another_action(action_name):  # noqa: ANN001, ANN202
        return False if _failed.get() else should_predict(action_name)

    async def _say_sorry(processor, message) -> None:  # noqa: ANN001
        # Still inside the conversation's lock (Agent.handle_message holds it around this).
        tracker = await processor.get_tracker(message.sender_id)
        tracker.update(BotUttered(sorry(), metadata={"asb_action_failure": True}))
        await processor.save_tracker(tracker)
        await message.output_channel.send_text_message(message.sender_id, sorry())

    RemoteAction.run = run
    MessageProcessor.handle_message = handle
    MessageProcessor.should_predict_another_action = staticmethod(should_predict_another_action)
    _installed = True
