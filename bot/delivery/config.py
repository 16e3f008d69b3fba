"""Shared secrets and addresses for the assistant and the case system, from the environment.

`CASE_SYSTEM_TOKEN` and `CASE_SYSTEM_SIGNING_SECRET` default to values made once into
`ASB_VAR_DIR` (like the Rasa API token), so a local `make run` works out of the box: the
worker and the bundled case system read the same files. A force sets both variables.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from bot.settings import ROOT

DEFAULT_URL = "http://127.0.0.1:5080"


def _env(name: str) -> str | None:
    value = os.environ.get(name)
    return value if value else None


def var_dir() -> Path:
    return Path(_env("ASB_VAR_DIR") or ROOT / "var")


def _made_once(filename: str) -> str:
    """Read var/<filename>, creating it atomically (two processes may start together)."""
    path = var_dir() / filename
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{filename}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_urlsafe(32))
    try:
        os.link(tmp, path)  # fails if another process got there first: theirs wins
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text().strip()


def token() -> str:
    return _env("CASE_SYSTEM_TOKEN") or _made_once("case-system-token")


def signing_secret() -> str:
    return _env("CASE_SYSTEM_SIGNING_SECRET") or _made_once("case-system-signing-secret")


def url() -> str:
    return (_env("CASE_SYSTEM_URL") or DEFAULT_URL).rstrip("/")
