"""``python -m webchat --host 127.0.0.1 --port 8080``: the demo page and the widget."""

from __future__ import annotations

import argparse

from webchat.server import run
from shared.settings import host, webchat_port


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m webchat", description=__doc__)
    parser.add_argument("--host", default=host())
    parser.add_argument("--port", type=int, default=webchat_port())
    args = parser.parse_args()
    print(f"Webchat demo page: http://{args.host}:{args.port}/", flush=True)
    run(args.host, args.port)


if __name__ == "__main__":
    main()
