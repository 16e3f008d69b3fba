"""What "today" is for a conversation: Europe/London, or the test clock when enabled."""

from __future__ import annotations

from datetime import date

from rasa_sdk import Tracker

from actions.language import london_today
from shared.settings import clock_under_test


def today_for(tracker: Tracker) -> date:
    if clock_under_test():
        metadata = (tracker.latest_message or {}).get("metadata") or {}
        value = metadata.get("today") if isinstance(metadata, dict) else None
        if isinstance(value, str):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                pass
    return london_today()
