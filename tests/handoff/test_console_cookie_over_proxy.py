"""The console's session cookie is Secure whenever the operator's browser used HTTPS, also when
the force's reverse proxy ended TLS and this server saw plain http (issue 18: deploy/)."""

from __future__ import annotations

from types import SimpleNamespace

from bot.console.auth import came_over_https


def _request(scheme: str, peer: str, forwarded_proto: str | None = None):
    headers = {"x-forwarded-proto": forwarded_proto} if forwarded_proto is not None else {}
    return SimpleNamespace(scheme=scheme, ip=peer, headers=headers)


def test_https_to_this_server_is_https():
    assert came_over_https(_request("https", "203.0.113.9"))


def test_a_trusted_proxy_that_ended_tls_is_believed(monkeypatch):
    monkeypatch.setenv("ASB_TRUSTED_PROXIES", "10.0.0.2, 10.0.0.3")
    assert came_over_https(_request("http", "10.0.0.3", "https"))
    # The proxy appends its own view last: an earlier hop's claim is not the proxy's.
    assert not came_over_https(_request("http", "10.0.0.3", "https, http"))
    assert not came_over_https(_request("http", "10.0.0.3"))


def test_anyone_else_saying_https_is_not_believed(monkeypatch):
    monkeypatch.setenv("ASB_TRUSTED_PROXIES", "10.0.0.2")
    assert not came_over_https(_request("http", "198.51.100.7", "https"))
    monkeypatch.delenv("ASB_TRUSTED_PROXIES")
    assert not came_over_https(_request("http", "10.0.0.2", "https"))
