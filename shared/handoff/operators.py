"""The operators a deployer configures, with scrypt-hashed passwords, and their console
sessions: tables of the handoff database (``ASB_HANDOFF_DB``, or ``ASB_DATABASE_URL`` so every
Rasa server signs an operator in and keeps them signed in). Add an operator with
``python -m shared.handoff.operators add NAME``.

Before issue 18 operators were a JSON file (``ASB_OPERATORS_FILE``, default
``var/operators.json``: a login name to ``{"display": "...", "hash": "scrypt$n$r$p$salt$key"}``).
The first time the table is found empty and that file exists, its operators are copied in and
the file is renamed ``operators.json.imported``. No password is ever stored or logged; a
session is stored as the SHA-256 of its cookie, never the cookie.

Every call blocks on the database (and ``verify`` on scrypt): async code makes it off the event
loop (bot/handoff/runtime.in_store).
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
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

import sqlalchemy as sa

from shared.settings import new_operator_password
from shared.storage import database, reading, upsert, writing
from shared.storage.schema import operator_sessions as S
from shared.storage.schema import operators as O

N, R, P = 2 ** 14, 8, 1  # scrypt cost: ~50 ms a check, 16 MB


def default_path() -> Union[Path, str]:
    """Where operators are kept: the handoff database."""
    from shared.settings import handoff_location

    return handoff_location()


def default_file() -> Path:
    """The operators file of before issue 18 (ASB_OPERATORS_FILE), imported once."""
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
    """``path``: the handoff database (a path or a URL); ``file``: an operators file to import
    when the table is empty (default ASB_OPERATORS_FILE when ``path`` is the default too), whose
    folder also receives the first run's ``operator-initial-password``."""

    def __init__(self, path: Union[Path, str, None] = None, file: Optional[Path] = None) -> None:
        if path is not None and str(path).endswith(".json"):
            raise ValueError("operators are kept in the handoff database now; pass its path or URL "
                             "(the old operators file is imported from `file=`)")
        self.file = Path(file) if file else (default_file() if path is None else None)
        self.location = path or default_path()
        self.db = database(self.location, "handoff")
        if self.file is not None:
            self._import_file(self.file)

    def _import_file(self, file: Path) -> int:
        try:
            data = json.loads(file.read_text())
        except (OSError, ValueError):
            return 0
        entries = [(name, entry) for name, entry in (data.items() if isinstance(data, dict) else ())
                   if isinstance(name, str) and isinstance(entry, dict) and isinstance(entry.get("hash"), str)]
        with writing(self.db) as conn:
            if conn.execute(sa.select(sa.func.count()).select_from(O)).scalar_one():
                return 0
            for name, entry in entries:
                upsert(conn, O, {"name": name, "display": str(entry.get("display") or name),
                                 "password_hash": entry["hash"], "updated_at": time.time()}, keys=["name"])
        try:
            os.replace(file, file.with_name(file.name + ".imported"))
        except OSError:
            pass  # another process imported and renamed it first
        return len(entries)

    def _entry(self, name: str) -> Optional[sa.engine.Row]:
        with reading(self.db) as conn:
            return conn.execute(sa.select(O.c.display, O.c.password_hash).where(O.c.name == name)).first()

    def names(self) -> list[str]:
        with reading(self.db) as conn:
            return list(conn.execute(sa.select(O.c.name).order_by(O.c.name)).scalars())

    def display_name(self, name: str) -> str:
        entry = self._entry(name)
        return str(entry.display or name) if entry else name

    def verify(self, name: str, password: str) -> bool:
        entry = self._entry(name) if isinstance(name, str) else None
        if entry is None or not isinstance(password, str):
            check_password(str(password), _DUMMY)
            return False
        return check_password(password, entry.password_hash)

    def add(self, name: str, password: str, display: Optional[str] = None) -> None:
        if not name or not name.replace("-", "").replace("_", "").replace(".", "").isalnum() or len(name) > 64:
            raise ValueError("a login name is letters, digits, dot, dash or underscore")
        if len(password) < 12:
            raise ValueError("a password needs at least 12 characters")
        with writing(self.db) as conn:
            upsert(conn, O, {"name": name, "display": display or name, "password_hash": hash_password(password),
                             "updated_at": time.time()}, keys=["name"], update=("display", "password_hash", "updated_at"))

    def ensure_first_operator(self, secret_dir: Optional[Path] = None) -> Optional[str]:
        """On a machine with no operators, make one so the console can be tried; its password
        goes to a 0600 file ``operator-initial-password`` (beside the operators file, or in
        ``secret_dir``; never to a log). Returns that file."""
        if self.names():
            return None
        folder = Path(secret_dir) if secret_dir else (self.file or default_file()).parent
        password = secrets.token_hex(10)  # hex: nothing a shell or option parser misreads
        self.add("operator", password, "Duty operator")
        folder.mkdir(parents=True, exist_ok=True)
        secret = folder / "operator-initial-password"
        secret.touch(mode=0o600)
        secret.write_text(password + "\n")
        return str(secret)


@dataclass(frozen=True)
class SignedIn:
    operator: str
    display: str
    expires: float


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class OperatorSessions:
    """Console sign-ins in the handoff database: any Rasa server sharing it knows them, and a
    restart no longer signs operators out (a session still ends after its time, or on sign-out)."""

    def __init__(self, path: Union[Path, str, None] = None) -> None:
        self.db = database(path or default_path(), "handoff")

    def create(self, operator: str, display: str, seconds: float, now: Optional[float] = None) -> str:
        token = secrets.token_urlsafe(32)
        now = time.time() if now is None else now
        with writing(self.db) as conn:
            conn.execute(S.delete().where(S.c.expires < now))  # sweep the expired while here
            conn.execute(S.insert().values(token_sha256=_digest(token), operator=operator, display=display,
                                           expires=now + seconds))
        return token

    def get(self, token: Optional[str], now: Optional[float] = None) -> Optional[SignedIn]:
        if not isinstance(token, str) or not token:
            return None
        with reading(self.db) as conn:
            row = conn.execute(sa.select(S.c.operator, S.c.display, S.c.expires)
                               .where(S.c.token_sha256 == _digest(token))).first()
        if row is None or row.expires < (time.time() if now is None else now):
            return None
        return SignedIn(row.operator, row.display, row.expires)

    def end(self, token: Optional[str]) -> Optional[str]:
        """Sign out: the session's operator, or None if there was none."""
        if not isinstance(token, str) or not token:
            return None
        with writing(self.db) as conn:
            operator = conn.execute(sa.select(S.c.operator).where(S.c.token_sha256 == _digest(token))).scalar()
            conn.execute(S.delete().where(S.c.token_sha256 == _digest(token)))
        return operator


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
    print(f"operator {argv[1]} saved")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
