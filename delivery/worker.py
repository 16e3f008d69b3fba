"""`python -m delivery.worker` — sends pending applications from the outbox to the case system.

Loop: claim due rows with a lease, send up to CONCURRENCY at once, record each outcome in
its own short transaction. Killed at any point, nothing is lost (the row stays pending and
its lease runs out) and nothing is duplicated (the re-send carries the same Idempotency-Key
and the same bytes, and the case system answers a repeat with the same case reference).

Output lines carry application ids, references, HTTP codes and error codes — never
application content.

Environment (defaults):
  ASB_OUTBOX_DB                  var/outbox.db (ASB_DATABASE_URL: a shared database instead)
  CASE_SYSTEM_URL                http://127.0.0.1:5080
  CASE_SYSTEM_TOKEN              made once into var/case-system-token
  CASE_SYSTEM_SIGNING_SECRET     made once into var/case-system-signing-secret
  ASB_DELIVERY_CONCURRENCY       16       sends in flight at once
  ASB_DELIVERY_POLL_S            1        how often to look for due rows when idle
  ASB_DELIVERY_TIMEOUT_S         30       per request
  ASB_DELIVERY_LEASE_S           2*timeout+30   a crashed claim is due again after this
  ASB_DELIVERY_BACKOFF_BASE_S    5        first retry within 5 s, then 10, 20, … (full jitter)
  ASB_DELIVERY_BACKOFF_CAP_S     3600     never wait more than an hour between tries
  ASB_DELIVERY_CONFIG_PAUSE_S    60       pause after a 401/403 (wrong token/secret)
  ASB_DELIVERY_HEALTH_PORT       5081     GET /health (0 disables)
  ASB_DELIVERY_HEARTBEAT         var/delivery-worker.heartbeat
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import socket
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import aiohttp
import sqlalchemy as sa
from aiohttp import web

from delivery import body as wire
from delivery import client
from shared import settings as env
from shared.case_link import config, contract
from shared.outbox import queue
from shared.storage import blocking

log = logging.getLogger("delivery")


@dataclass
class Settings:
    url: str = field(default_factory=config.url)
    concurrency: int = field(default_factory=env.delivery_concurrency)
    poll_s: float = field(default_factory=env.delivery_poll_s)
    timeout_s: float = field(default_factory=env.delivery_timeout_s)
    lease_s: float = 0.0
    backoff_base_s: float = field(default_factory=env.delivery_backoff_base_s)
    backoff_cap_s: float = field(default_factory=env.delivery_backoff_cap_s)
    config_pause_s: float = field(default_factory=env.delivery_config_pause_s)
    health_port: int = field(default_factory=env.delivery_health_port)
    health_host: str = field(default_factory=env.host)
    heartbeat: Path = field(default_factory=env.delivery_heartbeat)
    db: Optional[str] = None  # a path or a database URL (default: the outbox's, shared/outbox/store.py)

    def __post_init__(self) -> None:
        if not self.lease_s:
            self.lease_s = env.delivery_lease_s(self.timeout_s)
        if self.lease_s <= self.timeout_s:
            raise SystemExit("ASB_DELIVERY_LEASE_S must be longer than ASB_DELIVERY_TIMEOUT_S")


class Worker:
    def __init__(self, settings: Settings):
        self.s = settings
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.conn = queue.connect(settings.db)
        self.token = config.token()
        self.secret = config.signing_secret()
        self.stopping = asyncio.Event()
        self.paused_until = 0.0
        self.last_loop = 0.0
        self.last_beat = 0.0
        self.config_error = False
        self.in_flight: set[asyncio.Task] = set()

    # -- one application ------------------------------------------------------------------
    async def deliver(self, row: dict) -> str:
        app_id, attempt = row["application_id"], row["attempts"]
        try:
            body = wire.wire_body(json.loads(row["payload"]), row["reference"])
        except (ValueError, TypeError):
            body = None
        problems = contract.errors("Application", body) if body is not None else [("payload", "not readable JSON")]
        if problems:  # would be a 400 at the receiver: keep it for staff, do not send it
            field_, message = problems[0]
            await blocking(queue.mark_rejected, self.conn, app_id, self.owner,
                           f"not sent: invalid locally: {field_}: {message}", None)
            log.warning("REJECTED application %s ref %s: invalid locally (%s) - kept for staff", app_id, row["reference"], field_)
            return client.REJECTED
        outcome = await client.send(self.session, self.s.url, self.token, self.secret, app_id, wire.encode(body),
                                    self.s.timeout_s)
        status = outcome.http_status if outcome.http_status is not None else "-"
        if outcome.kind == client.DELIVERED:
            await blocking(queue.mark_delivered, self.conn, app_id, outcome.case_reference, outcome.http_status)
            log.info("delivered application %s ref %s case %s (HTTP %s, attempt %d)",
                     app_id, row["reference"], outcome.case_reference, status, attempt)
            if attempt > 1 and (woken := await blocking(queue.wake_after_recovery, self.conn)):
                log.info("the case system is answering again: %d waiting application(s) are due now", woken)
        elif outcome.kind == client.RETRY:
            delay = queue.backoff(attempt, self.s.backoff_base_s, self.s.backoff_cap_s)
            if outcome.retry_after_s is not None:
                delay = min(max(delay, outcome.retry_after_s), self.s.backoff_cap_s)
            await blocking(queue.mark_retry, self.conn, app_id, self.owner, outcome.error, delay, outcome.http_status)
            log.info("retry application %s (HTTP %s %s, attempt %d), next try in %.1f s",
                     app_id, status, outcome.code, attempt, delay)
        else:
            await blocking(queue.mark_rejected, self.conn, app_id, self.owner, outcome.error, outcome.http_status,
                           outcome.config_error)
            if outcome.config_error:
                self.config_error = True
                self.paused_until = time.monotonic() + self.s.config_pause_s
                log.error("CONFIGURATION ERROR: the case system at %s refused our credentials (HTTP %s %s) for "
                          "application %s; check CASE_SYSTEM_TOKEN and CASE_SYSTEM_SIGNING_SECRET (and CASE_SYSTEM_URL). "
                          "Application kept as rejected; pausing deliveries for %.0f s. After fixing: "
                          "python -m delivery.admin retry --config-errors",
                          self.s.url, status, outcome.code, app_id, self.s.config_pause_s)
            else:
                log.warning("REJECTED application %s ref %s (HTTP %s %s) - kept for staff, not retried",
                            app_id, row["reference"], status, outcome.code)
        return outcome.kind

    # -- the loop -------------------------------------------------------------------------
    def beat(self) -> None:
        self.last_loop = time.monotonic()
        if time.monotonic() - self.last_beat >= 1.0:
            self.last_beat = time.monotonic()
            try:
                self.s.heartbeat.parent.mkdir(parents=True, exist_ok=True)
                tmp = self.s.heartbeat.with_suffix(".tmp")
                tmp.write_text(json.dumps({"pid": os.getpid(), "at": time.time(), "in_flight": len(self.in_flight)}))
                tmp.replace(self.s.heartbeat)
            except OSError as exc:
                log.warning("heartbeat file not written: %s", type(exc).__name__)

    async def run(self, once: bool = False) -> None:
        connector = aiohttp.TCPConnector(limit=self.s.concurrency)
        async with aiohttp.ClientSession(connector=connector) as self.session:
            while not self.stopping.is_set():
                self.beat()
                free = self.s.concurrency - len(self.in_flight)
                claimed: list[dict] = []
                # claim in batches (one transaction for several rows) rather than one row per finished send
                batch_ready = free >= max(1, self.s.concurrency // 4) or not self.in_flight
                if free > 0 and batch_ready and time.monotonic() >= self.paused_until:
                    try:
                        claimed = await blocking(queue.claim, self.conn, self.owner, free, self.s.lease_s)
                    except sa.exc.OperationalError as exc:  # busy/unreachable for now: try again next round
                        log.warning("claim failed: %s", type(exc).__name__)
                    for row in claimed:
                        task = asyncio.create_task(self.deliver(row))
                        self.in_flight.add(task)
                        task.add_done_callback(self.in_flight.discard)
                if once and not self.in_flight and not claimed:
                    return
                waiters = set(self.in_flight) | {asyncio.create_task(self.stopping.wait())}
                done, pending = await asyncio.wait(waiters, timeout=self.s.poll_s, return_when=asyncio.FIRST_COMPLETED)
                for t in pending - self.in_flight:
                    t.cancel()
                for t in done & self.in_flight:
                    if t.exception() is not None:
                        log.error("delivery task failed: %s", type(t.exception()).__name__)
            if self.in_flight:  # a clean stop lets sends finish briefly, then gives the rest back
                await asyncio.wait(self.in_flight, timeout=5)
                for t in self.in_flight:
                    t.cancel()
            released = await blocking(queue.release, self.conn, self.owner)
            log.info("stopped; %d lease(s) given back", released)

    # -- health -----------------------------------------------------------------------------
    async def health(self, request: web.Request) -> web.Response:
        age = time.monotonic() - self.last_loop
        healthy = age < max(30.0, 3 * self.s.poll_s)
        counts = await blocking(queue.counts, self.conn)
        return web.json_response({
            "status": "ok" if healthy else "stalled", "seconds_since_loop": round(age, 1),
            "in_flight": len(self.in_flight), "paused_for_config_error": time.monotonic() < self.paused_until,
            "config_error_seen": self.config_error, "counts": counts,
        }, status=200 if healthy else 503)


async def amain(settings: Settings, once: bool) -> int:
    worker = Worker(settings)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, worker.stopping.set)
    runner = None
    if settings.health_port and not once:
        app = web.Application()
        app.router.add_get("/health", worker.health)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, settings.health_host, settings.health_port).start()
    log.info("delivery worker %s: outbox %s -> %s, %d at once, health %s", worker.owner, worker.conn.url, settings.url, settings.concurrency,
             f"http://{settings.health_host}:{settings.health_port}/health" if runner else "off")
    try:
        await worker.run(once=once)
    finally:
        if runner is not None:
            await runner.cleanup()
        worker.conn.close()
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m delivery.worker", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--once", action="store_true", help="send what is due now, then exit")
    parser.add_argument("--db", help="outbox database, a path or a URL (default ASB_DATABASE_URL or ASB_OUTBOX_DB)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stdout,
                        format="%(asctime)s delivery %(levelname)s %(message)s")
    return asyncio.run(amain(Settings(db=args.db), args.once))


if __name__ == "__main__":
    raise SystemExit(main())
