"""Rasa's SQL tracker store table, for tests of our code that reads or erases it without Rasa."""

from __future__ import annotations

import sqlalchemy as sa

from bot.db.engine import get_engine


def create_events_table(url: str) -> None:
    """The columns of Rasa's `events` table that our code uses (the transcript, erasure, purge)."""
    with get_engine(url).begin() as connection:
        connection.execute(
            sa.text(
                "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT,"
                " timestamp REAL, intent_name TEXT, action_name TEXT, data TEXT)"
            )
        )
