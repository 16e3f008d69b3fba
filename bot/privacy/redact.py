"""Keep conversation content out of Rasa's logs, also under plain ``rasa run``.

Rasa 3.6 logs some events with the resident's words attached (for example
``rest.message.received.timeout`` with ``text=...`` at ERROR level, or
``message.parsing.failed`` with ``user_text=...`` at WARNING). Its structlog set-up
(``rasa.utils.log_utils.configure_structlog``) runs every event through its ``_anonymizer``
first, which only acts when Rasa Pro is installed. :func:`install` puts :func:`redact_event`
in its place in structlog's processor list: ids, intents, action names and outcomes stay; the
content is replaced by its length.

Where it is installed: the tracker store that endpoints.yml names
(bot/privacy/erasing_store.py), when Rasa creates it, after Rasa has configured logging and
before it takes any message, under plain ``rasa run`` as under
``make run`` (bot.rasa_server), so that one hook serves both. The list is changed in place
because loggers Rasa has already used keep a reference to it (structlog 23); nothing of Rasa's
is patched. tests/privacy/test_plain_rasa_run.py starts plain ``rasa run`` and checks it.

(Rasa's plugin hook ``get_anonymization_pipeline`` is not used: Rasa's processor also asks it
on every message and, when it returns a pipeline, reads the tracker back from the store once
more per message to anonymise events for Rasa Pro's event stream.)

DEBUG logging prints whole messages through the standard library (``Received user message
'...'``), which no structlog processor sees: it is refused unless ``ASB_ALLOW_CONTENT_IN_LOGS=1``.
"""

from __future__ import annotations

import logging
from typing import Any, Dict

from shared.settings import allow_content_in_logs

logger = logging.getLogger("asb.privacy")

ALLOW_ENV = "ASB_ALLOW_CONTENT_IN_LOGS"

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


def install() -> bool:
    """Redact Rasa's structured logs (idempotent) and refuse DEBUG logging already set up
    (plain ``rasa run --debug``) unless allowed. True when the redactor is in place: False
    before Rasa has configured structlog (then the tracker store installs it)."""
    refuse_debug_logging()
    import structlog

    processors = structlog.get_config()["processors"]
    for position, processor in enumerate(processors):
        if processor is redact_event:
            return True
        if getattr(processor, "__module__", None) == "rasa.utils.log_utils" and getattr(
                processor, "__name__", None) == "_anonymizer":
            processors[position] = redact_event
            return True
    return False


def refuse_debug_logging() -> None:
    if allow_content_in_logs():
        return
    raised = False
    for name in ("", "rasa"):
        configured = logging.getLogger(name)
        if configured.level != logging.NOTSET and configured.level <= logging.DEBUG:
            configured.setLevel(logging.INFO)
            raised = True
    if raised:
        logger.warning("DEBUG logging prints what residents type: logging at INFO instead (%s=1 allows it)",
                       ALLOW_ENV)


def safe_log_level(requested: str | None) -> str:
    """DEBUG logs in Rasa print whole messages; allow it only when explicitly asked for."""
    level = (requested or "INFO").upper()
    if logging.getLevelName(level) == logging.DEBUG and not allow_content_in_logs():
        return "INFO"
    return level
