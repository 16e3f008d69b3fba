from bot.channels.sanitise import MAX_MESSAGE_CHARS, sanitise_text, too_long_reply


def test_typed_restart_becomes_plain_words():
    assert sanitise_text("/restart") == "restart"
    assert sanitise_text("  /session_start") == "session_start"
    assert sanitise_text("/back") == "back"


def test_button_payloads_pass_unchanged():
    assert sanitise_text('/inform{"choice":"police"}') == '/inform{"choice":"police"}'
    assert sanitise_text("/affirm") == "/affirm"


def test_payload_with_unknown_intent_or_bad_entities_is_neutralised():
    assert sanitise_text('/emergency{"x":"y"}') == 'emergency{"x":"y"}'
    # not JSON, a nested value, too many keys, an over-long value
    assert not sanitise_text('/inform{"choice": police').startswith("/")
    assert not sanitise_text('/inform{"choice": {"a": 1}}').startswith("/")
    assert not sanitise_text('/inform{"a":"1","b":"2","c":"3","d":"4"}').startswith("/")
    assert not sanitise_text('/inform{"choice":"' + "x" * 500 + '"}').startswith("/")


def test_ordinary_text_is_untouched_and_lone_slash_is_kept_as_text():
    text = "Music till 3am most weekends - told the council on 03/04"
    assert sanitise_text(text) == text
    assert sanitise_text("/") == "?"
    assert sanitise_text("<script>alert(1)</script>") == "<script>alert(1)</script>"


def test_an_over_long_message_is_refused_with_a_kind_reply_not_cut():
    assert MAX_MESSAGE_CHARS == 4000  # the widget's character count says 4,000 too
    assert too_long_reply("a" * MAX_MESSAGE_CHARS) is None
    assert too_long_reply(" " + "a" * MAX_MESSAGE_CHARS + "\n") is None  # the widget trims
    reply = too_long_reply("a" * (MAX_MESSAGE_CHARS + 1))
    assert "4,000 characters or fewer" in reply and "4,001" in reply
    # Nothing is cut any more: the wrapper refuses instead (tests/infra/test_wrap_refuses_long.py).
    assert len(sanitise_text("a" * (MAX_MESSAGE_CHARS + 500))) == MAX_MESSAGE_CHARS + 500


def test_non_text_becomes_empty():
    assert sanitise_text(None) == ""
    assert sanitise_text(12) == ""
    assert sanitise_text("a\x00b") == "ab"


def test_change_buttons_pass_only_with_an_answer_name_and_a_report_number():
    for payload in ('/change_answer{"answer":"location"}', '/change_answer{"answer":"report","report":"2"}'):
        assert sanitise_text(payload) == payload
    # Anything else typed as a change payload is words for the NLU, so it never reaches Rasa's
    # unknown-entity warning (which quotes the payload) in the log.
    for typed in ('/change_answer{"answer":"my name is Jo Bloggs"}', '/change_answer{"answer":"phone","note":"x"}',
                  '/change_answer{"answer":"report","report":"123"}', '/change_answer{"answer":"report","report":2}'):
        assert not sanitise_text(typed).startswith("/"), typed
