"""Helpers for talking to the operator console of the shared live stack."""

from __future__ import annotations

import requests
import pytest


class Operator:
    """An operator's browser, as far as the console can tell: a cookie and the console's origin."""

    def __init__(self, base: str, name: str, password: str) -> None:
        self.base = base
        self.name = name
        self.http = requests.Session()
        r = self.http.post(f"{base}/console/login", data={"name": name, "password": password},
                           headers={"Origin": base}, allow_redirects=False, timeout=30)
        assert r.status_code == 303, r.status_code

    def get(self, path: str) -> requests.Response:
        return self.http.get(f"{self.base}/console/api/{path}", timeout=30)

    def post(self, path: str, body: dict | None = None) -> requests.Response:
        return self.http.post(f"{self.base}/console/api/{path}", json=body or {},
                              headers={"Origin": self.base, "X-Console": "1"}, timeout=60)

    def queue(self) -> list[dict]:
        r = self.get("queue")
        assert r.status_code == 200
        return r.json()["items"]


@pytest.fixture
def operator_factory(stack):
    made = []

    def make(name: str) -> Operator:
        op = Operator(stack.url, name, stack.operators[name])
        made.append(op)
        return op

    yield make
    for op in made:  # signed out, so "nobody signed in" holds for the next test
        op.http.post(f"{stack.url}/console/logout", headers={"Origin": stack.url}, allow_redirects=False, timeout=30)
