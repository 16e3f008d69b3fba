"""`python -m case_system --host 127.0.0.1 --port 5080` — the bundled reference case system."""

from __future__ import annotations

import argparse
import logging

from aiohttp import web

from case_system.app import config_from_env, make_app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m case_system")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5080)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    cfg = config_from_env()
    logging.getLogger("case_system").info("case system on http://%s:%d, database %s", args.host, args.port, cfg.db)
    # No aiohttp access log: paths are fine, but our own lines say what matters without query strings.
    web.run_app(make_app(cfg), host=args.host, port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
