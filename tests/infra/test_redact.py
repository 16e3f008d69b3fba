import logging

from bot.privacy.redact import redact_event, refuse_debug_logging, safe_log_level


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


def test_install_takes_the_place_of_rasas_anonymiser_in_the_configured_logging():
    """After Rasa's configure_structlog (as `rasa run` does before it creates the tracker
    store), install() swaps Rasa's _anonymizer for the redactor in the very list the loggers
    already made use, so a logger used before install() redacts too."""
    import logging

    import structlog
    from rasa.utils.log_utils import configure_structlog

    from bot.privacy.redact import install

    saved, level = structlog.get_config(), logging.getLogger().level
    try:
        configure_structlog(logging.INFO)
        logging.getLogger().setLevel(logging.INFO)
        processors = structlog.get_config()["processors"]
        seen = []
        processors.insert(1, lambda _l, _m, event: seen.append(dict(event)) or event)  # after the anonymiser
        used_before = structlog.get_logger("asb.test.before")
        used_before.info("before.install", text="Elm St 12")  # made and cached with Rasa's list
        assert install() is True and install() is True  # idempotent
        assert redact_event in processors and processors.count(redact_event) == 1
        used_before.info("after.install", text="Elm St 12", sender_id="s1")
        structlog.get_logger("asb.test.after").info("new.logger", user_text="Elm St 12")
        assert seen[0]["text"] == "Elm St 12"  # Rasa's own anonymiser leaves it (no Rasa Pro)
        assert seen[1]["text"] == "[redacted:9]" and seen[1]["sender_id"] == "s1"
        assert seen[2]["user_text"] == "[redacted:9]"
    finally:
        structlog.configure(**saved)
        logging.getLogger().setLevel(level)
