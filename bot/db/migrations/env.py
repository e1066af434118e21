"""Alembic environment: runs our migrations against the configured database, ignoring Rasa's tables."""

from __future__ import annotations

from alembic import context

from bot.db.engine import get_engine
from bot.db.tables import metadata
from bot.settings import get_settings

config = context.config
database_url = config.attributes.get("database_url") or get_settings().database_url


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    # Rasa's SQL tracker store owns `events`; autogenerate must not propose dropping it.
    return not (type_ == "table" and reflected and compare_to is None)


with get_engine(database_url).connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=include_object,
        version_table="assistant_alembic_version",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
