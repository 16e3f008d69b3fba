"""For whoever runs the product (make run) and the tests: the demo page server as a supervised service (for launcher/services.py and the tests)."""

from __future__ import annotations

import sys

from launcher.service import Service
from shared.settings import Settings, webchat_port


def webchat_demo(settings: Settings, port: int | None = None) -> Service:
    port = port or webchat_port()
    return Service(
        name="webchat",
        argv=[sys.executable, "-m", "webchat", "--host", settings.host, "--port", str(port)],
        health_url=f"http://{settings.host}:{port}/health",
        env={"ASB_WEBCHAT_SERVER_URL": f"http://{settings.host}:{settings.rasa_port}"},
        ready_timeout=30.0,
        port_variable="ASB_WEBCHAT_PORT",
    )
