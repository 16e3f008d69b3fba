"""Keep conversation content out of Rasa's logs, also under plain ``rasa run``.

Rasa 3.6 logs some events with the resident's words attached (for example
``rest.message.received.timeout`` with ``text=...`` at ERROR level, or
``message.parsing.failed`` with ``user_text=...`` at WARNING). Its structlog set-up passes
every event through ``rasa.utils.log_utils._anonymizer``, which hands the value of each of
its content keys (``text``, ``user_text``, ``message``, ``response_text``, ...: every key
Rasa 3.6 logs content under) to the anonymisation pipeline that a Rasa plugin returns from
the ``get_anonymization_pipeline`` hook (``rasa/plugin.py``; Rasa Pro fills it). :func:`install`
registers such a plugin with Rasa's plugin manager, whose pipeline replaces the value by its
length: ids, intents, action names and outcomes stay. The hook is asked on every log event,
so registering it any time before the first message is enough.

Where it is installed: bot.rasa_server (``make run``), and the tracker-store module that
endpoints.yml names (bot/privacy/erasing_store.py), which Rasa imports while it starts, so
plain ``rasa run`` with the project's endpoints.yml redacts too.
tests/privacy/test_plain_rasa_run.py checks that under plain ``rasa run``.

DEBUG logging prints whole messages through the standard library (``Received user message
'...'``), which no anonymiser sees: it is refused unless ``ASB_ALLOW_CONTENT_IN_LOGS=1``.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Optional

import pluggy

logger = logging.getLogger("asb.privacy")

ALLOW_ENV = "ASB_ALLOW_CONTENT_IN_LOGS"


def redacted(value: Any) -> str:
    size = len(value) if hasattr(value, "__len__") else 1
    return f"[redacted:{size}]"


class Redactor:
    """What Rasa's ``_anonymizer`` expects from an anonymisation pipeline."""

    def log_run(self, value: Any) -> str:
        return redacted(value)


class _RedactionPlugin:
    _pipeline = Redactor()

    @pluggy.HookimplMarker("rasa")
    def get_anonymization_pipeline(self) -> Optional[Any]:
        return self._pipeline


_PLUGIN = _RedactionPlugin()


def install() -> None:
    """Register the redacting pipeline with Rasa's plugin manager (idempotent), and refuse
    DEBUG logging already set up (plain ``rasa run --debug``) unless allowed."""
    from rasa.plugin import plugin_manager

    manager = plugin_manager()
    if not manager.is_registered(_PLUGIN):
        manager.register(_PLUGIN, name="asb-redact-logs")
    refuse_debug_logging()


def refuse_debug_logging() -> None:
    if os.environ.get(ALLOW_ENV) == "1":
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
    if logging.getLevelName(level) == logging.DEBUG and os.environ.get(ALLOW_ENV) != "1":
        return "INFO"
    return level
