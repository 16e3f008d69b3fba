"""Secrets the product makes for itself on a first run, kept 0600 under var/.

Hex only: a generated value can never start with "-" or hold a space, quote or "=", so it
cannot be read as an option or split by a shell, wherever it ends up.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_hex(nbytes)


def made_once(path: Path, nbytes: int = 32) -> str:
    """Read `path`, creating it atomically first (two processes may start together)."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(new_secret(nbytes))
    try:
        os.link(tmp, path)  # fails if another process got there first: theirs wins
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text().strip()
