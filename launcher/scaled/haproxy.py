"""The balancer's configuration: HAProxy in front of the Rasa servers and the action servers.

- Residents, operators and the REST channel come in on one port. socket.io needs every
  request of one engine.io session (its long-polling before the WebSocket upgrade) at the same
  server: the balancer hashes the client's address (``balance source``, consistent, so a server
  going down moves only its own clients), and a client that sends the ``ASB_INSTANCE`` cookie
  it was given is kept on that server. A widget on another site sends no cookies
  (``withCredentials: false``), hence the address hash. A server that stops answering its
  health check is taken out in ~2 s and its clients go to another (``option redispatch``);
  they reconnect and resume by their signed session token, from the shared tracker store.
- Each Rasa server calls the action servers through the balancer's second port, round robin.
- No request logging: URLs and addresses stay out of logs, as every other log here.
"""

from __future__ import annotations

from pathlib import Path

COOKIE = "ASB_INSTANCE"


def instance_name(i: int) -> str:
    return f"rasa{i + 1}"


def config(public_port: int, rasa_ports: list[int], actions_front_port: int, actions_ports: list[int],
           host: str = "127.0.0.1") -> str:
    rasa = "\n".join(
        f"    server {instance_name(i)} 127.0.0.1:{port} cookie {instance_name(i)} check inter 1s fall 2 rise 2"
        for i, port in enumerate(rasa_ports))
    actions = "\n".join(
        f"    server actions{i + 1} 127.0.0.1:{port} check inter 1s fall 2 rise 2"
        for i, port in enumerate(actions_ports))
    return f"""# Made by launcher/scaled/haproxy.py; see that module for why each line is here.
global
    maxconn 4000

defaults
    mode http
    option redispatch
    retries 2
    timeout connect 2s
    timeout client 75s
    timeout server 75s
    # An upgraded WebSocket (the widget's socket.io) may stay quiet between messages.
    timeout tunnel 1h

frontend assistant
    bind {host}:{public_port}
    default_backend rasa

backend rasa
    balance source
    hash-type consistent
    cookie {COOKIE} insert indirect nocache httponly
    option httpchk GET /
{rasa}

frontend actions
    bind 127.0.0.1:{actions_front_port}
    default_backend actions

backend actions
    balance roundrobin
    option httpchk GET /health
{actions}
"""


def write(folder: Path, *args, **kwargs) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "haproxy.cfg"
    path.write_text(config(*args, **kwargs))
    return path
