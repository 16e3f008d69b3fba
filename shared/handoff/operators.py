"""The operators a deployer configures, with scrypt-hashed passwords (``ASB_OPERATORS_FILE``,
default ``var/operators.json``). Add one with ``python -m shared.handoff.operators add NAME``.

The file maps a login name to ``{"display": "...", "hash": "scrypt$n$r$p$salt$key"}``; no
password is ever stored or logged.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import json
import os
import secrets
import sys
from pathlib import Path
from typing import Optional

from shared.settings import new_operator_password

N, R, P = 2 ** 14, 8, 1  # scrypt cost: ~50 ms a check, 16 MB


def default_path() -> Path:
    from shared.settings import operators_file

    return operators_file()


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${N}${R}${P}${b64(salt)}${b64(key)}"


def check_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, key = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(key)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


# Checked when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY = hash_password(secrets.token_urlsafe(12))


class Operators:
    def __init__(self, path: Optional[Path] = None) -> None:
        self.path = Path(path) if path else default_path()

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def names(self) -> list[str]:
        return sorted(self._load())

    def display_name(self, name: str) -> str:
        entry = self._load().get(name) or {}
        return str(entry.get("display") or name)

    def verify(self, name: str, password: str) -> bool:
        entry = self._load().get(name) if isinstance(name, str) else None
        stored = entry.get("hash") if isinstance(entry, dict) else None
        if not isinstance(stored, str) or not isinstance(password, str):
            check_password(str(password), _DUMMY)
            return False
        return check_password(password, stored)

    def add(self, name: str, password: str, display: Optional[str] = None) -> None:
        if not name or not name.replace("-", "").replace("_", "").replace(".", "").isalnum() or len(name) > 64:
            raise ValueError("a login name is letters, digits, dot, dash or underscore")
        if len(password) < 12:
            raise ValueError("a password needs at least 12 characters")
        data = self._load()
        data[name] = {"display": display or name, "hash": hash_password(password)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.touch(mode=0o600)
        tmp.write_text(json.dumps(data, indent=2))
        os.replace(tmp, self.path)

    def ensure_first_operator(self) -> Optional[str]:
        """On a machine with no operators, make one so the console can be tried; its password
        goes to a 0600 file beside the operators file (never to a log). Returns that file."""
        if self._load():
            return None
        password = secrets.token_hex(10)  # hex: nothing a shell or option parser misreads
        self.add("operator", password, "Duty operator")
        secret = self.path.with_name("operator-initial-password")
        secret.touch(mode=0o600)
        secret.write_text(password + "\n")
        return str(secret)


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "add":
        print("usage: python -m shared.handoff.operators add NAME [DISPLAY NAME]  (asks for the password)")
        return 2
    password = new_operator_password() or getpass.getpass("Password (12+ characters): ")
    try:
        Operators().add(argv[1], password, " ".join(argv[2:]) or None)
    except ValueError as exc:
        print(exc)
        return 1
    print(f"operator {argv[1]} saved to {default_path()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
