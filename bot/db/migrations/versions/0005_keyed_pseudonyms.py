"""keyed pseudonyms (HMAC), inbound_messages processing state and key, health_checks

- inbound_messages: `conversation_key` (erasure finds a person's provider ids), `state`
  ('processing' | 'done'; rows from before are done) and `owner` (the Rasa instance that claimed it).
- health_checks: the row /health rewrites to prove the database takes writes.
- Conversation keys were a bare SHA-256 of the sender id, which anyone can reverse for phone
  numbers by trying them all. They become HMAC-SHA256 with the pseudonym key (bot/secrets.py). Rows
  of every sender id still known (Rasa's `events`, `tickets.sender_id`) are re-keyed; rows whose
  key matches no known sender belong to erased or purged conversations and are deleted.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

import hashlib
import hmac

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

KEYED_TABLES = ("consents", "tickets", "channel_contacts", "outbound_failures")


def _pseudonym_key() -> bytes:
    # Imported here so that loading the revision (e.g. `alembic history`) needs no configuration.
    from bot.secrets import secret
    from bot.settings import get_settings

    return secret(get_settings(), "pseudonym_key").encode("utf-8")


def _sha256(sender_id: str) -> str:
    return hashlib.sha256(sender_id.encode("utf-8")).hexdigest()


def _hmac(key: bytes, sender_id: str) -> str:
    return hmac.new(key, sender_id.encode("utf-8"), hashlib.sha256).hexdigest()


def _known_senders(bind: sa.engine.Connection) -> set[str]:
    senders = set(bind.execute(sa.text("SELECT DISTINCT sender_id FROM tickets")).scalars())
    if sa.inspect(bind).has_table("events"):  # Rasa's tracker store; absent before its first turn
        senders |= set(bind.execute(sa.text("SELECT DISTINCT sender_id FROM events")).scalars())
    senders.discard(None)
    return senders


def _rekey(bind: sa.engine.Connection, mapping: dict[str, str], delete_unknown: bool) -> None:
    """Replace every key found in `mapping`; delete the rows of any other key unless it is already
    one of the new keys (a rerun) or `delete_unknown` is false."""
    targets = set(mapping.values())
    for table in KEYED_TABLES:
        found = bind.execute(sa.text(f"SELECT DISTINCT conversation_key FROM {table}")).scalars().all()
        updates = [{"old": k, "new": mapping[k]} for k in found if k in mapping and mapping[k] != k]
        orphans = [{"old": k} for k in found if k not in mapping and k not in targets]
        if updates:
            bind.execute(
                sa.text(f"UPDATE {table} SET conversation_key = :new WHERE conversation_key = :old"),
                updates,
            )
        if orphans and delete_unknown:
            bind.execute(sa.text(f"DELETE FROM {table} WHERE conversation_key = :old"), orphans)


def upgrade() -> None:
    with op.batch_alter_table("inbound_messages") as batch:
        batch.add_column(sa.Column("conversation_key", sa.String(64), nullable=True))
        batch.add_column(sa.Column("state", sa.String(16), nullable=False, server_default="done"))
        batch.add_column(sa.Column("owner", sa.String(64), nullable=True))
        batch.create_index("ix_inbound_messages_conversation_key", ["conversation_key"])
    op.create_table(
        "health_checks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    )
    bind = op.get_bind()
    key = _pseudonym_key()
    mapping = {_sha256(s): _hmac(key, s) for s in _known_senders(bind)}
    _rekey(bind, mapping, delete_unknown=True)


def downgrade() -> None:
    # Back to the SHA-256 keys the older code computes (rows of unknown senders were deleted).
    bind = op.get_bind()
    key = _pseudonym_key()
    _rekey(bind, {_hmac(key, s): _sha256(s) for s in _known_senders(bind)}, delete_unknown=False)
    op.drop_table("health_checks")
    with op.batch_alter_table("inbound_messages") as batch:
        batch.drop_index("ix_inbound_messages_conversation_key")
        batch.drop_column("owner")
        batch.drop_column("state")
        batch.drop_column("conversation_key")
