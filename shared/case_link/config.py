"""Shared secrets and addresses for the assistant and the case system, from the environment.

`CASE_SYSTEM_TOKEN` and `CASE_SYSTEM_SIGNING_SECRET` default to values made once into
`ASB_VAR_DIR` (like the Rasa API token), so a local `make run` works out of the box: the
worker and the bundled case system read the same files. A force sets both variables.
"""

from __future__ import annotations

from pathlib import Path

from shared import settings
from shared.secret_files import made_once

DEFAULT_URL = "http://127.0.0.1:5080"


def var_dir() -> Path:
    return settings.var_dir()


def made_once_in_var(filename: str) -> str:
    """A secret made once into var/ (0600, hex)."""
    return made_once(var_dir() / filename)


def token() -> str:
    return settings.case_system_token() or made_once_in_var("case-system-token")


def signing_secret() -> str:
    return settings.case_system_signing_secret() or made_once_in_var("case-system-signing-secret")


def url() -> str:
    return (settings.case_system_url() or DEFAULT_URL).rstrip("/")
