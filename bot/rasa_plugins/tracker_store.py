"""Rasa's SQL tracker store, with erasure, honest failures and no values in its error messages.

- A turn that confirmed "delete my data" is not saved: the whole conversation is erased instead
  (bot/privacy.py), in one transaction. If that fails, the error reaches the channel, which tells
  the person it did not happen; the conversation is still waiting for the confirmation.
- The engine hides SQL parameters, so an error logged by anyone never carries a message or id.
- The language of each saved turn is remembered, to apologise in it when a later turn fails.
- Cheaper per turn (issue 11): SQLite connections are pooled; a save appends the events the turn
  added after those it read, in one statement (Rasa counts the stored rows again with a query,
  then inserts row by row through the ORM; under the conversation's lock nobody else writes in
  between); the tracker a turn saved is used again by the next turn while the database still
  holds the same session (bot/rasa_plugins/tracker_cache.py), instead of being rebuilt from
  every stored event.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.inbound import forget, remember_language
from bot.conversation.state import ERASE_SLOT
from bot.db.engine import apply_sqlite_pragmas, sqlite_engine_kwargs
from bot.privacy import erase_conversation
from bot.rasa_plugins.tracker_cache import Stamp, TrackerCache
from bot.settings import get_settings

_LOADED = "_pathways_events_loaded"  # set on a tracker read from the store: how many events it had
_STAMP = "_pathways_stamp"  # and what the database held of its session then (a Stamp)

# The events of a conversation's latest session, as Rasa's `_event_query` selects them (from its
# last `session_started` on, or all of them before there is one), written out once: building that
# ORM query on every turn cost more than running it.
_SESSION = (
    " FROM events e, (SELECT max(timestamp) AS session_start FROM events"
    " WHERE sender_id = :sender AND type_name = 'session_started') s"
    " WHERE e.sender_id = :sender AND (e.timestamp >= s.session_start OR s.session_start IS NULL)"
)
SESSION_EVENTS = sa.text("SELECT e.id, e.data" + _SESSION + " ORDER BY e.id")
SESSION_STAMP = sa.text("SELECT count(e.id), max(e.id)" + _SESSION)
LAST_ID = sa.text("SELECT max(id) FROM events WHERE sender_id = :sender")


class ErasableSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        sqlite = url.get_backend_name() == "sqlite"
        kwargs = sqlite_engine_kwargs() if sqlite else create_engine_kwargs(url)
        self.engine = sa.create_engine(url, hide_parameters=True, **kwargs)
        if sqlite:
            sa.event.listen(self.engine, "connect", apply_sqlite_pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self.cache = TrackerCache(get_settings().tracker_cache_size)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        if fetch_events_from_all_sessions:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        kept = self.cache.take(sender_id)
        with self.session_scope() as session:
            if kept is not None:
                stamp, tracker = kept
                if Stamp(*session.execute(SESSION_STAMP, {"sender": sender_id}).one()) == stamp:
                    return tracker
            rows = session.execute(SESSION_EVENTS, {"sender": sender_id}).all()
        if not rows or not self.domain:
            return None
        tracker = DialogueStateTracker.from_dict(
            sender_id, [json.loads(row.data) for row in rows], self.domain.slots
        )
        setattr(tracker, _LOADED, len(tracker.events))
        setattr(tracker, _STAMP, Stamp(len(rows), rows[-1].id))
        return tracker

    def init_tracker(self, sender_id: str) -> DialogueStateTracker:
        """A new conversation's tracker (Rasa creates one when `retrieve` found no event)."""
        tracker = super().init_tracker(sender_id)
        setattr(tracker, _LOADED, 0)
        setattr(tracker, _STAMP, Stamp(0, None))
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Any:
        loaded = getattr(tracker, _LOADED, None)
        if loaded is None:  # a new conversation, or a tracker built elsewhere: count the rows
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, loaded, len(tracker.events))

    def _row(self, sender_id: str, event: Event) -> dict[str, Any]:
        data = event.as_dict()  # the columns Rasa's own save fills
        intent = (data.get("parse_data") or {}).get("intent") or {}
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": intent.get("name"),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    async def save(self, tracker: DialogueStateTracker) -> None:
        sender_id = tracker.sender_id
        self.cache.drop(sender_id)
        if tracker.get_slot(ERASE_SLOT):
            erase_conversation(get_settings().database_url, sender_id)
            forget(sender_id)
            return
        await self.stream_events(tracker)
        stamp = getattr(tracker, _STAMP, None)
        with self.session_scope() as session:
            events = list(self._additional_events(session, tracker))
            if events:
                table = self.SQLEvent.__table__
                session.execute(table.insert(), [self._row(sender_id, event) for event in events])
            if any(isinstance(event, SessionStarted) for event in events):
                stamp = None  # a new session: what the database returns for it starts there
            elif stamp is not None and events:
                last_id = session.execute(LAST_ID, {"sender": sender_id}).scalar()
                stamp = Stamp(stamp.count + len(events), last_id)
            session.commit()
        setattr(tracker, _LOADED, len(tracker.events))  # saved: a later save appends after these
        setattr(tracker, _STAMP, stamp)
        if stamp is not None:
            self.cache.keep(sender_id, stamp, tracker)
        remember_language(sender_id, tracker.get_slot("language"))
