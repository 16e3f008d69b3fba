"""One of several instances refuses to start on settings the others could not share (issue 18)."""

from __future__ import annotations

import pytest

from shared import several_instances
from shared.settings import redis_url


def test_one_instance_needs_nothing_shared(monkeypatch):
    for name in ("ASB_REDIS_HOST", "ASB_SESSION_SECRET", "ASB_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    several_instances.check()
    assert redis_url() is None


@pytest.mark.parametrize("missing", ["ASB_SESSION_SECRET", "ASB_DATABASE_URL"])
def test_several_instances_refuse_to_start_without_the_shared_secret_and_database(monkeypatch, missing):
    monkeypatch.setenv("ASB_REDIS_HOST", "10.0.0.5")
    monkeypatch.setenv("ASB_SESSION_SECRET", "s" * 64)
    monkeypatch.setenv("ASB_DATABASE_URL", "postgresql+psycopg2://asb@db/asb")
    several_instances.check()  # everything given
    monkeypatch.setenv(missing, "")
    with pytest.raises(several_instances.NotShareable, match=missing):
        several_instances.check()


def test_the_redis_url_carries_the_password_escaped(monkeypatch):
    monkeypatch.setenv("ASB_REDIS_HOST", "cache")
    monkeypatch.setenv("ASB_REDIS_PORT", "6380")
    monkeypatch.setenv("ASB_REDIS_PASSWORD", "p@ss/word")
    assert redis_url() == "redis://:p%40ss%2Fword@cache:6380/0"
