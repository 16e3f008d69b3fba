"""One storage layer for the project's own data (issue 18): SQLAlchemy Core on SQLite files
(the embedded default) or PostgreSQL (by URL), schemas kept by Alembic migrations.

- ``database(location, component)``: the engine for a path or URL, its component's tables
  upgraded to the newest migration the first time this process opens it (engine.py).
- ``writing`` / ``reading``: a transaction; on SQLite a writing one takes the write lock at
  BEGIN (``BEGIN IMMEDIATE``), so two writers queue instead of failing halfway.
- ``blocking`` / ``blocking_within``: run a store call in a worker thread from async code
  (the second with a time limit); nothing here may run on an event loop.
"""

from shared.storage.engine import Database, blocking, blocking_within, is_url, reading, upsert, url_for, writing
from shared.storage.migrate import database, forget

__all__ = ["Database", "blocking", "blocking_within", "database", "forget", "is_url", "reading", "upsert", "url_for", "writing"]
