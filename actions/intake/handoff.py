"""Asking for a person, and taking the conversation back from one (bot/handoff, bot/console).

The queue is the handoff store, SQLite shared with the Rasa server's operator console. A store
that cannot be reached counts as "nobody free": the resident is given the other routes.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk.events import ActiveLoop, SlotSet

from actions.intake.safety import SafeAction
from actions.intake.state import FORM, fresh_start, intake_in_progress
from shared.handoff.store import HandoffStore

logger = logging.getLogger("asb.actions")

STORE_TIMEOUT_S = 3.0
_store: Optional[HandoffStore] = None


def store() -> HandoffStore:
    global _store
    if _store is None:
        _store = HandoffStore()
    return _store


async def ask_for_person(sender_id: str, reason: str, risk: bool) -> tuple[str, Optional[int]]:
    """('open', place in the queue) when queued; ('closed'|'nobody'|'taken', None) otherwise."""
    try:
        return await asyncio.wait_for(asyncio.to_thread(store().request, sender_id, reason, risk), STORE_TIMEOUT_S)
    except Exception as exc:  # noqa: BLE001 - no queue: the resident still gets the other routes
        logger.error("conversation=%s handoff store failed type=%s", sender_id, type(exc).__name__)
        return "nobody", None


async def operator_actions(sender_id: str) -> List[Dict[str, Any]]:
    """The audit trail that goes with the application to the case system."""
    try:
        return await asyncio.wait_for(asyncio.to_thread(store().audit, sender_id), STORE_TIMEOUT_S)
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
