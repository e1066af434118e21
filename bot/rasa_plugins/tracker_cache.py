"""Trackers kept in memory between a conversation's turns, used only while the database agrees.

Rasa rebuilds a conversation's tracker from every stored event of its session on every turn:
the query, one JSON document per event, one event object each, every event applied again. That
was a fifth of Rasa's CPU per turn (issue 11). Here the tracker a turn saved is kept, with a
`Stamp` of what the database then held for the session (how many events, the highest id); the
next turn takes it back only if one aggregate query finds the same stamp. Anything written or
deleted meanwhile by anyone (another Rasa instance, the retention purge, an erasure, the console)
changes the count or the highest id, and the tracker is read from the database as before.

A tracker is handed out once (`take` removes it): a turn that fails before saving leaves nothing
behind, and its half-applied events are never seen again. The cache holds at most `size`
conversations, the least recently saved leave first, and none saved more than MAX_AGE_S ago:
a conversation erased or purged elsewhere does not linger in Rasa's memory beyond that (it
leaves at the next save of any conversation, or when its own next turn finds the stamp changed).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasa.shared.core.trackers import DialogueStateTracker

MAX_AGE_S = 15 * 60


@dataclass(frozen=True)
class Stamp:
    """What the database holds of a conversation's current session."""

    count: int
    last_id: int | None


class TrackerCache:
    def __init__(self, size: int, max_age_s: float = MAX_AGE_S) -> None:
        self.size = size
        self.max_age_s = max_age_s
        # sender id -> (when it was saved, its stamp, its tracker), the oldest first
        self._entries: OrderedDict[str, tuple[float, Stamp, DialogueStateTracker]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def take(self, sender_id: str) -> tuple[Stamp, DialogueStateTracker] | None:
        """The kept tracker of this conversation and its stamp, no longer kept."""
        entry = self._entries.pop(sender_id, None)
        if entry is None or time.monotonic() - entry[0] > self.max_age_s:
            return None
        return entry[1], entry[2]

    def keep(self, sender_id: str, stamp: Stamp, tracker: DialogueStateTracker) -> None:
        self._entries.pop(sender_id, None)
        now = time.monotonic()
        if self.size > 0:
            self._entries[sender_id] = (now, stamp, tracker)
        while self._entries and (
            len(self._entries) > self.size or now - next(iter(self._entries.values()))[0] > self.max_age_s
        ):
            self._entries.popitem(last=False)

    def drop(self, sender_id: str) -> None:
        self._entries.pop(sender_id, None)
