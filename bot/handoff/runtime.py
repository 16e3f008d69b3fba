"""What the Rasa server process does for a handoff: hold messages while an operator has the
conversation, deliver the operator's words, and give the conversation back to the assistant.

It runs inside the Rasa server because only the process holding the resident's socket can
push to it, and because going through the agent in-process keeps the Rasa HTTP API token out
of everything else. It never uses Rasa's ConversationPaused: a paused tracker un-pauses when
its session expires or when the resident types /restart. Here the queue state lives in the
handoff store, so a message from a resident whose conversation an operator holds is only
recorded (parsed, so the transcript and the NLU see it) and never reaches the policies.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered

from shared import words
from shared.handoff.changes import CHANGES
from shared.handoff.store import OPEN_STATES, HandoffStore
from shared.storage import blocking_within

logger = logging.getLogger("asb.handoff")

STORE_TIMEOUT_S = 3.0


class Runtime:
    """Set up once per Rasa server by the console channel (bot/console/channel.py)."""

    app: Any = None
    socketio: Any = None  # bot.channels.socketio.SafeSocketIOInput, when configured
    store: Optional[HandoffStore] = None


def _store() -> Optional[HandoffStore]:
    if Runtime.store is None and Runtime.app is not None:
        Runtime.store = HandoffStore()
    return Runtime.store


async def in_store(fn, *args, **kwargs):
    """SQLite is quick but blocking: off the event loop, with a time limit."""
    return await blocking_within(STORE_TIMEOUT_S, fn, *args, **kwargs)


def _agent() -> Any:
    return getattr(Runtime.app.ctx, "agent", None) if Runtime.app is not None else None


async def held_by_operator(message: UserMessage) -> bool:
    """If an operator has this conversation, record the message for them and return True."""
    store, agent = _store(), _agent()
    if store is None or agent is None or not message.sender_id:
        return False
    try:
        status = await in_store(store.status, message.sender_id)
    except Exception as exc:  # noqa: BLE001 - if the queue can't be read, the assistant answers
        logger.error("handoff store unreadable: %s", type(exc).__name__)
        return False
    if status != "taken":
        return False
    async with agent.lock_store.lock(message.sender_id):
        # get_tracker, not fetch_tracker_and_update_session: no session start while held.
        tracker = await agent.processor.get_tracker(message.sender_id)
        parse_data = await agent.processor.parse_message(message, tracker)
        tracker.update(UserUttered(message.text, parse_data["intent"], parse_data["entities"], parse_data,
                                   input_channel=message.input_channel, metadata=message.metadata), agent.domain)
        await agent.tracker_store.save(tracker)
    CHANGES.notify("message", message.sender_id)
    logger.info("conversation=%s message held for the operator", message.sender_id)
    return True


async def turn_finished(session_id: Optional[str], started_at: float) -> None:
    """The assistant has answered: if the conversation is queued, its consoles redraw it, and if
    the turn queued it (the action server did, in its own process), the queue too."""
    store = _store()
    if store is None or not session_id or not CHANGES.heard:
        return
    try:
        handoff = await in_store(store.get, session_id)
    except Exception as exc:  # noqa: BLE001 - the consoles' next refresh shows it anyway
        logger.error("handoff store unreadable: %s", type(exc).__name__)
        return
    if handoff is None:
        return
    if handoff.updated_at >= started_at:
        CHANGES.notify("queue", session_id)
    if handoff.status in OPEN_STATES:
        CHANGES.notify("message", session_id)


def _socket() -> Any:
    """The socket.io channel, once it has its server (None without the widget's channel)."""
    channel = Runtime.socketio
    return channel if channel is not None and getattr(channel, "sio", None) is not None else None


def output_for(session_id: str) -> OutputChannel:
    """The resident's socket room, or a collector when they use another channel."""
    channel = _socket()
    if channel is not None:
        from rasa.core.channels.socketio import SocketIOOutput

        return SocketIOOutput(channel.sio, channel.bot_message_evt)
    return CollectingOutputChannel()


async def _append(session_id: str, event: Any) -> None:
    """Add one event to the conversation, without a session start or a prediction."""
    agent = _agent()
    async with agent.lock_store.lock(session_id):
        tracker = await agent.processor.get_tracker(session_id)
        tracker.update(event)
        await agent.tracker_store.save(tracker)


async def send_staff_message(session_id: str, text: str, operator: str) -> None:
    """Record the operator's words in the conversation and push them to the resident now."""
    await _append(session_id, BotUttered(text, {}, {"from": "staff", "operator": operator}))
    channel = _socket()
    if channel is not None:
        await channel.sio.emit(channel.bot_message_evt, {"text": text, "metadata": {"from": "staff"}},
                               room=session_id, namespace=channel.namespace)
    CHANGES.notify("message", session_id)


async def set_slot(session_id: str, slot: str, value: Any) -> None:
    await _append(session_id, SlotSet(slot, value))
    CHANGES.notify("message", session_id)  # the case card changed


async def run_assistant_action(session_id: str, action_name: str) -> None:
    """Run one of the assistant's actions and let it carry on until it waits for the resident
    (used to hand back and to start the intake for the resident)."""
    from rasa.core.actions.action import action_for_name_or_text
    from rasa.core.policies.policy import PolicyPrediction

    agent = _agent()
    processor = agent.processor
    output = output_for(session_id)
    async with agent.lock_store.lock(session_id):
        tracker = await processor.get_tracker(session_id)
        action = action_for_name_or_text(action_name, processor.domain, processor.action_endpoint)
        prediction = PolicyPrediction.for_action_name(processor.domain, action_name, "handoff")
        should_continue = await processor._run_action(action, tracker, output, processor.nlg, prediction)
        if should_continue:
            await processor._run_prediction_loop(output, tracker)
        await processor.save_tracker(tracker)
    CHANGES.notify("message", session_id)
    channel = _socket()
    if channel is not None:
        await channel.sio.emit("reply_done", {}, room=session_id, namespace=channel.namespace)


async def conversation(session_id: str) -> tuple[dict, list[dict]]:
    """The slots and every event of a conversation, from one read of the tracker store."""
    tracker = await _agent().tracker_store.retrieve_full_tracker(session_id)
    if tracker is None:
        return {}, []
    return tracker.current_slot_values(), [e.as_dict() for e in tracker.events]


async def ended_by_resident(session_id: str) -> None:
    """Quick exit or "end chat": the handoff ends for the operator too."""
    store = _store()
    if store is None:
        return
    try:
        await in_store(store.finish, session_id, None, "left", words.text("audit_resident_left"))
    except Exception as exc:  # noqa: BLE001 - ending the resident's session must still happen
        logger.error("handoff store unwritable: %s", type(exc).__name__)
