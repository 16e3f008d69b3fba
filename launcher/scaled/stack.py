"""Several instances on one machine: PostgreSQL, Redis, HAProxy, then the product's services
twice over (two Rasa servers, two action servers, two delivery workers) behind the balancer,
with one case system, one scheduled purge and the demo page. `make run-scaled` runs it
(launcher/run_scaled.py); the scale-out test starts the same (tests/scale_out/).

Every instance is given what they must share (shared/several_instances.py): one database URL,
one Redis, one session-signing secret, one action-server token, Rasa's endpoints for several
instances (deploy/endpoints.yml).
"""

from __future__ import annotations

import dataclasses
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from launcher.scaled import daemons, haproxy
from launcher.service import Service
from launcher.services import action_server, case_system, delivery_worker, rasa_server, scheduled_purge
from launcher.supervisor import Supervisor, free_port
from launcher.webchat_service import webchat_demo
from shared.process_env import service_env
from shared.settings import ROOT, Settings, case_system_port, case_system_url

INSTANCES = 2
SCALED_ENDPOINTS = ROOT / "deploy" / "endpoints.yml"


@dataclass
class ScaledPorts:
    public: int  # the balancer: what residents, operators and the widget talk to
    actions_front: int
    rasa: list[int]
    actions: list[int]
    delivery_health: list[int]
    postgres: int
    redis: int

    @classmethod
    def choose(cls, public: int, instances: int = INSTANCES) -> "ScaledPorts":
        return cls(public=public, actions_front=free_port(),
                   rasa=[free_port() for _ in range(instances)],
                   actions=[free_port() for _ in range(instances)],
                   delivery_health=[free_port() for _ in range(instances)],
                   postgres=free_port(), redis=free_port())


@dataclass
class Scaled:
    settings: Settings
    ports: ScaledPorts
    env: dict
    supervisor: Supervisor
    daemons: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://{self.settings.host}:{self.ports.public}"

    def instance_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.ports.rasa[i]}"


def shared_env(settings: Settings, ports: ScaledPorts, database_url: str, session_secret: str) -> dict:
    return {
        **service_env(settings),
        "ASB_ENDPOINTS": str(SCALED_ENDPOINTS),
        "ASB_DATABASE_URL": database_url,
        "ASB_REDIS_HOST": "127.0.0.1",
        "ASB_REDIS_PORT": str(ports.redis),
        "ASB_REDIS_PASSWORD": "",
        "ASB_SESSION_SECRET": session_secret,
        # Every Rasa server calls the action servers through the balancer.
        "ASB_ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports.actions_front}/webhook",
    }


def _numbered(service: Service, i: int, **changes) -> Service:
    return dataclasses.replace(service, name=f"{service.name}-{i + 1}", **changes)


def services(settings: Settings, model: Path, ports: ScaledPorts, webchat_port: Optional[int] = None,
             ready_timeout: Optional[float] = None) -> list[Service]:
    """In start order: action servers, Rasa servers (one at a time: the first creates Rasa's
    tables), the case system unless the force has its own, delivery workers, purge, demo page.
    ready_timeout: at least this long for each to become healthy (a busy machine loads slowly)."""
    out: list[Service] = []
    for i, port in enumerate(ports.actions):
        out.append(_numbered(action_server(dataclasses.replace(settings, actions_port=port)), i))
    for i, port in enumerate(ports.rasa):
        # deploy/endpoints.yml: Rasa's tracker store on the shared database, its Redis lock store.
        out.append(_numbered(rasa_server(dataclasses.replace(settings, rasa_port=port, endpoints=SCALED_ENDPOINTS),
                                         model), i))
    if not case_system_url():
        out.append(case_system(settings))
    for i, port in enumerate(ports.delivery_health):
        worker = delivery_worker(settings)
        out.append(_numbered(worker, i, health_url=f"http://{settings.host}:{port}/health",
                             env={**worker.env, "ASB_DELIVERY_HEALTH_PORT": str(port),
                                  "ASB_DELIVERY_HEARTBEAT": str(settings.var_dir / f"delivery-worker-{i + 1}.heartbeat")}))
    out.append(scheduled_purge(settings))
    demo = webchat_demo(dataclasses.replace(settings, rasa_port=ports.public), webchat_port)
    out.append(demo)
    if ready_timeout:
        out = [dataclasses.replace(s, ready_timeout=max(s.ready_timeout, ready_timeout)) for s in out]
    return out


@contextmanager
def scaled_stack(settings: Settings, model: Path, ports: ScaledPorts, session_secret: str,
                 data_dir: Path, supervisor_kwargs: Optional[dict] = None,
                 webchat_port: Optional[int] = None, extra_env: Optional[dict] = None,
                 postgres_dir: Optional[Path] = None, ready_timeout: Optional[float] = None) -> Iterator[Scaled]:
    """Start everything (daemons first); stop everything when the block ends, however it ends.
    PostgreSQL's folder (default data_dir/postgres) must be one its user can enter: as root,
    the server runs as `postgres`, who cannot enter a private folder such as var/."""
    with ExitStack() as stack:
        pg, database_url = daemons.postgres(postgres_dir or data_dir / "postgres", ports.postgres)
        stack.callback(pg.stop)
        redis = daemons.redis(data_dir / "redis", ports.redis)
        stack.callback(redis.stop)
        config = haproxy.write(data_dir / "haproxy", ports.public, ports.rasa, ports.actions_front, ports.actions,
                               host=settings.host)
        balancer = daemons.haproxy(config, ports.public)
        stack.callback(balancer.stop)
        env = {**shared_env(settings, ports, database_url, session_secret), **(extra_env or {})}
        supervisor = Supervisor(env, **(supervisor_kwargs or {}))
        stack.callback(supervisor.stop)
        scaled = Scaled(settings, ports, env, supervisor, {"postgresql": pg, "redis": redis, "haproxy": balancer})
        supervisor.start_all(services(settings, model, ports, webchat_port, ready_timeout))
        yield scaled


def public_ports_in_use(settings: Settings, public: int, webchat_port: int) -> list[int]:
    ports = [public, webchat_port] + ([] if case_system_url() else [case_system_port()])
    return [p for p in ports if daemons.port_open(p, settings.host)]
