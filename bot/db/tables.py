"""Table definitions for our own data. Alembic migrations in migrations/versions create them."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# One row each time a person is shown the consent notice. The conversation key is a hash of the
# channel's sender id, so this table holds no phone numbers.
consents = sa.Table(
    "consents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("conversation_key", sa.String(64), nullable=False, index=True),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("notice_version", sa.String(32), nullable=False),
    sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
)
