"""Alembic's environment: always given a connection (shared/storage/migrate.py), never a URL."""

from alembic import context

from shared.storage.migrate import version_table

config = context.config
context.configure(connection=config.attributes["connection"],
                  version_table=version_table(config.attributes["component"]),
                  target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
