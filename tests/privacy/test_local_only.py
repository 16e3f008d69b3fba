"""Nothing leaves the machine: Rasa's telemetry and error reporting stay off (issue 16.3)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from shared.settings import ROOT

# Runs in a fresh interpreter with a user Rasa config that enables metrics (as found on a
# real machine), and records whether Rasa would send usage events or start Sentry.
PROBE = textwrap.dedent(
    """
    import json, sys
    import sentry_sdk
    calls = []
    sentry_sdk.init = lambda *a, **k: calls.append("sentry")
    if sys.argv[1] == "local":
        from bot.privacy.local_only import keep_local
        keep_local()
    import rasa.telemetry as t
    t.initialize_error_reporting()
    print(json.dumps({"telemetry": t.initialize_telemetry(), "enabled": t.is_telemetry_enabled(),
                      "sentry": calls}))
    """
)


def _probe(mode: str, home) -> dict:
    import json

    config = home / ".config" / "rasa"
    config.mkdir(parents=True)
    (config / "global.yml").write_text(
        "metrics:\n  enabled: true\n  rasa_user_id: 0123456789abcdef\n  date: 2026-12-01 00:00:00\n"
    )
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROBE, mode], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_rasa_alone_would_report_outside(tmp_path):
    # The condition the fix is for: without it, this machine's config turns both on.
    found = _probe("stock", tmp_path)
    assert found["telemetry"] is True and found["sentry"] == ["sentry"]


def test_keep_local_turns_off_telemetry_and_error_reporting(tmp_path):
    found = _probe("local", tmp_path)
    assert found == {"telemetry": False, "enabled": False, "sentry": []}


def test_every_service_and_rasa_command_goes_through_it():
    from launcher.services import service_env
    from shared.settings import Settings

    assert service_env(Settings())["RASA_TELEMETRY_ENABLED"] == "false"
    for module in ("bot/rasa_server.py", "bot/rasa_cli.py"):
        assert "keep_local()" in (ROOT / module).read_text()
    for caller in ("launcher/training.py", "tools/nlu_eval.py", "Makefile", "tests/e2e/test_rasa_tooling.py"):
        text = (ROOT / caller).read_text()
        assert "bot.rasa_cli" in text and '"-m", "rasa"' not in text and "-m rasa " not in text
