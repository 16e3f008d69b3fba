"""Fixtures for action tests: a real domain, trackers built with Tracker.from_dict."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> dict:
    """The domain as Rasa sends it to the action server: responses from data/ merged in."""
    merged = yaml.safe_load((ROOT / "domain.yml").read_text())
    for path in sorted((ROOT / "data").rglob("*.yml")):
        extra = yaml.safe_load(path.read_text()) or {}
        merged["responses"].update(extra.get("responses") or {})
    return merged


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(autouse=True)
def test_clock(monkeypatch, tmp_path):
    monkeypatch.setenv("ASB_TEST_CLOCK", "1")
    monkeypatch.setenv("ASB_OUTBOX_DB", str(tmp_path / "outbox.db"))


@pytest.fixture(autouse=True)
def handoff_store(monkeypatch, tmp_path):
    """A queue of this test's own, open all day, with nobody signed in unless a test says so."""
    from actions.intake import handoff
    from shared.handoff.store import HandoffStore

    monkeypatch.setenv("ASB_HANDOFF_DB", str(tmp_path / "handoff.db"))
    monkeypatch.setenv("ASB_OPERATOR_HOURS", "00:00-24:00")
    store = HandoffStore(tmp_path / "handoff.db")
    monkeypatch.setattr(handoff, "_store", store)
    return store
