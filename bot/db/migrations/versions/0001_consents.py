"""consents: who was shown the consent notice, when, in which language

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_key", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("notice_version", sa.String(32), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_consents_conversation_key", "consents", ["conversation_key"])


def downgrade() -> None:
    op.drop_index("ix_consents_conversation_key", table_name="consents")
    op.drop_table("consents")
