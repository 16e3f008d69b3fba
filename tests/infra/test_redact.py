import logging

from bot.privacy.redact import Redactor, refuse_debug_logging, safe_log_level


def test_content_is_replaced_by_its_length():
    assert Redactor().log_run("he lives at 12 Elm St") == "[redacted:21]"
    assert Redactor().log_run(["a", "b"]) == "[redacted:2]"
    assert Redactor().log_run(7) == "[redacted:1]"


def test_debug_logging_needs_explicit_consent(monkeypatch):
    monkeypatch.delenv("ASB_ALLOW_CONTENT_IN_LOGS", raising=False)
    assert safe_log_level("DEBUG") == "INFO"
    assert safe_log_level("warning") == "WARNING"
    assert safe_log_level(None) == "INFO"
    monkeypatch.setenv("ASB_ALLOW_CONTENT_IN_LOGS", "1")
    assert safe_log_level("DEBUG") == "DEBUG"
    assert logging.getLevelName(safe_log_level("ERROR")) == logging.ERROR


def test_debug_logging_already_set_up_is_raised_to_info(monkeypatch):
    """Plain `rasa run --debug` sets the root and "rasa" loggers to DEBUG before the store loads."""
    monkeypatch.delenv("ASB_ALLOW_CONTENT_IN_LOGS", raising=False)
    root, rasa = logging.getLogger(), logging.getLogger("rasa")
    levels = root.level, rasa.level
    try:
        root.setLevel(logging.DEBUG)
        rasa.setLevel(logging.DEBUG)
        refuse_debug_logging()
        assert root.level == rasa.level == logging.INFO
        rasa.setLevel(logging.DEBUG)
        monkeypatch.setenv("ASB_ALLOW_CONTENT_IN_LOGS", "1")
        refuse_debug_logging()
        assert rasa.level == logging.DEBUG  # allowed explicitly
    finally:
        root.setLevel(levels[0])
        rasa.setLevel(levels[1])


def test_rasas_own_anonymiser_redacts_once_installed():
    """Rasa's structlog processor (rasa/utils/log_utils.py) asks its plugin hook for the
    pipeline on every event: after install() it redacts Rasa's content keys, ids stay."""
    from rasa.plugin import plugin_manager
    from rasa.utils.log_utils import _anonymizer

    import bot.privacy.redact as redact

    event = {"event": "rest.message.received.timeout", "text": "he lives at 12 Elm St", "sender_id": "abc123",
             "user_text": "Elm", "response_text": "Elm St"}
    was_registered = plugin_manager().is_registered(redact._PLUGIN)
    try:
        if was_registered:
            plugin_manager().unregister(redact._PLUGIN)
        assert _anonymizer(None, "error", dict(event))["text"] == event["text"]  # Rasa alone: nothing redacted
        redact.install()
        out = _anonymizer(None, "error", dict(event))
        assert out["text"] == "[redacted:21]" and out["sender_id"] == "abc123"
        assert "Elm" not in repr(out)
    finally:
        if not was_registered and plugin_manager().is_registered(redact._PLUGIN):
            plugin_manager().unregister(redact._PLUGIN)
