"""Server-issued chat sessions and the history the widget may read (no servers needed)."""

from __future__ import annotations

import time

from bot.channels.socketio import SessionTokens, _cors_check, history_from_events


def test_only_tokens_this_server_signed_are_accepted():
    tokens = SessionTokens(b"secret")
    token = tokens.issue()
    session_id = tokens.verify(token)
    assert session_id and len(session_id) == 32 and token.startswith(session_id + ".")
    assert tokens.verify(tokens.issue()) != session_id  # fresh every time
    other = SessionTokens(b"another secret")
    for bad in (other.issue(), session_id, token + "x", token.replace(".", ":"), None, 42, "a" * 500,
                f"{'0' * 32}.{int(time.time())}.{token.split('.')[2]}"):
        assert tokens.verify(bad) is None


def test_ended_and_expired_sessions_are_refused():
    tokens = SessionTokens(b"secret", max_age=60)
    token = tokens.issue()
    tokens.end(tokens.verify(token))
    assert tokens.verify(token) is None
    old = SessionTokens(b"secret", max_age=-1)
    assert old.verify(old.issue()) is None


def test_history_is_texts_only_since_the_last_restart_with_button_titles():
    buttons = [{"title": "Yes", "payload": '/inform{"choice":"yes"}'}]
    events = [
        {"event": "user", "text": "old conversation"},
        {"event": "restart"},
        {"event": "user", "text": "/greet"},
        {"event": "bot", "text": "Hello.\n\nI'm an automated assistant."},
        {"event": "slot", "name": "secret_slot", "value": "x"},
        {"event": "bot", "text": "Reported before?", "data": {"buttons": buttons}},
        {"event": "user", "text": '/inform{"choice":"yes"}', "parse_data": {"intent": {"name": "inform"}}},
        {"event": "bot", "text": "Thanks", "metadata": {"from": "staff"}},
        {"event": "user", "text": "<b>typed</b>"},
    ]
    assert history_from_events(events) == [
        {"from": "bot", "text": "Hello."},
        {"from": "bot", "text": "I'm an automated assistant."},
        {"from": "bot", "text": "Reported before?", "buttons": [{"title": "Yes", "payload": '/inform{"choice":"yes"}'}]},
        {"from": "user", "text": "Yes"},
        {"from": "staff", "text": "Thanks"},
        {"from": "user", "text": "<b>typed</b>"},
    ]


def test_the_origin_check_is_the_configured_list_never_everything():
    check = _cors_check(["https://force.example"])
    assert check("https://force.example") and not check("https://evil.example")
    nothing = _cors_check([])
    assert callable(nothing) and not nothing("https://force.example")  # [] would mean "no check"


def test_history_says_which_widget_messages_arrived_by_client_id():
    good = "0b7c1a5e-2f4d-4c8e-9a31-6d2b0f5e8c17"
    events = [
        {"event": "user", "text": "/greet", "metadata": {"client_id": "11111111-aaaa"}},
        {"event": "bot", "text": "Hello"},
        {"event": "user", "text": "yes", "metadata": {"client_id": good, "area": "x"}},
        {"event": "user", "text": "no id"},
        {"event": "user", "text": "bad id", "metadata": {"client_id": "<b>not an id</b>"}},
    ]
    assert history_from_events(events) == [
        {"from": "bot", "text": "Hello"},
        {"from": "user", "text": "yes", "id": good},
        {"from": "user", "text": "no id"},
        {"from": "user", "text": "bad id"},
    ]
