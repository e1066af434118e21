"""job_leases and kb_reloads: what several instances of each process agree on through the database

- job_leases: one row per scheduled job (the retention purge); the instance that takes the lease
  runs the job, the others skip it until the lease expires (bot/db/leases.py).
- kb_reloads: a single row (id 1) whose generation POST /admin/kb/reload increments; every process
  on every host reloads the knowledge base when it sees a new generation (bot/kb/store.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_leases",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("holder", sa.String(128), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    reloads = op.create_table(
        "kb_reloads",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.bulk_insert(reloads, [{"id": 1, "generation": 0, "requested_at": None}])


def downgrade() -> None:
    op.drop_table("kb_reloads")
    op.drop_table("job_leases")
