"""Check your answers in the widget: a GOV.UK summary list with a Change button per answer, in
a real browser against the real assistant (tests/webchat/browser.mjs, check_answers_change)."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.e2e


def test_the_summary_list_has_change_buttons_and_change_asks_the_question_again(webchat):
    r = webchat.run("check_answers_change", timeout=420)
    assert r["failure"] is None, json.dumps(r["steps"][-5:], indent=1) + "\n" + r["failure"]
    [shown] = r["before"]
    # Inside the assistant's message, in place of the text version of the same answers.
    assert shown["from"] == "bot" and shown["title"] == "Check your answers" and shown["textLists"] == 0
    rows = {row["key"]: row for row in shown["rows"]}
    assert "Meadow Road, Stafford ST16 2DH" in rows["Where"]["value"]
    # "Change" is seen; " where" is there for screen readers only (visually hidden).
    assert rows["Where"]["change"] == "Change where" and rows["Where"]["hidden"] == "inset(50%)"
    assert rows["Report 1"]["change"] == "Change report 1" and rows["Phone"]["change"] == "Change phone"
    assert rows["Who is applying"]["change"] is None
    assert r["axe"] == [], f"axe violations: {json.dumps(r['axe'], indent=1)}"
    # Pressing it (keyboard) asks the question again, in its own words, with the change said.
    said = [m["text"] for m in r["afterChange"]]
    assert (r["afterChange"][0]["from"], r["afterChange"][0]["text"]) == ("user", "Change where")
    assert any('change your answer to "Where"' in t for t in said)
    assert any("Where is this happening?" in t for t in said)
    # The new answer, then Check your answers again with it.
    latest = {row["key"]: row for row in r["after"][-1]["rows"]}
    assert len(r["after"]) == 2 and "Oak Road, Stafford ST16 3AB" in latest["Where"]["value"]
    assert r["errors"] == []
