import sys
import time

import pytest

from bot.services import Service
from bot.supervisor import ServiceFailed, Supervisor, free_port, wait_healthy


def _http_server(port: int) -> Service:
    return Service(
        name="web",
        argv=[sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        health_url=f"http://127.0.0.1:{port}/",
        ready_timeout=20,
    )


def test_starts_waits_and_stops_every_process(tmp_path):
    sup = Supervisor({}, log_dir=tmp_path)
    port = free_port()
    sup.start_all([_http_server(port)])
    (_, proc), = sup.procs
    assert proc.poll() is None
    assert sup.ready_seconds["web"] >= 0
    sup.stop()
    assert proc.poll() is not None
    with pytest.raises(ServiceFailed):
        wait_healthy(f"http://127.0.0.1:{port}/", timeout=0.5)


def test_a_service_that_dies_at_start_is_reported_and_nothing_is_left(tmp_path):
    sup = Supervisor({}, log_dir=tmp_path)
    port = free_port()
    dead = Service("dead", [sys.executable, "-c", "raise SystemExit(3)"], "http://127.0.0.1:1/", ready_timeout=20)
    started = time.monotonic()
    with pytest.raises(ServiceFailed, match="dead: exited with code 3"):
        sup.start_all([_http_server(port), dead])
    assert time.monotonic() - started < 15
    assert sup.procs == []

