"""Fixtures shared by every test folder: the model and the one live product (tests/live_stack.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from live_stack import Stack, live_stack
from launcher.training import ensure_model


@pytest.fixture(scope="session")
def model_path() -> Path:
    # ASB_TEST_MODEL: run against a model already trained (e.g. while data edits would
    # retrain); by default the one `make test` trained.
    pinned = os.environ.get("ASB_TEST_MODEL")
    return Path(pinned) if pinned else ensure_model(quiet=True)


@pytest.fixture(scope="session")
def stack(tmp_path_factory, model_path) -> Stack:
    """Action server, Rasa, case system, delivery worker and demo page, on free ports."""
    # var/ does not exist yet: the product makes it (private, as `make run` does on a new machine).
    with live_stack(tmp_path_factory.mktemp("run") / "var", tmp_path_factory.mktemp("logs"), model_path) as live:
        yield live


@pytest.fixture
def sender() -> str:
    import uuid

    return f"test-{uuid.uuid4().hex}"
