"""Configuration from the environment, with the documented defaults (see README)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


@dataclass(frozen=True)
class Settings:
    host: str = field(default_factory=lambda: _env("ASB_HOST", "127.0.0.1"))
    rasa_port: int = field(default_factory=lambda: int(_env("ASB_RASA_PORT", "5005")))
    actions_port: int = field(default_factory=lambda: int(_env("ASB_ACTIONS_PORT", "5055")))
    # The action server's own bind address: only the Rasa server calls it.
    actions_host: str = field(default_factory=lambda: _env("ASB_ACTIONS_HOST", _env("ASB_HOST", "127.0.0.1")))
    var_dir: Path = field(default_factory=lambda: Path(_env("ASB_VAR_DIR", str(ROOT / "var"))))
    allowed_origins: tuple[str, ...] = field(
        default_factory=lambda: tuple(
            _env("ASB_ALLOWED_ORIGINS", "http://127.0.0.1:8080 http://localhost:8080").split()
        )
    )
    endpoints: Path = field(default_factory=lambda: Path(_env("ASB_ENDPOINTS", str(ROOT / "endpoints.yml"))))
    credentials: Path = field(
        default_factory=lambda: Path(_env("ASB_CREDENTIALS", str(ROOT / "credentials.yml")))
    )

    @property
    def tracker_db(self) -> Path:
        return Path(_env("ASB_TRACKER_DB", str(self.var_dir / "tracker.db")))

    @property
    def outbox_db(self) -> Path:
        return Path(_env("ASB_OUTBOX_DB", str(self.var_dir / "outbox.db")))

    @property
    def handoff_db(self) -> Path:
        return Path(_env("ASB_HANDOFF_DB", str(self.var_dir / "handoff.db")))

    @property
    def ended_sessions_db(self) -> Path:
        return Path(_env("ASB_ENDED_SESSIONS_DB", str(self.var_dir / "ended-sessions.db")))

    @property
    def operators_file(self) -> Path:
        return Path(_env("ASB_OPERATORS_FILE", str(self.var_dir / "operators.json")))

    @property
    def action_endpoint_url(self) -> str:
        return _env("ASB_ACTION_ENDPOINT_URL", f"http://{self.actions_host}:{self.actions_port}/webhook")

    def action_server_token(self) -> str:
        """The secret the Rasa server sends the action server on every call (actions/server.py):
        from ASB_ACTION_SERVER_TOKEN, or made once into var/."""
        token = os.environ.get("ASB_ACTION_SERVER_TOKEN")
        if token:
            return token
        from shared.secret_files import made_once

        return made_once(self.var_dir / "action-server-token")

    def rasa_api_token(self) -> str:
        """The token for Rasa's HTTP API: from RASA_API_TOKEN, or made once and kept in var/.

        It never leaves the server side (operator console and tests read it from here), and
        never goes on a command line: bot.rasa_server hands it to Rasa in-process.
        """
        token = os.environ.get("RASA_API_TOKEN")
        if token:
            return token
        from shared.secret_files import made_once

        return made_once(self.var_dir / "rasa-api-token")
