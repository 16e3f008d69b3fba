"""A Rasa-server stand-in for tests that need the operator console and the residents' socket.io
channel but no model: their blueprints on a bare Sanic app, registered the way Rasa registers
channels (rasa.core.channels.channel.register). `python console_only_server.py PORT`; the
databases come from the environment (ASB_HANDOFF_DB, ASB_ENDED_SESSIONS_DB or
ASB_DATABASE_URL), as in the product. A message gets no answer: there is no agent."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from rasa.core.channels.channel import register  # noqa: E402
from sanic import Sanic, response  # noqa: E402

from bot.channels.socketio import SafeSocketIOInput  # noqa: E402
from bot.console.channel import ConsoleInput  # noqa: E402


def main(port: int) -> None:
    app = Sanic("console_only")
    socket = SafeSocketIOInput(user_message_evt="user_uttered", bot_message_evt="bot_uttered",
                               socketio_path="/socket.io")
    register([ConsoleInput(), socket], app, "/webhooks/")

    @app.get("/health")
    async def health(_request):
        return response.json({"status": "ok"})

    app.run(host="127.0.0.1", port=port, workers=1, access_log=False)


if __name__ == "__main__":
    main(int(sys.argv[1]))
