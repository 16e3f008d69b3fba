"""bot/rasa_version_guard.py: on a Rasa version other than the tested one every patch of Rasa
internals refuses to start, naming itself, the version and its upstream issue; with
ASB_ALLOW_UNTESTED_RASA=1 each is skipped with a warning and Rasa's own methods stay. The
tracker cache (which writes rows as Rasa's save does) follows the same rule. Run in a
subprocess with a faked rasa.__version__, so nothing is patched in this test session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r'''
import importlib, json, logging, sys
logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(name)s %(message)s")
import rasa
rasa.__version__ = sys.argv[1]  # the fake
from rasa.core.actions.action import RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.tensorflow.models import RasaModel

def rasa_methods():
    return {"RasaModel.load": RasaModel.__dict__["load"], "RemoteAction.run": RemoteAction.run,
            "RemoteAction._validate_action_result": RemoteAction._validate_action_result,
            "RemoteAction._action_call_format": RemoteAction._action_call_format,
            "EndpointConfig.session": EndpointConfig.session,
            "Event.resolve_by_type": Event.__dict__["resolve_by_type"],
            "DialogueStateTracker.applied_events": DialogueStateTracker.applied_events,
            "DialogueStateTracker.past_states": DialogueStateTracker.past_states,
            "MessageProcessor.handle_message": MessageProcessor.handle_message}

before = rasa_methods()
out = {}
for name in ["fast_model_load", "action_response_check", "request_json", "tracker_speedups", "action_failure"]:
    module = importlib.import_module("bot." + name)
    try:
        module.install()
        out[name] = {"refused": None, "patch": module.PATCH, "upstream": module.UPSTREAM}
    except Exception as exc:
        out[name] = {"refused": f"{type(exc).__name__}: {exc}", "patch": module.PATCH, "upstream": module.UPSTREAM}
from rasa.shared.core.domain import Domain
from bot.tracker_cache import CachingSQLTrackerStore, PATCH, UPSTREAM
try:
    store = CachingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=sys.argv[2])
    out["tracker_cache"] = {"refused": None, "limit": store._asb_limit, "patch": PATCH, "upstream": UPSTREAM}
except Exception as exc:
    out["tracker_cache"] = {"refused": f"{type(exc).__name__}: {exc}", "patch": PATCH, "upstream": UPSTREAM}
out["changed"] = sorted(k for k, v in rasa_methods().items() if before[k] is not v)
print("RESULT " + json.dumps(out))
'''

PATCHES = ["fast_model_load", "action_response_check", "request_json", "tracker_speedups", "action_failure",
           "tracker_cache"]


def _run(tmp_path, version: str, **env) -> tuple[dict, str]:
    proc = subprocess.run([sys.executable, "-c", SCRIPT, version, str(tmp_path / "t.db")], cwd=ROOT,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONPATH": str(ROOT),
                               "ASB_ALLOW_UNTESTED_RASA": "", **env})
    line = [l for l in proc.stdout.splitlines() if l.startswith("RESULT ")]
    assert line, proc.stderr[-3000:]
    return json.loads(line[0][len("RESULT "):]), proc.stderr


def test_another_rasa_version_is_refused_by_every_patch(tmp_path):
    out, _ = _run(tmp_path, "3.6.20")
    for name in PATCHES:
        refused = out[name]["refused"]
        assert refused and refused.startswith("UntestedRasaVersion"), (name, refused)
        assert out[name]["patch"] in refused and "3.6.20" in refused and "3.6.21" in refused
        assert "ASB_ALLOW_UNTESTED_RASA=1" in refused and out[name]["upstream"] in refused
    assert out["changed"] == []


def test_allowed_untested_rasa_runs_without_the_patches_and_says_so(tmp_path):
    out, log = _run(tmp_path, "3.7.0", ASB_ALLOW_UNTESTED_RASA="1")
    assert all(out[name]["refused"] is None for name in PATCHES)
    assert out["changed"] == []  # Rasa's own methods, every one
    assert out["tracker_cache"]["limit"] == 0  # Rasa's own save and retrieve
    for name in PATCHES:
        assert f"{out[name]['patch']} skipped: tested with Rasa 3.6.21, found 3.7.0" in log


def test_the_tested_version_installs_every_patch(tmp_path):
    out, _ = _run(tmp_path, "3.6.21")
    assert all(out[name]["refused"] is None for name in PATCHES)
    assert len(out["changed"]) == 9 and out["tracker_cache"]["limit"] > 0


@pytest.mark.parametrize("name", PATCHES)
def test_each_patch_names_what_it_stands_in_for(name):
    import importlib

    module = importlib.import_module(f"bot.{name}")
    assert module.PATCH.startswith(f"bot/{name}.py (")
    assert "RasaHQ/" in module.UPSTREAM or module.UPSTREAM.startswith("no upstream issue")
