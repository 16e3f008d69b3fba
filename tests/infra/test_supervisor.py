import sys
import time

import pytest

from launcher.service import Service
from launcher.supervisor import ServiceFailed, Supervisor, free_port, wait_healthy


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
    # Its health port must be free too (port 1 fails the port check first where binding it is refused).
    dead = Service("dead", [sys.executable, "-c", "raise SystemExit(3)"], f"http://127.0.0.1:{free_port()}/",
                   ready_timeout=20)
    started = time.monotonic()
    with pytest.raises(ServiceFailed, match="dead: exited with code 3"):
        sup.start_all([_http_server(port), dead])
    assert time.monotonic() - started < 15
    assert sup.procs == []



def test_a_stranger_answering_the_health_check_is_not_taken_for_the_service(tmp_path):
    port = free_port()
    stranger = Supervisor({}, log_dir=tmp_path / "s")
    stranger.start_all([_http_server(port)])
    try:
        sup = Supervisor({}, log_dir=tmp_path)
        sleeper = Service("rasa", [sys.executable, "-c", "import time; time.sleep(30)"],
                          f"http://127.0.0.1:{port}/", ready_timeout=20, port_variable="ASB_RASA_PORT")
        with pytest.raises(ServiceFailed, match=f"port {port}.*ASB_RASA_PORT"):
            sup.start_all([sleeper])  # the port check before start
        proc = sup.start(sleeper)
        with pytest.raises(ServiceFailed, match="another program answers"):
            wait_healthy(sleeper.health_url, 20, proc)  # and the ownership check after it
        sup.stop()
    finally:
        stranger.stop()


def test_a_service_that_stops_is_started_again_and_the_others_carry_on(tmp_path):
    import os
    import signal

    sup = Supervisor({}, log_dir=tmp_path, report=lambda line: None)
    a, b = _http_server(free_port()), _http_server(free_port())
    b.name = "other"
    sup.start_all([a, b])
    first = sup.procs[0][1]
    other = sup.procs[1][1]
    os.kill(first.pid, signal.SIGKILL)
    deadline = time.monotonic() + 20
    sup.watch(until=lambda: time.monotonic() > deadline or (
        sup.procs[0][1] is not first and wait_quick(a.health_url)))
    try:
        assert sup.procs[0][1] is not first and sup.procs[0][1].poll() is None
        assert other.poll() is None
    finally:
        sup.stop()


def wait_quick(url):
    try:
        wait_healthy(url, timeout=0.3)
        return True
    except ServiceFailed:
        return False
