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
conversations, the least recently saved leave first.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasa.shared.core.trackers import DialogueStateTracker


@dataclass(frozen=True)
class Stamp:
    """What the database holds of a conversation's current session."""

    count: int
    last_id: int | None


class TrackerCache:
    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[str, tuple[Stamp, DialogueStateTracker]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def take(self, sender_id: str) -> tuple[Stamp, DialogueStateTracker] | None:
        """The kept tracker of this conversation and its stamp, no longer kept."""
        return self._entries.pop(sender_id, None)

    def keep(self, sender_id: str, stamp: Stamp, tracker: DialogueStateTracker) -> None:
        if self.size <= 0:
            return
        self._entries.pop(sender_id, None)
        self._entries[sender_id] = (stamp, tracker)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def drop(self, sender_id: str) -> None:
        self._entries.pop(sender_id, None)
