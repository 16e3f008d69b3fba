"""Start Rasa's command line with the project's privacy settings in place.

``python -m bot.rasa_server run ...`` behaves like ``rasa run ...`` but redacts
conversation content from structured logs and refuses DEBUG logging (which prints every
message) unless ``ASB_ALLOW_CONTENT_IN_LOGS=1``.
"""

from __future__ import annotations

import os
import sys

from bot.privacy.redact import install, safe_log_level


def main() -> None:
    os.environ["LOG_LEVEL"] = safe_log_level(os.environ.get("LOG_LEVEL"))
    argv = [a for a in sys.argv[1:] if a not in ("-v", "--verbose", "-vv", "--debug")]
    install()
    if os.environ.get("ASB_FAST_MODEL_LOAD", "1") != "0":
        # Serving needs no training step to build the weights (tests/infra/test_fast_model_load.py).
        from bot.fast_model_load import install as install_fast_load

        install_fast_load()
    from bot.action_response_check import install as install_response_check

    install_response_check()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    main()
