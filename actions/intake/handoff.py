"""Asking for a person, and taking the conversation back from one (bot/handoff, bot/console).

The queue is the handoff store (shared/handoff/store.py), the database the Rasa server's
operator console uses too. A store that cannot be reached, or does not answer within
STORE_TIMEOUT_S, counts as "nobody free": the resident is given the other routes.

Every store call, and opening the store (its first use connects and may run the migrations),
is made in a worker thread: the action server answers every resident on one event loop.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable, Dict, List, Optional, Text, TypeVar

from rasa_sdk.events import ActiveLoop, SlotSet

from actions.intake.safety import SafeAction
from actions.intake.state import FORM, fresh_start, intake_in_progress
from shared.handoff.store import HandoffStore
from shared.storage import blocking_within

logger = logging.getLogger("asb.actions")

STORE_TIMEOUT_S = 3.0
_store: Optional[HandoffStore] = None
_opening = threading.Lock()  # two first calls in two worker threads open it once
T = TypeVar("T")


def store() -> HandoffStore:
    """The handoff store, opened on first use. Blocks: call it in a worker thread (in_store)."""
    global _store
    with _opening:
        if _store is None:
            _store = HandoffStore()
        return _store


async def in_store(call: Callable[[HandoffStore], T]) -> T:
    """``call(store())`` in a worker thread, given up after STORE_TIMEOUT_S."""
    return await blocking_within(STORE_TIMEOUT_S, lambda: call(store()))


async def ask_for_person(sender_id: str, reason: str, risk: bool) -> tuple[str, Optional[int]]:
    """('open', place in the queue) when queued; ('closed'|'nobody'|'taken', None) otherwise.

    Given up on after STORE_TIMEOUT_S, the request may still be queued a moment later (a
    thread cannot be stopped); asking again keeps that place."""
    try:
        return await in_store(lambda s: s.request(sender_id, reason, risk))
    except Exception as exc:  # noqa: BLE001 - no queue: the resident still gets the other routes
        logger.error("conversation=%s handoff store failed type=%s", sender_id, type(exc).__name__)
        return "nobody", None


async def operator_actions(sender_id: str) -> List[Dict[str, Any]]:
    """The audit trail that goes with the application to the case system."""
    try:
        return await in_store(lambda s: s.audit(sender_id))
    except Exception as exc:  # noqa: BLE001 - the application must still be sent
        logger.error("conversation=%s handoff audit unreadable type=%s", sender_id, type(exc).__name__)
        return []


class HandBack(SafeAction):
    """An operator handed the conversation back: carry on from where the intake stopped, with
    any answer the operator corrected (the form asks whatever is really next)."""

    def name(self) -> Text:
        return "action_handback"

    async def act(self, dispatcher, tracker, domain):
        if intake_in_progress(tracker):
            dispatcher.utter_message(response="utter_handback_continue")
            return [SlotSet("requested_slot", None), ActiveLoop(FORM)]
        dispatcher.utter_message(response="utter_handback_idle")
        return []


class StartIntakeForResident(SafeAction):
    """An operator chatting with a resident starts the application for them."""

    def name(self) -> Text:
        return "action_start_intake_for_resident"

    async def act(self, dispatcher, tracker, domain):
        if intake_in_progress(tracker):
            return await HandBack().act(dispatcher, tracker, domain)

        dispatcher.utter_message(response="utter_opening")
        return fresh_start(tracker) + [ActiveLoop(FORM)]
