"""``python -m webchat --host 127.0.0.1 --port 8080``: the demo page and the widget."""

from __future__ import annotations

import argparse
import os

from webchat.server import run


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m webchat", description=__doc__)
    parser.add_argument("--host", default=os.environ.get("ASB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("ASB_WEBCHAT_PORT", "8080")))
    args = parser.parse_args()
    print(f"Webchat demo page: http://{args.host}:{args.port}/", flush=True)
    run(args.host, args.port)


if __name__ == "__main__":
    main()
