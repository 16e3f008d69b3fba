"""For whoever tries several instances on one machine: `make run-scaled` starts PostgreSQL,
Redis and HAProxy in front of two Rasa servers, two action servers and two delivery workers
(launcher/scaled/stack.py), training first if needed, and prints where to talk to it.

The balancer takes the single instance's address (ASB_RASA_PORT, 5005), so the demo page,
the console and the REST examples of the README work unchanged. Data: the PostgreSQL cluster
in ASB_SCALED_PG_DIR (var/scaled/postgres; as root, a folder in the system's temporary directory
owned by the `postgres` user, who cannot enter var/), kept between runs. Ctrl-C or SIGTERM stops everything.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import tempfile
from pathlib import Path

from launcher.lifetime import die_with_parent
from launcher.scaled.daemons import DaemonFailed
from launcher.scaled.stack import INSTANCES, ScaledPorts, public_ports_in_use, scaled_stack
from launcher.supervisor import ServiceFailed
from launcher.training import ensure_model
from shared import settings as env
from shared.secret_files import made_once
from shared.settings import ROOT, Settings


def postgres_dir(settings: Settings) -> Path:
    given = env.scaled_pg_dir()
    if given:
        return given
    if os.geteuid() == 0:  # the server runs as `postgres`, who cannot enter var/ (0700)
        tag = hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]
        return Path(tempfile.gettempdir()) / f"asb-scaled-postgres-{tag}"
    return settings.var_dir / "scaled" / "postgres"


def main() -> int:
    die_with_parent(parent=os.getppid())
    settings = Settings()
    taken = public_ports_in_use(settings, settings.rasa_port, env.webchat_port())
    if taken:
        print(f"Could not start: port(s) {', '.join(map(str, taken))} already in use "
              "(is `make run` still running? ASB_RASA_PORT, ASB_WEBCHAT_PORT, ASB_CASE_SYSTEM_PORT move them)",
              file=sys.stderr)
        return 1
    model = ensure_model()
    secret = env.session_secret() or made_once(settings.var_dir / "session-secret")
    ports = ScaledPorts.choose(settings.rasa_port)

    def _stop(signum, _frame):  # noqa: ANN001 - signal handler signature
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    try:
        with scaled_stack(settings, model, ports, secret, settings.var_dir / "scaled",
                          postgres_dir=postgres_dir(settings)) as scaled:
            from shared.handoff.operators import Operators

            Operators(scaled.env["ASB_DATABASE_URL"], file=settings.operators_file).ensure_first_operator()
            first_password = settings.operators_file.with_name("operator-initial-password")
            base = scaled.url
            print(
                f"\nThe ASB Case Review assistant is running as {INSTANCES} instances behind HAProxy.\n"
                f"  balancer (REST, socket.io, console): {base}\n"
                + "".join(f"  Rasa server {i + 1}: {scaled.instance_url(i)}\n" for i in range(INSTANCES))
                + f"  demo page: http://{settings.host}:{env.webchat_port()}/\n"
                f"  operator console: {base}/console/"
                + (f" (login 'operator', password in {first_password})\n" if first_password.exists() else "\n")
                + f"  PostgreSQL: {scaled.env['ASB_DATABASE_URL']}  Redis: 127.0.0.1:{ports.redis}\n"
                "Press Ctrl-C to stop everything.\n",
                flush=True,
            )
            scaled.supervisor.watch()
        return 0
    except (ServiceFailed, DaemonFailed) as exc:
        print(f"Could not start: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping…", flush=True)
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
