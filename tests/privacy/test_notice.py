"""The privacy notice a resident sees ("who sees my data?") says what the product does."""

from __future__ import annotations

import yaml

from purge.retention import Policy
from shared.settings import ROOT


def notice() -> str:
    responses = yaml.safe_load((ROOT / "data" / "nlu" / "faq.yml").read_text())["responses"]
    return " ".join(responses["utter_faq/who_sees_data"][0]["text"].split())


def test_the_notice_gives_the_retention_times_the_purge_uses(monkeypatch):
    for name in ("ASB_RETAIN_CONVERSATIONS_DAYS", "ASB_RETAIN_DELIVERED_DAYS"):
        monkeypatch.delenv(name, raising=False)
    policy, text = Policy(), notice()
    assert f"it is deleted {policy.conversation_days:g} days after you last wrote" in text
    assert f"deletes it {policy.delivered_days:g} days after that" in text


def test_the_notice_names_the_controls_that_delete_at_once():
    text = notice()
    for control in ('"start again"', '"stop"', '"Leave this site"'):
        assert control in text
    assert "deletes what you told me straight away" in text


def test_the_resident_is_told_this_when_they_ask(stack, sender):
    replies = stack.say(sender, "who sees my data?")
    said = " ".join(" ".join((r.get("text") or "").split()) for r in replies)
    assert "deletes what you told me straight away" in said and "30 days after you last wrote" in said
