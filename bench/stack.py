"""For developers: our whole product as `make run` starts it, on free ports, with a slow-able case system.

The same services as launcher.services.full_product (action server, Rasa server, case system,
delivery worker, demo page), started by the project's Supervisor with the overrides the e2e
tests use (tests/live_stack.py). One difference: the delivery worker reaches the case system
through bench/slow_proxy.py, whose delay the benchmark turns up to 5 s for one measurement.
(tests/live_stack.Stack hides the Supervisor, whose process ids the memory figures need,
and always wires the worker straight to the case system; hence this module.)
"""

from __future__ import annotations

import json
import sys
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from launcher.services import Service, full_product, service_env
from shared.settings import Settings, temporarily
from launcher.supervisor import Supervisor, free_port

from bench.scenarios import TODAY


@dataclass
class Running:
    name: str
    url: str
    supervisor: Supervisor
    origin: str | None = None
    token: str | None = None  # Rasa HTTP API token (None: the API is open)
    proxy_url: str | None = None
    outbox_db: Path | None = None
    action_proxy_url: str | None = None

    def set_case_system_delay(self, seconds: float) -> None:
        req = urllib.request.Request(f"{self.proxy_url}/__proxy/delay", data=str(seconds).encode(), method="POST")
        urllib.request.urlopen(req, timeout=10).read()

    def proxy_stats(self, url: str) -> dict:
        """Requests a proxy forwarded and the seconds its upstream took (bench/slow_proxy.py)."""
        with urllib.request.urlopen(f"{url}/__proxy/health", timeout=10) as r:
            return json.loads(r.read())

    def outbox_counts(self) -> dict:
        from shared.outbox import store

        return store.counts(self.outbox_db)


def slow_proxy(port: int, upstream: str, name: str = "case-system-proxy") -> Service:
    return Service(name,
                   [sys.executable, "-m", "bench.slow_proxy", "--port", str(port), "--upstream", upstream],
                   f"http://127.0.0.1:{port}/__proxy/health", ready_timeout=30.0)


PORT_VARIABLES = {"rasa": "ASB_RASA_PORT", "actions": "ASB_ACTIONS_PORT", "case_system": "ASB_CASE_SYSTEM_PORT",
                  "delivery": "ASB_DELIVERY_HEALTH_PORT", "purge": "ASB_PURGE_HEALTH_PORT", "webchat": "ASB_WEBCHAT_PORT"}


@contextmanager
def our_stack(model: Path, work: Path, time_actions: bool = False) -> Iterator[Running]:
    """time_actions: a zero-delay proxy between Rasa and the action server, as a stopwatch
    (one more local hop per action call, so only for the profile, not the comparison)."""
    ports = {name: free_port() for name in (*PORT_VARIABLES, "proxy", "action_proxy")}
    origin = f"http://127.0.0.1:{ports['webchat']}"
    overrides = {variable: str(ports[name]) for name, variable in PORT_VARIABLES.items()}
    overrides.update(ASB_HOST="127.0.0.1", ASB_VAR_DIR=str(work / "var"), ASB_ALLOWED_ORIGINS=origin,
                     ASB_TEST_CLOCK="1", ASB_WEBCHAT_TEST_TODAY=TODAY, RASA_API_TOKEN=uuid.uuid4().hex)
    action_proxy_url = f"http://127.0.0.1:{ports['action_proxy']}" if time_actions else None
    if action_proxy_url:
        overrides["ASB_ACTION_ENDPOINT_URL"] = f"{action_proxy_url}/webhook"
    drop = ("CASE_SYSTEM_URL", "ASB_TRACKER_DB", "ASB_OUTBOX_DB", "ASB_ACTION_ENDPOINT_URL")
    with temporarily(overrides, drop=drop):
        settings = Settings()
        sup = Supervisor(dict(service_env(settings), ASB_TEST_CLOCK="1"), log_dir=work / "logs", echo=False)
        proxy_url = f"http://127.0.0.1:{ports['proxy']}"
        services = []
        for service in full_product(settings, model):
            service.ready_timeout = max(service.ready_timeout, 600.0)  # a busy 2-core machine
            if service.name == "delivery":
                services.append(slow_proxy(ports["proxy"], f"http://127.0.0.1:{ports['case_system']}"))
                service.env["CASE_SYSTEM_URL"] = proxy_url
            services.append(service)
            if service.name == "actions" and action_proxy_url:
                services.append(slow_proxy(ports["action_proxy"], f"http://127.0.0.1:{ports['actions']}",
                                           name="action-server-stopwatch"))
        try:
            sup.start_all(services)
            yield Running("ours", f"http://127.0.0.1:{ports['rasa']}", sup, origin, settings.rasa_api_token(),
                          proxy_url, settings.outbox_db, action_proxy_url)
        finally:
            sup.stop()
