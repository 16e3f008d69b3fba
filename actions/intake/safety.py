"""Every action runs inside this guard: a time limit, and any failure becomes a kind apology.

Logs carry the action name, the conversation id and the exception type only, never what the
resident typed or any slot value.
"""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger("asb.actions")

ACTION_TIMEOUT_S = 8.0  # below Rasa's own action timeout, so the resident always hears back


class SafeAction(Action, ABC):
    """Subclasses implement `act`; `run` adds the timeout and the safe failure path."""

    @abstractmethod
    def name(self) -> Text:
        """The action's name in the domain."""

    @abstractmethod
    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        """The action's work."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        try:
            events = await asyncio.wait_for(self.act(dispatcher, tracker, domain), ACTION_TIMEOUT_S)
            if self.name() != "action_not_understood" and tracker.get_slot("not_understood_count") \
                    and not any(e.get("name") == "not_understood_count" for e in events):
                events = list(events) + [SlotSet("not_understood_count", 0.0)]  # understood: start the ladder again
            logger.info("action=%s conversation=%s outcome=ok", self.name(), tracker.sender_id)
            return events
        except Exception as exc:  # noqa: BLE001 - any failure must reach the resident as an apology
            logger.error("action=%s conversation=%s outcome=error type=%s", self.name(), tracker.sender_id, type(exc).__name__)
            dispatcher.messages.clear()
            dispatcher.utter_message(response="utter_error")
            active = (tracker.active_loop or {}).get("name")
            return [ActiveLoop(active)] if active else []
