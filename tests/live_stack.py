"""One real product for every test that needs live servers, started once per test run.

`make run` starts the same services (launcher.services.full_product); here every port is free,
var/ is a temporary folder (tests never touch a developer's conversations), the clock can be
pinned by message metadata (ASB_TEST_CLOCK) and the only allowed origin is the demo page's,
which must be known before Rasa starts: the socket.io channel refuses every other origin.
"""

from __future__ import annotations

import os
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import requests

from launcher.services import full_product, service_env
from shared.settings import Settings
from launcher.supervisor import Supervisor, free_port

TEST_TODAY = "2026-11-22"


@dataclass
class Stack:
    url: str
    token: str
    log_dir: Path
    var_dir: Path
    ready_seconds: dict
    env: dict  # the environment the services were started with (endpoints.yml reads it)
    ports: dict = field(default_factory=dict)
    operators: dict = field(default_factory=dict)  # login name -> password, for the console tests
    supervisor: Any = None  # for tests that stop or restart one service

    @property
    def webchat_origin(self) -> str:
        return f"http://127.0.0.1:{self.ports['webchat']}"

    @property
    def case_system_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['case_system']}"

    def say(self, sender: str, text: str, today: str | None = None) -> list[dict]:
        body = {"sender": sender, "message": text}
        if today:
            body["metadata"] = {"today": today}
        r = requests.post(f"{self.url}/webhooks/rest/webhook", json=body, timeout=30,
                          headers={"Authorization": f"Bearer {self.token}"})
        r.raise_for_status()
        return r.json()

    def tracker(self, sender: str) -> dict:
        r = requests.get(
            f"{self.url}/conversations/{sender}/tracker", params={"token": self.token}, timeout=30
        )
        r.raise_for_status()
        return r.json()

    def delivered(self, reference: str, wait: float = 60.0) -> dict:
        """The application as the case system received it (the delivery worker sends it soon)."""
        token = (self.var_dir / "case-system-token").read_text().strip()
        headers = {"Authorization": f"Bearer {token}"}
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            items = requests.get(f"{self.case_system_url}/applications", headers=headers, timeout=10).json()["items"]
            found = [i for i in items if i.get("reference") == reference]
            if found:
                case = requests.get(f"{self.case_system_url}/applications/{found[0]['application_id']}",
                                    headers=headers, timeout=10).json()
                return case["application"]
            time.sleep(0.5)
        raise AssertionError(f"{reference} never reached the case system")

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.log_dir.glob("*.log"))


@contextmanager
def live_stack(var_dir: Path, log_dir: Path, model: Path,
               services: Callable[[Settings, Path], list] = full_product) -> Iterator[Stack]:
    ports = {name: free_port() for name in ("rasa", "actions", "case_system", "delivery", "purge", "webchat")}
    origin = f"http://127.0.0.1:{ports['webchat']}"
    overrides = {
        "ASB_HOST": "127.0.0.1",
        "ASB_VAR_DIR": str(var_dir),
        "ASB_RASA_PORT": str(ports["rasa"]),
        "ASB_ACTIONS_PORT": str(ports["actions"]),
        "ASB_CASE_SYSTEM_PORT": str(ports["case_system"]),
        "ASB_DELIVERY_HEALTH_PORT": str(ports["delivery"]),
        "ASB_PURGE_HEALTH_PORT": str(ports["purge"]),
        "ASB_WEBCHAT_PORT": str(ports["webchat"]),
        "ASB_ALLOWED_ORIGINS": origin,
        "ASB_TEST_CLOCK": "1",
        "ASB_WEBCHAT_TEST_TODAY": TEST_TODAY,
        "ASB_WEBCHAT_EXIT_URL": "https://www.bbc.co.uk/weather",
        "RASA_API_TOKEN": uuid.uuid4().hex,
        "ASB_OPERATORS_FILE": str(var_dir / "operators.json"),
        "ASB_HANDOFF_DB": str(var_dir / "handoff.db"),
        # Always within hours: whether anyone is free then depends only on who signed in.
        "ASB_OPERATOR_HOURS": "00:00-24:00",
        # Browser tests stand in for residents and operators at other addresses (console sign-in
        # is throttled per source) by sending X-Forwarded-For, as the force's proxy would.
        "ASB_TRUSTED_PROXIES": "127.0.0.1",
    }
    saved = {k: os.environ.get(k) for k in overrides}
    os.environ.pop("CASE_SYSTEM_URL", None)  # always the bundled case system in tests
    os.environ.update(overrides)
    settings = Settings()
    from shared.handoff.operators import Operators

    operators = {"alex": uuid.uuid4().hex, "sam": uuid.uuid4().hex}
    for name, password in operators.items():
        Operators(settings.handoff_location).add(name, password, name.capitalize())
    env = dict(service_env(settings), ASB_TEST_CLOCK="1")
    supervisor = Supervisor(env, log_dir=log_dir, echo=False)
    try:
        started = services(settings, model)
        for service in started:
            # A busy CI machine can take minutes to load a model.
            service.ready_timeout = max(service.ready_timeout, 600.0)
        supervisor.start_all(started)
        yield Stack(
            url=f"http://{settings.host}:{settings.rasa_port}",
            token=settings.rasa_api_token(),
            log_dir=log_dir,
            var_dir=var_dir,
            ready_seconds=dict(supervisor.ready_seconds),
            env=env,
            ports=ports,
            operators=operators,
            supervisor=supervisor,
        )
    finally:
        supervisor.stop()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
