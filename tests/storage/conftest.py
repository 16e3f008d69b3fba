"""The store tests run on SQLite and PostgreSQL: the fixtures are tests/pg_cluster.py's."""

from pg_cluster import location, postgres_server  # noqa: F401 - fixtures
