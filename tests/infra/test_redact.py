import logging

from bot.privacy.redact import redact_event, safe_log_level


def test_content_keys_are_replaced_by_their_length_and_ids_stay():
    event = {"event": "rest.message.received.timeout", "text": "he lives at 12 Elm St",
             "sender_id": "abc123", "intent": "inform"}
    out = redact_event(None, "error", dict(event))
    assert out["text"] == "[redacted:21]"
    assert "Elm" not in repr(out)
    assert out["sender_id"] == "abc123" and out["intent"] == "inform"


def test_debug_logging_needs_explicit_consent(monkeypatch):
    monkeypatch.delenv("ASB_ALLOW_CONTENT_IN_LOGS", raising=False)
    assert safe_log_level("DEBUG") == "INFO"
    assert safe_log_level("warning") == "WARNING"
    assert safe_log_level(None) == "INFO"
    monkeypatch.setenv("ASB_ALLOW_CONTENT_IN_LOGS", "1")
    assert safe_log_level("DEBUG") == "DEBUG"
    assert logging.getLevelName(safe_log_level("ERROR")) == logging.ERROR


def test_install_replaces_rasas_anonymiser():
    import rasa.utils.log_utils as log_utils

    from bot.privacy.redact import install

    original = log_utils._anonymizer
    try:
        install()
        assert log_utils._anonymizer is redact_event
    finally:
        log_utils._anonymizer = original
