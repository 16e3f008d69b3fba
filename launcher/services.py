"""For whoever runs the product (make run) and the tests: the processes that make up the product, described once for `make run` and the tests."""

from __future__ import annotations

import sys
from pathlib import Path

from launcher.service import Service
from shared.process_env import service_env  # noqa: F401 - launcher.services.service_env, as before
from shared.settings import Settings, case_system_db, case_system_port, case_system_url, delivery_health_port, purge_health_port


def action_server(settings: Settings) -> Service:
    return Service(
        name="actions",
        argv=[
            sys.executable, "-m", "actions.server",
            "--port", str(settings.actions_port),
        ],
        health_url=f"http://{settings.actions_host}:{settings.actions_port}/health",
        # Its own bind address (ASB_ACTIONS_HOST) and a shared secret: only the Rasa server calls it.
        env={"ASB_ACTIONS_HOST": settings.actions_host},
        port_variable="ASB_ACTIONS_PORT",
    )


def rasa_server(settings: Settings, model: Path) -> Service:
    return Service(
        name="rasa",
        argv=[
            sys.executable, "-m", "bot.rasa_server", "run",
            "--model", str(model),
            "--endpoints", str(settings.endpoints),
            "--credentials", str(settings.credentials),
            "--interface", settings.host,
            "--port", str(settings.rasa_port),
            "--enable-api",
            # No --auth-token here: bot.rasa_server adds it in-process, out of sight of `ps`.
            "--cors", *settings.allowed_origins,
        ],
        health_url=f"http://{settings.host}:{settings.rasa_port}/",
        ready_timeout=180.0,
        port_variable="ASB_RASA_PORT",
    )


def product(settings: Settings, model: Path) -> list[Service]:
    """The assistant itself: the action server and the Rasa server (what the e2e tests start)."""
    return [action_server(settings), rasa_server(settings, model)]


def case_system(settings: Settings) -> Service:
    port = case_system_port()
    return Service(
        name="case-system",
        argv=[sys.executable, "-m", "case_system", "--host", settings.host, "--port", str(port)],
        health_url=f"http://{settings.host}:{port}/health",
        env={"CASE_SYSTEM_DB": str(case_system_db(settings.var_dir))},
        ready_timeout=30.0,
        port_variable="ASB_CASE_SYSTEM_PORT",
    )


def delivery_worker(settings: Settings) -> Service:
    port = delivery_health_port()
    case_port = case_system_port()
    return Service(
        name="delivery",
        argv=[sys.executable, "-m", "delivery.worker"],
        health_url=f"http://{settings.host}:{port}/health",
        env={
            "ASB_DELIVERY_HEALTH_PORT": str(port),
            # The bundled case system unless a force points the assistant at its own.
            "CASE_SYSTEM_URL": case_system_url() or f"http://{settings.host}:{case_port}",
        },
        ready_timeout=30.0,
        port_variable="ASB_DELIVERY_HEALTH_PORT",
    )


def scheduled_purge(settings: Settings) -> Service:
    port = purge_health_port()
    return Service(
        name="purge",
        argv=[sys.executable, "-m", "purge.service"],
        health_url=f"http://{settings.host}:{port}/health",
        env={"ASB_PURGE_HEALTH_PORT": str(port)},
        ready_timeout=30.0,
        port_variable="ASB_PURGE_HEALTH_PORT",
    )


def full_product(settings: Settings, model: Path) -> list[Service]:
    """Every service `make run` starts, in start order."""
    from launcher.webchat_service import webchat_demo

    services = product(settings, model)
    if not case_system_url():
        services.append(case_system(settings))
    return services + [delivery_worker(settings), scheduled_purge(settings), webchat_demo(settings)]
