"""Rasa's own command line (`python -m bot.rasa_cli train|test|data validate ...`) with
nothing sent outside the machine (bot/privacy/local_only.py).

Every Rasa command the project runs goes through here or through bot.rasa_server.
"""

from __future__ import annotations

import sys

from bot.privacy.local_only import keep_local


def main() -> None:
    keep_local()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
