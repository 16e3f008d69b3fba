"""For whoever runs the product (make run) and the tests: one supervised process as `make run` and the tests start it: its command, its health URL,
its environment and the setting that moves its port."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Service:
    name: str
    argv: list[str]
    health_url: str
    env: dict[str, str] = field(default_factory=dict)
    ready_timeout: float = 120.0
    port_variable: str = ""  # the setting that moves its port (named when the port is taken)
