"""shared/settings.py: accessors read when called; writing and child environments restore and layer as said."""

from __future__ import annotations

import os

from shared import settings


def test_an_accessor_sees_a_value_set_after_import(monkeypatch):
    monkeypatch.setenv("ASB_DELIVERY_CONCURRENCY", "3")
    monkeypatch.setenv("ASB_OPERATOR_HOURS", "09:00-17:00")
    assert (settings.delivery_concurrency(), settings.operator_hours()) == (3, "09:00-17:00")
    monkeypatch.setenv("ASB_OPERATOR_HOURS", "")
    assert settings.operator_hours() == "08:00-20:00"  # empty means the default


def test_the_lease_defaults_to_twice_the_timeout_plus_thirty(monkeypatch):
    monkeypatch.delenv("ASB_DELIVERY_LEASE_S", raising=False)
    assert settings.delivery_lease_s(10.0) == 50.0
    monkeypatch.setenv("ASB_DELIVERY_LEASE_S", "7")
    assert settings.delivery_lease_s(10.0) == 7.0


def test_temporarily_sets_drops_and_restores(monkeypatch):
    monkeypatch.setenv("ASB_T_KEPT", "before")
    monkeypatch.setenv("ASB_T_DROPPED", "there")
    monkeypatch.delenv("ASB_T_NEW", raising=False)
    with settings.temporarily({"ASB_T_KEPT": "during", "ASB_T_NEW": "new"}, drop=("ASB_T_DROPPED",)):
        assert (os.environ["ASB_T_KEPT"], os.environ["ASB_T_NEW"]) == ("during", "new")
        assert "ASB_T_DROPPED" not in os.environ
    assert (os.environ["ASB_T_KEPT"], os.environ["ASB_T_DROPPED"]) == ("before", "there")
    assert "ASB_T_NEW" not in os.environ


def test_a_child_environment_is_this_one_with_layers_on_top(monkeypatch):
    monkeypatch.setenv("ASB_T_BASE", "base")
    env = settings.child_environment({"ASB_T_A": "1", "ASB_T_B": "1"}, {"ASB_T_B": "2"}, ASB_T_C="3")
    assert (env["ASB_T_BASE"], env["ASB_T_A"], env["ASB_T_B"], env["ASB_T_C"]) == ("base", "1", "2", "3")
    assert "ASB_T_C" not in os.environ  # a copy: this process is untouched


def test_export_default_keeps_a_value_already_set(monkeypatch):
    monkeypatch.setenv("ASB_T_SET", "mine")
    monkeypatch.delenv("ASB_T_UNSET", raising=False)
    settings.export_default("ASB_T_SET", "theirs")
    settings.export_default("ASB_T_UNSET", "theirs")
    assert (os.environ["ASB_T_SET"], os.environ["ASB_T_UNSET"]) == ("mine", "theirs")
    monkeypatch.delenv("ASB_T_UNSET")
