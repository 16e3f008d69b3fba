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


def test_the_rasa_server_serves_with_one_tensorflow_thread_unless_told_otherwise(monkeypatch, tmp_path):
    from bot.services import TF_SERVING_THREADS, action_server, rasa_server
    from bot.settings import Settings

    for name in TF_SERVING_THREADS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASB_VAR_DIR", str(tmp_path))
    settings = Settings()
    assert {k: rasa_server(settings, tmp_path / "m.tar.gz").env[k] for k in TF_SERVING_THREADS} == {
        "TF_INTRA_OP_PARALLELISM_THREADS": "1", "TF_INTER_OP_PARALLELISM_THREADS": "1"}
    assert not set(TF_SERVING_THREADS) & set(action_server(settings).env)
    monkeypatch.setenv("TF_INTRA_OP_PARALLELISM_THREADS", "2")
    assert rasa_server(settings, tmp_path / "m.tar.gz").env["TF_INTRA_OP_PARALLELISM_THREADS"] == "2"
