"""`python -m shared.storage {upgrade,current} [LOCATION]` - the migrations by hand.

Every store upgrades its own tables when it opens a database (SQLite or PostgreSQL), so this
is needed only to migrate ahead of a rollout, or to see where a database is. Without LOCATION,
each component's configured database (ASB_DATABASE_URL or the SQLite files; the case system's
CASE_SYSTEM_DATABASE_URL or CASE_SYSTEM_DB); with one, every component in that database.
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional

from shared import settings
from shared.storage.engine import engine_for
from shared.storage.migrate import COMPONENTS, current, database, head


def configured() -> dict[str, object]:
    return {"outbox": settings.outbox_location(), "handoff": settings.handoff_location(),
            "ended_sessions": settings.ended_sessions_location(), "case_system": settings.case_system_location()}


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shared.storage", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("upgrade", "current"))
    parser.add_argument("location", nargs="?", help="a path or a SQLAlchemy URL (default: the configured ones)")
    args = parser.parse_args(argv)
    where = {c: args.location for c in COMPONENTS} if args.location else configured()
    for component, location in where.items():
        engine = database(location, component).engine if args.command == "upgrade" else engine_for(location)
        print(f"{component:15} {current(engine, component) or '-':22} (head {head(component)})  {engine.url!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
