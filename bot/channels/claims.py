"""Provider message ids, claimed while a turn runs and marked done only once it was saved.

A webhook retry of a message that was answered is acknowledged and not answered again. A retry of
a message whose turn failed (a crash, a restart, the action server or the NLG down) is processed:
the claim is released when the turn fails, and a claim left behind by a process that died is
taken over by the instance that restarts in its place (same host and port) or after CLAIM_TTL.
"""

from __future__ import annotations

import enum
import os
import socket
import uuid
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.tables import inbound_messages

CLAIM_TTL = timedelta(minutes=5)  # longer than any turn (Rasa's own request timeout is 5 min)
MAX_ID_CHARS = 128


class Claim(enum.Enum):
    NEW = "new"  # ours to process
    DONE = "done"  # answered before: acknowledge, say nothing
    BUSY = "busy"  # another request is processing it right now: ask the provider to retry


_BOOT = uuid.uuid4().hex[:12]  # tells this run of the process from an earlier one that died


def _place() -> str:
    """Where this Rasa instance runs: host and port, the same after a restart in the same place."""
    return f"{socket.gethostname()[:40]}:{os.environ.get('RASA_PORT', '')}"


def instance_name() -> str:
    return f"{_place()}/{_BOOT}"


def claim(database_url: str, provider: str, message_id: str, sender_id: str) -> Claim:
    message_id = message_id[:MAX_ID_CHARS]
    now = datetime.now(timezone.utc)
    where = (inbound_messages.c.provider == provider, inbound_messages.c.message_id == message_id)
    with get_engine(database_url).begin() as connection:
        try:
            with connection.begin_nested():
                connection.execute(
                    inbound_messages.insert().values(
                        provider=provider,
                        message_id=message_id,
                        conversation_key=conversation_key(sender_id),
                        state="processing",
                        owner=instance_name(),
                        received_at=now,
                    )
                )
            return Claim.NEW
        except sa.exc.IntegrityError:
            pass
        row = connection.execute(
            sa.select(inbound_messages.c.state, inbound_messages.c.owner, inbound_messages.c.received_at)
            .where(*where)
            .with_for_update()
        ).one_or_none()
        if row is None:  # released between our insert and our look
            return claim(database_url, provider, message_id, sender_id)
        if row.state == "done":
            return Claim.DONE
        if now - row.received_at < CLAIM_TTL:
            return Claim.BUSY  # being processed, here or by another instance
        connection.execute(
            inbound_messages.update().where(*where).values(owner=instance_name(), received_at=now)
        )
        return Claim.NEW


def release_stale_claims(database_url: str) -> int:
    """At start-up: claims an earlier run in this place held when it died are free again."""
    with get_engine(database_url).begin() as connection:
        return connection.execute(
            inbound_messages.delete().where(
                inbound_messages.c.state == "processing",
                inbound_messages.c.owner.like(f"{_place()}/%"),
                inbound_messages.c.owner != instance_name(),
            )
        ).rowcount


def finish(database_url: str, provider: str, message_id: str, answered: bool) -> None:
    """Done once the turn was saved; released (a retry will be processed) when it failed."""
    where = (
        inbound_messages.c.provider == provider,
        inbound_messages.c.message_id == message_id[:MAX_ID_CHARS],
    )
    with get_engine(database_url).begin() as connection:
        if answered:
            connection.execute(inbound_messages.update().where(*where).values(state="done"))
        else:
            connection.execute(inbound_messages.delete().where(*where))
