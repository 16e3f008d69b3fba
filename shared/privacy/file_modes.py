"""var/ holds conversations, applications, secrets and operators' password hashes: only the
account that runs the product may read it (0700 for folders, 0600 for files)."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077


def secure_var_dir(var_dir: Path) -> None:
    """Make var/ private, now and for every file made later by this process and its children
    (a child inherits the umask; SQLite gives its -wal and -shm files the database's mode)."""
    os.umask(PRIVATE_UMASK)
    var_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    var_dir.chmod(0o700)
    # Files made before (an older install, a tool run with another umask) are tightened too.
    for path in var_dir.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o700 if path.is_dir() else 0o600)
