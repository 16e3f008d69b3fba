"""The environment every process of the product shares: endpoints.yml interpolates these, and
the purge run by hand takes the same values `make run` gives its children."""

from __future__ import annotations

import os

from shared.privacy.file_modes import secure_var_dir
from shared.settings import ROOT, Settings, pythonpath

# Rasa reads this before its config file (rasa/telemetry.py): no usage events leave the machine
# from any process (bot/privacy/local_only.py also turns off Rasa's error reporting).
TELEMETRY_ENV = {"RASA_TELEMETRY_ENABLED": "false"}


def service_env(settings: Settings) -> dict[str, str]:
    """Environment shared by every process: endpoints.yml interpolates these."""
    secure_var_dir(settings.var_dir)  # 0700/0600, for this process and every child it starts
    return {
        "ASB_ACTION_ENDPOINT_URL": settings.action_endpoint_url,
        # Sent by the Rasa server, checked by the action server (endpoints.yml, actions/server.py);
        # in the environment (readable only by this user), never on a command line.
        "ASB_ACTION_SERVER_TOKEN": settings.action_server_token(),
        "ASB_TRACKER_DB": str(settings.tracker_db),
        "ASB_OUTBOX_DB": str(settings.outbox_db),
        "ASB_HANDOFF_DB": str(settings.handoff_db),
        "ASB_OPERATORS_FILE": str(settings.operators_file),
        "ASB_ENDED_SESSIONS_DB": str(settings.ended_sessions_db),
        "ASB_VAR_DIR": str(settings.var_dir),
        "PYTHONPATH": str(ROOT) + os.pathsep + pythonpath(),
        # Rasa's SQLAlchemy 1.4 warns on every start; the warning carries no information here.
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        **TELEMETRY_ENV,  # nothing leaves the machine, in every process (TELEMETRY_ENV above)
    }
