"""A Rasa-server stand-in for tests that need the operator console and nothing else (no model):
the console's blueprint on a bare Sanic app. `python console_only_server.py PORT`; its
databases come from the environment (ASB_HANDOFF_DB or ASB_DATABASE_URL), as in the product."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sanic import Sanic, response  # noqa: E402

from bot.console.channel import ConsoleInput  # noqa: E402


async def _no_messages(*_args, **_kwargs) -> None:
    return None


def main(port: int) -> None:
    app = Sanic("console_only")
    app.blueprint(ConsoleInput().blueprint(_no_messages))

    @app.get("/health")
    async def health(_request):
        return response.json({"status": "ok"})

    app.run(host="127.0.0.1", port=port, workers=1, access_log=False)


if __name__ == "__main__":
    main(int(sys.argv[1]))
