"""Tracker.from_dict helpers for the action tests."""

from __future__ import annotations

from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def make_tracker(slots: Optional[dict] = None, text: str = "", intent: str = "inform",
                 requested_slot: Optional[str] = None, active_form: Optional[str] = "intake_form",
                 today: str = "2026-11-22", entities: Optional[list] = None, extra: Optional[dict] = None,
                 events: Optional[list] = None) -> Tracker:
    all_slots: dict[str, Any] = {"requested_slot": requested_slot}
    all_slots.update(slots or {})
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or [],
              "metadata": {"today": today}}
    latest.update(extra or {})
    return Tracker.from_dict({
        "sender_id": "test-conversation",
        "slots": all_slots,
        "latest_message": latest,
        "events": events or [],
        "paused": False,
        "followup_action": None,
        "active_loop": {"name": active_form} if active_form else {},
        "latest_action_name": "action_listen",
        "latest_input_channel": "rest",
    })


def texts(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(m.get("text") or m.get("response") or "" for m in dispatcher.messages)
