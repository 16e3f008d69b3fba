"""Shared by tests/case_system and tests/delivery: a real reference case system on a free
port with a temporary database, signed requests, and a realistic application."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import requests

from shared.case_link import signing
from delivery.body import encode, wire_body
from launcher.service import Service
from launcher.supervisor import Supervisor, free_port

HERE = Path(__file__).resolve().parent
TOKEN = "test-token-0123456789"
SECRET = "test-signing-secret-0123456789"
MARKER = "MARKER-RESIDENT-TEXT"  # in every free-text field of the sample: must never reach a log line
SAMPLE = json.loads((HERE / "sample_record.json").read_text(encoding="utf-8"))


def record(application_id: str) -> dict:
    """An outbox record as the intake writes it (actions/intake/application.py)."""
    r = copy.deepcopy(SAMPLE)
    r["application_id"] = application_id
    return r


def body(application_id: str, reference: str | None = None) -> dict:
    # One reference per application, as the outbox gives (the case system refuses a reference
    # that arrives again under another application id).
    reference = reference or "ASB-" + hashlib.sha256(application_id.encode()).hexdigest()[:8].upper()
    return wire_body(record(application_id), reference)


def case_system_service(port: int, db: Path, var_dir: Path, token: str = TOKEN, secret: str = SECRET) -> Service:
    return Service(
        name=f"case_system_{port}",
        argv=[sys.executable, "-m", "case_system", "--host", "127.0.0.1", "--port", str(port)],
        health_url=f"http://127.0.0.1:{port}/health",
        env={"CASE_SYSTEM_DB": str(db), "CASE_SYSTEM_TOKEN": token, "CASE_SYSTEM_SIGNING_SECRET": secret,
             "ASB_VAR_DIR": str(var_dir), "CASE_SYSTEM_CASEWORKER_PASSWORD": "caseworker-pass"},
        ready_timeout=30,
    )


@dataclass
class CaseSystem:
    url: str
    db: Path
    port: int

    def count(self) -> int:
        if not self.db.exists():
            return 0
        with sqlite3.connect(self.db) as conn:
            return conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]

    def case_references(self) -> dict[str, str]:
        with sqlite3.connect(self.db) as conn:
            return dict(conn.execute("SELECT application_id, case_reference FROM cases").fetchall())

    def post(self, payload, application_id: str | None = None, token: str = TOKEN, secret: str = SECRET,
             raw: bytes | None = None, headers: dict | None = None) -> requests.Response:
        data = raw if raw is not None else encode(payload)
        app_id = application_id or (payload.get("application_id") if isinstance(payload, dict) else None) or "x"
        h = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Idempotency-Key": app_id,
             **signing.sign(secret, data), **(headers or {})}
        return requests.post(f"{self.url}/applications", data=data, headers=h, timeout=30)

    def get(self, path: str, **kw) -> requests.Response:
        kw.setdefault("headers", {"Authorization": f"Bearer {TOKEN}"})
        return requests.get(f"{self.url}{path}", timeout=30, **kw)


def start_case_system(sup: Supervisor, tmp: Path, port: int | None = None, **kw) -> CaseSystem:
    port = port or free_port()
    db = tmp / f"case_system_{port}.db"
    sup.start_all([case_system_service(port, db, tmp, **kw)])
    return CaseSystem(f"http://127.0.0.1:{port}", db, port)


def logs_without(log_dir: Path, marker: str = MARKER) -> list[Path]:
    """Every log file in log_dir; asserts none contains the marker."""
    files = sorted(log_dir.glob("*.log"))
    for f in files:
        assert marker not in f.read_text(encoding="utf-8", errors="replace"), f"resident text in {f.name}"
    return files
