"""The Rasa server starts with an awkward API token (leading "-", spaces, quotes, "=") and the
token is on no process's command line (the real server, this repository's model)."""

import os
from pathlib import Path

import requests

from bot.services import rasa_server, service_env
from bot.settings import Settings
from bot.supervisor import Supervisor, free_port
from bot.training import model_path

AWKWARD = "-t 'a b'=\"c\" --x"


def test_rasa_starts_with_an_awkward_token_kept_off_every_command_line(tmp_path, monkeypatch):
    (tmp_path / "rasa-api-token").write_text(AWKWARD)  # as an old install's var/ might hold
    monkeypatch.delenv("RASA_API_TOKEN", raising=False)
    monkeypatch.setenv("ASB_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("ASB_RASA_PORT", str(free_port()))
    settings = Settings()
    assert settings.rasa_api_token() == AWKWARD
    sup = Supervisor(service_env(settings), log_dir=tmp_path / "logs", echo=False)
    service = rasa_server(settings, model_path())
    service.ready_timeout = 600
    sup.start_all([service])
    try:
        base = f"http://{settings.host}:{settings.rasa_port}"
        assert requests.get(f"{base}/status", params={"token": AWKWARD}, timeout=30).status_code == 200
        assert requests.get(f"{base}/status", params={"token": "wrong"}, timeout=30).status_code == 401
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                assert "'a b'" not in cmdline.read_bytes().decode("utf-8", "replace"), cmdline
            except OSError:
                pass
    finally:
        sup.stop()
