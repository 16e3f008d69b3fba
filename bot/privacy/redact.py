"""A structlog processor that removes conversation content from Rasa's log events.

Rasa 3.6 logs some events with the resident's words attached (for example
``rest.message.received.timeout`` with ``text=...`` at ERROR level, or
``message.parsing.failed`` with ``user_text=...`` at WARNING). Its own ``_anonymizer`` only
acts when Rasa Pro's plugin is installed, so we put this processor in its place: ids,
intents, action names and outcomes stay; the content is replaced by its length.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Dict

# Keys Rasa uses for content (the list in rasa/utils/log_utils.py, plus a few more).
CONTENT_KEYS = frozenset(
    {
        "text",
        "response_text",
        "user_text",
        "slot_values",
        "parse_data_text",
        "parse_data_entities",
        "prediction_events",
        "tracker_latest_message",
        "prefilled_slots",
        "message",
        "response",
        "slot_candidates",
        "rasa_event",
        "rasa_events",
        "tracker_states",
        "current_states",
        "old_states",
        "successes",
        "current_entity",
        "next_entity",
        "states",
        "entity",
        "entities",
        "token_text",
        "user_message",
        "json_message",
        "events",
        "metadata",
        "value",
        "slots",
    }
)


def redact_event(_: Any, __: str, event_dict: Dict[str, Any]) -> Dict[str, Any]:
    for key in CONTENT_KEYS.intersection(event_dict):
        value = event_dict[key]
        size = len(value) if hasattr(value, "__len__") else 1
        event_dict[key] = f"[redacted:{size}]"
    return event_dict


def install() -> None:
    """Put :func:`redact_event` where Rasa's structlog set-up looks for its anonymiser.

    Must run before Rasa configures logging (see :mod:`bot.rasa_server`).
    """
    import rasa.utils.log_utils as log_utils

    log_utils._anonymizer = redact_event


def safe_log_level(requested: str | None) -> str:
    """DEBUG logs in Rasa print whole messages; allow it only when explicitly asked for."""
    level = (requested or "INFO").upper()
    if logging.getLevelName(level) == logging.DEBUG and os.environ.get(
        "ASB_ALLOW_CONTENT_IN_LOGS"
    ) != "1":
        return "INFO"
    return level
