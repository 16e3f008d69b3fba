"""For whoever runs the product: `make run` trains if needed, starts every service and prints where to talk to it.

Ctrl-C, SIGTERM or the death of its parent stops every process this started; a service
that stops on its own is started again with back-off (launcher/supervisor.py).
"""

from __future__ import annotations

import os
import signal
import sys

from launcher.lifetime import die_with_parent
from launcher.services import full_product, service_env
from shared import settings as env
from shared.settings import Settings
from launcher.supervisor import ServiceFailed, Supervisor, check_ports_free
from launcher.training import ensure_model, model_path


def main() -> int:
    die_with_parent(parent=os.getppid())  # killed `make run` (even SIGKILL) takes us with it
    settings = Settings()
    try:
        # Before training or loading anything: a taken port fails in seconds.
        check_ports_free(full_product(settings, model_path()))
    except ServiceFailed as exc:
        print(f"Could not start: {exc}", file=sys.stderr)
        return 1
    model = ensure_model()
    supervisor = Supervisor(service_env(settings))
    from shared.handoff.operators import Operators

    # A first run gets one operator so the console can be tried; deployers add their own.
    Operators(settings.handoff_location, file=settings.operators_file).ensure_first_operator()
    first_password = settings.operators_file.with_name("operator-initial-password")
    sign_in = (f"login 'operator', password in {first_password}" if first_password.exists()
               else "sign in as an operator you added")

    def _stop(signum, _frame):  # noqa: ANN001 - signal handler signature
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    try:
        supervisor.start_all(full_product(settings, model))
        base = f"http://{settings.host}:{settings.rasa_port}"
        print(
            "\nThe ASB Case Review assistant is running.\n"
            f"  REST channel:      POST {base}/webhooks/rest/webhook\n"
            f"                     e.g. curl -s {base}/webhooks/rest/webhook "
            "-H \"Authorization: Bearer $(cat var/rasa-api-token)\" "
            "-H 'Content-Type: application/json' -d '{\"sender\":\"me\",\"message\":\"hello\"}'\n"
            f"  socket.io channel: {base}/socket.io\n"
            f"  demo page with the chat widget: http://{settings.host}:{env.webchat_port()}/\n"
            f"  reference case system: http://{settings.host}:{env.case_system_port()}/applications\n"
            f"  operator console:  {base}/console/  ({sign_in}; add operators with "
            "`.venv/bin/python -m shared.handoff.operators add NAME`)\n"
            f"  operator hours:    {env.operator_hours()} "
            f"({env.timezone_name()})\n"
            f"  Rasa HTTP API token: in {settings.var_dir / 'rasa-api-token'} (server side only)\n"
            f"  Started in: "
            + ", ".join(f"{k} {v:.1f} s" for k, v in supervisor.ready_seconds.items())
            + "\nPress Ctrl-C to stop everything.\n",
            flush=True,
        )
        supervisor.watch()  # restarts a service that stops; returns only on Ctrl-C / SIGTERM
        return 0
    except ServiceFailed as exc:
        print(f"Could not start: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping…", flush=True)
        return 0
    finally:
        supervisor.stop()


if __name__ == "__main__":
    raise SystemExit(main())
