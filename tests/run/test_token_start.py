"""The Rasa server starts with an awkward API token and the token is on no process's command line
(what `ps` shows every local user): the real server, this repository's model.

Two tokens: one that would be read as an option (a leading "-", and "-h…" is argparse's help
flag, which would print help and exit), and one with spaces, quotes, "=", ";" and "$(…)".
"""

import secrets

import pytest
import requests

from launcher.services import rasa_server, service_env
from shared.settings import Settings
from launcher.supervisor import Supervisor, free_port
from launcher.training import model_path
from make_run import command_lines

TOKENS = {
    "leading-dash": f"-h{secrets.token_hex(8)}",
    "shell-and-quotes": f"a b'\"=c; $(x) --y {secrets.token_hex(4)}",
}


@pytest.mark.parametrize("token", TOKENS.values(), ids=TOKENS.keys())
def test_rasa_starts_with_an_awkward_token_kept_off_every_command_line(tmp_path, monkeypatch, token):
    (tmp_path / "rasa-api-token").write_text(token)  # as an old install's var/ might hold
    monkeypatch.delenv("RASA_API_TOKEN", raising=False)
    monkeypatch.setenv("ASB_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("ASB_RASA_PORT", str(free_port()))
    settings = Settings()
    assert settings.rasa_api_token() == token
    sup = Supervisor(service_env(settings), log_dir=tmp_path / "logs", echo=False)
    service = rasa_server(settings, model_path())
    service.ready_timeout = 600
    sup.start_all([service])
    try:
        base = f"http://{settings.host}:{settings.rasa_port}"
        assert requests.get(f"{base}/status", params={"token": token}, timeout=30).status_code == 200
        assert requests.get(f"{base}/status", params={"token": "wrong"}, timeout=30).status_code == 401
        lines = command_lines()
        assert any("bot.rasa_server" in line for line in lines)  # the server is among those read
        assert not [line for line in lines if token in line]
    finally:
        sup.stop()
