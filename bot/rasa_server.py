"""Start Rasa's command line with the project's privacy settings and speed-ups in place.

``python -m bot.rasa_server run ...`` (what ``make run`` starts) behaves like ``rasa run ...``
but refuses DEBUG logging (which prints every message) unless ``ASB_ALLOW_CONTENT_IN_LOGS=1``
and installs the patches of Rasa internals below.

What plain ``rasa run`` with the project's endpoints.yml gets as well, through Rasa's supported
extension point, the tracker store (bot/privacy/erasing_store.py): erasing, the tracker cache
and log redaction (bot/privacy/redact.py, switched on when Rasa creates that store). What only
this entry point adds: the patches, each behind bot/rasa_version_guard.py.
"""

from __future__ import annotations

import sys

from bot.privacy.local_only import keep_local
from bot.privacy.redact import safe_log_level
from shared.settings import export, fast_model_load, log_level


def install_speedups(model_load: bool = True, action_check: bool = True, tracker: bool = True) -> None:
    """The patches of Rasa 3.6's internals for speed, each refusing an untested Rasa
    (bot/rasa_version_guard.py) and each with a test showing Rasa's answers are unchanged
    (tests/infra/test_fast_model_load.py, test_action_response_check.py, test_request_json.py,
    test_tracker_speedups.py); the benchmark measures them (bench/profile_turns.py).
    ``action_check`` covers both ends of an action-server call. The tracker cache is not
    here: it is part of the tracker store endpoints.yml names (bot/tracker_cache.py)."""
    if model_load and fast_model_load():
        from bot.fast_model_load import install as install_fast_load

        install_fast_load()  # serving needs no training step to build the weights
    if action_check:
        from bot.action_response_check import install as install_response_check
        from bot.request_json import install as install_request_json

        install_response_check()
        install_request_json()
    if tracker:
        from bot.tracker_speedups import install as install_tracker_speedups

        install_tracker_speedups()


def main() -> None:
    export("LOG_LEVEL", safe_log_level(log_level()))
    argv = [a for a in sys.argv[1:] if a not in ("-v", "--verbose", "-vv", "--debug")]
    keep_local()
    install_speedups()
    from bot.action_failure import install as install_action_failure

    install_action_failure()  # words for the resident when the action server fails or is slow
    from rasa.__main__ import main as rasa_main

    if "--enable-api" in argv and not any(a.startswith(("--auth-token", "-t")) for a in argv):
        # The token is added here, in-process, so `ps` never shows it; "--flag=value" keeps a
        # value starting with "-" from being read as an option.
        from shared.settings import Settings

        argv.append(f"--auth-token={Settings().rasa_api_token()}")
    sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    main()
