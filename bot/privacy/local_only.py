"""Nothing leaves the machine: Rasa's telemetry and error reporting off in every process.

Rasa 3.6 sends usage events to its analytics service when the user's Rasa config
(`~/.config/rasa/global.yml`, `metrics: enabled: true`) says so, and its command line
always initialises error reporting to Rasa's service with a key shipped in the wheel,
whatever the telemetry setting. A police system sends nothing anywhere it wasn't told to.
"""

from __future__ import annotations

from shared.process_env import TELEMETRY_ENV
from shared.settings import export_all

TESTED_RASA = ("3.6.",)


def keep_local() -> None:
    """Call before Rasa's command line starts (bot.rasa_cli, bot.rasa_server)."""
    export_all(TELEMETRY_ENV)
    import rasa
    import rasa.telemetry

    # rasa/__main__.py calls rasa.telemetry.initialize_error_reporting() on every command;
    # it installs an excepthook that ships exceptions to Rasa's Sentry project and never
    # consults the telemetry setting. There is no option for it, so it is replaced; a Rasa
    # upgrade must re-check rasa/__main__.py (hence the version guard).
    if not rasa.__version__.startswith(TESTED_RASA):
        raise RuntimeError(
            f"bot/privacy/local_only.py was checked against Rasa {TESTED_RASA}, not "
            f"{rasa.__version__}: re-read rasa/__main__.py and rasa/telemetry.py first"
        )
    if not callable(getattr(rasa.telemetry, "initialize_error_reporting", None)):
        raise RuntimeError("rasa.telemetry.initialize_error_reporting is gone: re-check error reporting")
    rasa.telemetry.initialize_error_reporting = _no_error_reporting


def _no_error_reporting() -> None:
    """Stands in for rasa.telemetry.initialize_error_reporting: report nothing outside."""
