"""Start the real action server and Rasa server once per test run, on free ports.

The model is the one `make test` trained (bot.training.ensure_model); the servers get a
temporary var/ folder, so tests never touch a developer's conversations.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from bot.services import product, service_env
from bot.settings import Settings
from bot.supervisor import Supervisor, free_port
from bot.training import ensure_model


@dataclass
class Stack:
    url: str
    token: str
    log_dir: Path
    var_dir: Path
    ready_seconds: dict
    env: dict  # the environment the services were started with (endpoints.yml reads it)

    def say(self, sender: str, text: str, today: str | None = None) -> list[dict]:
        body = {"sender": sender, "message": text}
        if today:
            body["metadata"] = {"today": today}
        r = requests.post(f"{self.url}/webhooks/rest/webhook", json=body, timeout=30)
        r.raise_for_status()
        return r.json()

    def tracker(self, sender: str) -> dict:
        r = requests.get(
            f"{self.url}/conversations/{sender}/tracker", params={"token": self.token}, timeout=30
        )
        r.raise_for_status()
        return r.json()

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.log_dir.glob("*.log"))


@pytest.fixture(scope="session")
def model_path() -> Path:
    return ensure_model(quiet=True)


@pytest.fixture(scope="session")
def stack(tmp_path_factory, model_path) -> Stack:
    var_dir = tmp_path_factory.mktemp("var")
    log_dir = tmp_path_factory.mktemp("logs")
    env_overrides = {
        "ASB_VAR_DIR": str(var_dir),
        "ASB_RASA_PORT": str(free_port()),
        "ASB_ACTIONS_PORT": str(free_port()),
        "ASB_TEST_CLOCK": "1",
        "RASA_API_TOKEN": uuid.uuid4().hex,
    }
    saved = {k: os.environ.get(k) for k in env_overrides}
    os.environ.update(env_overrides)
    settings = Settings()
    env = dict(service_env(settings), ASB_TEST_CLOCK="1")
    supervisor = Supervisor(env, log_dir=log_dir, echo=False)
    try:
        supervisor.start_all(product(settings, model_path))
        yield Stack(
            url=f"http://{settings.host}:{settings.rasa_port}",
            token=settings.rasa_api_token(),
            log_dir=log_dir,
            var_dir=var_dir,
            ready_seconds=dict(supervisor.ready_seconds),
            env=env,
        )
    finally:
        supervisor.stop()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture
def sender() -> str:
    return f"test-{uuid.uuid4().hex}"
