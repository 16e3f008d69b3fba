"""`python -m purge.service` - the scheduled purge `make run` starts.

Applies the retention policy (purge/retention.py) ``ASB_PURGE_FIRST_AFTER_S`` seconds
after start (default 60: off the start-up path, where the Rasa server loads its model) and then
every ``ASB_PURGE_EVERY_S`` seconds (default 3600), and answers ``GET /health`` on
``ASB_PURGE_HEALTH_PORT`` (default 5082) with when it last ran and what it removed (counts).
A failed pass is logged by its error type and tried again at the next one.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import time
from typing import Any, Optional

from aiohttp import web

from purge.once import run_once
from shared import settings as env

log = logging.getLogger("asb.privacy")
PASS_TIMEOUT_S = 600.0


class Schedule:
    def __init__(self, every_s: float, first_after_s: float = 0.0) -> None:
        self.every_s = every_s
        self.first_after_s = first_after_s
        self.last_run: Optional[float] = None
        self.last_result: Optional[str] = None
        self.last_error: Optional[str] = None
        self.stopping = asyncio.Event()

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self.stopping.wait(), seconds)
        except asyncio.TimeoutError:
            pass

    async def run(self) -> None:
        await self._sleep(self.first_after_s)
        while not self.stopping.is_set():
            try:
                result = await asyncio.wait_for(asyncio.to_thread(run_once), PASS_TIMEOUT_S)
                self.last_result, self.last_error = str(result), None
                log.info("%s", result)
            except Exception as exc:  # noqa: BLE001 - the next pass tries again
                self.last_error = type(exc).__name__
                log.error("purge failed: %s", self.last_error)
            self.last_run = time.time()
            await self._sleep(self.every_s)

    async def health(self, _: web.Request) -> web.Response:
        return web.json_response({"status": "ok", "every_s": self.every_s, "last_run": self.last_run,
                                  "last_result": self.last_result, "last_error": self.last_error})


async def amain(schedule: Schedule, host: str, port: int) -> int:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, schedule.stopping.set)
    app = web.Application()
    app.router.add_get("/health", schedule.health)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    try:
        await schedule.run()
    finally:
        await runner.cleanup()
    return 0


def main(argv: Optional[list[Any]] = None) -> int:
    logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(asctime)s purge %(levelname)s %(message)s")
    schedule = Schedule(env.purge_every_s(), env.purge_first_after_s())
    return asyncio.run(amain(schedule, env.host(), env.purge_health_port()))


if __name__ == "__main__":
    raise SystemExit(main())
