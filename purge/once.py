"""`python -m purge.once` - apply the retention policy once (purge/retention.py).

Reads the same configuration as the running product (endpoints.yml through ASB_ENDPOINTS,
ASB_VAR_DIR, ASB_OUTBOX_DB, ASB_HANDOFF_DB, ...), so it can run beside it. `make run` also runs
it on a schedule (purge/service.py). Prints counts only, never content.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any, Optional, Tuple

from shared.settings import Settings, export_default


def open_stores(settings: Optional[Settings] = None) -> Tuple[Any, Any, Any]:
    """The tracker store endpoints.yml names, the handoff store and the ended sessions."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    from shared.handoff.store import HandoffStore
    from shared.privacy.ended_sessions import EndedSessions
    from shared.process_env import service_env

    settings = settings or Settings()
    # endpoints.yml interpolates variables `make run` sets; run by hand, take the same values.
    for name, value in service_env(settings).items():
        export_default(name, value)
    config = read_endpoint_config(str(settings.endpoints), "tracker_store")
    # The project's store is Rasa's SQL store with a cache and erasing in the Rasa server; the purge
    # needs only its table, so Rasa's own class opens either.
    kinds = {"sql": SQLTrackerStore, "bot.privacy.erasing_store.erasingsqltrackerstore": SQLTrackerStore}
    kind = kinds.get(str(getattr(config, "type", "")).lower())
    if kind is None:
        raise SystemExit(f"the purge works on an SQL tracker store; {settings.endpoints} configures "
                         f"{getattr(config, 'type', None)!r}")
    store = kind(host=config.url, **config.kwargs)
    return store, HandoffStore(settings.handoff_location), EndedSessions(settings.ended_sessions_location)


def run_once(settings: Optional[Settings] = None) -> Any:
    from purge.retention import purge

    settings = settings or Settings()
    store, handoff, ended = open_stores(settings)
    try:
        return purge(store, settings.outbox_location, handoff, ended)
    finally:
        ended.close()
        store.engine.dispose()


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m purge.once", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    print(run_once())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
