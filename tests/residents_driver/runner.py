"""Plays every profile (a few at a time), then checks what reached the case system."""

from __future__ import annotations

import datetime as dt
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Optional

from tools.dialogue_tests.client import AssistantClient

from . import checks, report
from .case_system import CaseSystem
from .driver import Run, play

RESULTS = Path(__file__).resolve().parents[2] / "results" / "residents"


def run_profiles(profiles: list[dict], url: str, token: str, case_system: CaseSystem,
                 jobs: int = 3, folder: Path = RESULTS) -> tuple[list[dict], dict]:
    started = time.monotonic()
    since = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()

    def one(profile: dict) -> Run:
        client = AssistantClient(url, token, timeout=60.0)
        try:
            return play(profile, client)
        finally:
            client.close()

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        runs = list(pool.map(one, profiles))
    sent = case_system.by_reference({r.reference for r in runs if r.reference})
    others = [a for a in case_system.received_since(since) if a.get("reference") not in sent]
    results = []
    for profile, run in zip(profiles, runs):
        app = sent.get(run.reference) if run.reference else _unexpected(profile, others)
        results.append(report.profile_result(
            profile, run, checks.outcome_problems(profile, run, app), checks.payload_problems(profile, app)))
    summary = report.totals(results, time.monotonic() - started)
    report.write(results, summary, folder)
    return results, summary


def _unexpected(profile: dict, applications: list[dict]) -> Optional[dict]:
    """An application sent without the resident seeing a reference (matched by name and phone)."""
    contact = profile["facts"]["contact"]
    for app in applications:
        applicant = app.get("applicant") or {}
        phone = (applicant.get("contact") or {}).get("phone") or ""
        if applicant.get("name") == contact.get("name") and (
                not contact.get("phone") or phone.replace(" ", "") == contact["phone"].replace(" ", "")):
            return app
    return None
