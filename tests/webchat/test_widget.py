"""The chat widget in a real browser (Debian's Chromium), against the real assistant.

Each test runs one scenario of tests/webchat/browser.mjs and asserts on what it saw. The
servers are real: action server, Rasa server (with bot.channels.socketio) and the demo page
server, on free ports, with ASB_ALLOWED_ORIGINS set to the demo page's origin.
Screenshots go to tests/output/ for a person to look at.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.e2e

OUTPUT = Path(__file__).resolve().parents[1] / "output"


def _session_id(token: str) -> str:
    return token.split(".")[0]


def _post(url: str, body: str, origin: str) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body.encode(), method="POST",
                                 headers={"Content-Type": "text/plain", "Origin": origin})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_a_resident_applies_with_the_keyboard_alone_and_gets_a_reference(webchat):
    r = webchat.run("full_application", timeout=420)
    assert r["failure"] is None, json.dumps(r["steps"][-5:], indent=1) + "\n" + r["failure"]
    assert r["reference"] and r["reference"].startswith("ASB-")
    assert any("Your reference is ASB-" in m["text"] for m in r["transcript"] if m["from"] == "bot")
    assert r["dialogs"] == [] and r["errors"] == []
    # Buttons were pressed with Tab/Enter and answers typed: both happened.
    kinds = {s["kind"] for s in r["steps"]}
    assert kinds == {"button", "text"}
    # Who is talking is shown on every message.
    assert {m["who"] for m in r["transcript"]} == {"Assistant", "You"}


def test_reload_resumes_a_second_tab_is_separate_and_a_closed_tab_is_forgotten(webchat):
    r = webchat.run("reload_and_tabs")
    # Reload: same conversation, same history (including the answer given by button).
    assert r["tokenAfterReload"] == r["tokenBefore"]
    assert [(m["from"], m["text"]) for m in r["afterReload"]] == [(m["from"], m["text"]) for m in r["before"]]
    assert ("user", "Yes") in [(m["from"], m["text"]) for m in r["before"]]
    assert r["continued"] and len(r["afterContinue"]) > len(r["afterReload"])
    # Second tab: nothing shared, its own conversation from the opening.
    assert r["secondStorageBefore"]["session"] == []
    assert r["secondToken"] and _session_id(r["secondToken"]) != _session_id(r["tokenBefore"])
    assert [m["from"] for m in r["secondTab"]] == ["bot"] * len(r["secondTab"])
    # Only sessionStorage is used: no localStorage, no cookies, ever.
    assert r["firstStorage"]["local"] == [] and r["firstStorage"]["cookies"] == ""
    assert r["cookies"] == []
    # Closing the tab and opening the page again: nothing stored, a fresh start.
    assert r["reopenedStorage"] == {"session": [], "local": [], "cookies": ""}
    assert _session_id(r["reopenedToken"]) not in {_session_id(r["tokenBefore"]), _session_id(r["secondToken"])}
    assert all(m["from"] == "bot" for m in r["reopenedTranscript"])
    assert r["errors"] == []


@pytest.mark.parametrize("mode", ["button", "shift", "escape"])
def test_quick_exit_blanks_at_once_forgets_and_ends_the_conversation(webchat, mode):
    r = webchat.run("quick_exit", mode=mode)
    report = r["report"]
    assert report, "the page never went blank"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / f"webchat-quick-exit-{mode}.json").write_text(json.dumps(
        {"blank_ms": r["blankMs"], "painted_ms": r["paintedMs"], "trigger": report["trigger"]}, indent=1))
    # Blank within 100 ms of the key press or click, measured in the page (to the frame
    # painted after blanking).
    assert r["paintedMs"] < 100, r
    assert report["bodyDisplay"] == "none" and report["textLeft"] == ""
    assert report["storage"] is None  # storage already empty when the page went blank
    # Landed on the neutral site; Back does not return to the chat.
    assert r["landed"].startswith("https://www.bbc.co.uk/weather")
    assert r["backUrl"] != webchat.page_url and not r["backShowsChat"]
    # Back on the force site in the same tab: the widget remembers nothing.
    assert r["storageAfter"]["session"] == [] and r["storageAfter"]["local"] == []
    assert r["panelOpenAfter"] is False
    # The server ended the conversation: a restart is recorded and everything before it is
    # erased (docs/privacy.md: the resident's words are gone), and the token no longer opens it.
    session_id = _session_id(r["token"])
    everything = requests.get(f"{webchat.stack.url}/conversations/{session_id}/tracker",
                              params={"token": webchat.stack.token, "include_events": "ALL"}, timeout=30).json()
    kinds = [e["event"] for e in everything["events"]]
    assert kinds[-1] == "restart" and "user" not in kinds and "bot" not in kinds, kinds[-10:]
    assert webchat.stack.tracker(session_id)["events"] == []  # nothing since the restart
    status, body = _post(f"{webchat.stack.url}/webhooks/socketio/history", r["token"], webchat.origin)
    assert status == 403


def test_html_typed_by_a_resident_is_shown_as_text_and_runs_nothing(webchat):
    r = webchat.run("xss")
    mine = [m for m in r["transcript"] if m["from"] == "user"]
    assert mine and mine[0]["text"] == r["payload"]
    assert r["imgs"] == 0
    assert all("<img" not in b["html"] for b in r["userBodies"])  # escaped, not parsed
    assert r["dialogs"] == [] and r["errors"] == []


def test_a_page_can_give_the_widget_its_words_for_a_translation(webchat):
    # Words the page gives replace the table's (docs/words.md); the rest stay as they were.
    r = webchat.run("page_words")
    assert (r["send"], r["hide"]) == ("Anfon", "Cuddio'r sgwrs")
    assert r["who"] and set(r["who"]) <= {"Cynorthwyydd", "Cynorthwyydd:"}
    assert r["hint"] == "Press Enter to send. Shift and Enter starts a new line."
    assert r["errors"] == []


def test_axe_finds_nothing_and_the_widget_works_narrow_and_zoomed(webchat):
    r = webchat.run("accessibility")
    for stage in ("closed", "opened", "after", "narrow"):
        assert r[stage] == [], f"axe violations ({stage}): {json.dumps(r[stage], indent=1)}"
    # Keyboard: every stop has a visible focus style; Tab leaves the widget (no trap).
    widget_stops = [s for s in r["stops"] if s["inWidget"]]
    names = [s["name"] for s in widget_stops]
    for expected in ("Send", "Start again", "Hide chat", "Leave this site"):
        assert expected in names, names
    assert not r["stops"][-1]["inWidget"], "focus never left the widget"
    assert all(d["changed"] for d in r["focusDiff"]), r["focusDiff"]
    for layout in r["layouts"]:
        assert layout["scrollWidth"] <= layout["clientWidth"], layout   # no sideways scrolling
        assert layout["inputVisible"] and layout["exitVisible"], layout
        assert layout["smallTargets"] == [], layout
    assert r["narrowWorks"]
    assert r["errors"] == []


def test_sessions_are_issued_by_the_server_and_origins_are_checked(webchat):
    """Without a browser: a forged or foreign session is refused, other sites cannot connect."""
    stack = webchat.stack
    # An id the server did not sign gets no history and cannot be ended.
    for forged in ("someone-elses-id", "abc.123.def", ""):
        status, _ = _post(f"{stack.url}/webhooks/socketio/history", forged, webchat.origin)
        assert status == 403
    # socket.io's handshake from another origin is refused; from the demo page it is not.
    def handshake(origin: str) -> int:
        req = urllib.request.Request(f"{stack.url}/socket.io/?EIO=4&transport=polling",
                                     headers={"Origin": origin})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code
    assert handshake("https://evil.example") == 400
    assert handshake(webchat.origin) == 200
