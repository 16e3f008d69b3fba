"""Reading the applications that reached the case system (GET /applications, bearer token)."""

from __future__ import annotations

import time

import requests


class CaseSystem:
    def __init__(self, url: str, token: str, timeout: float = 30.0):
        self.url = url.rstrip("/")
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.timeout = timeout

    def _get(self, path: str, **params) -> dict:
        r = self.session.get(f"{self.url}{path}", params=params, timeout=self.timeout)
        r.raise_for_status()
        return r.json()

    def summaries(self) -> list[dict]:
        items, offset = [], 0
        while True:
            page = self._get("/applications", limit=500, offset=offset)
            items += page["items"]
            offset += len(page["items"])
            if not page["items"] or offset >= page["total"]:
                return items

    def by_reference(self, references: set[str], wait: float = 60.0) -> dict[str, dict]:
        """The applications with these resident references; waits for the delivery worker."""
        deadline = time.monotonic() + wait
        while True:
            found = {s["reference"]: s for s in self.summaries() if s.get("reference") in references}
            if len(found) == len(references) or time.monotonic() > deadline:
                break
            time.sleep(1.0)
        return {ref: self._get(f"/applications/{s['application_id']}")["application"] for ref, s in found.items()}

    def received_since(self, since: str) -> list[dict]:
        """Applications received at or after `since` (ISO UTC): not those of earlier runs."""
        return [self._get(f"/applications/{s['application_id']}")["application"]
                for s in self.summaries() if s.get("received_at", "") >= since]
