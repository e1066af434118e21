"""The closed loop against an in-process channel (no sockets): each person waits for the reply before
the next message, starts a new sender per conversation, and failures end a conversation."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field

from bench.load.generator import TurnFailed, run_level
from bench.load.people import StockScript
from bench.load.replies import Reply


@dataclass
class FakeChannel:
    delay_s: float = 0.01
    fail_every: int = 0  # every n-th turn fails with a 500
    in_flight: dict[str, int] = field(default_factory=dict)
    senders: list[str] = field(default_factory=list)
    calls: int = 0
    max_in_flight_per_sender: int = 0

    def new_sender(self) -> str:
        self.senders.append(f"s{len(self.senders)}")
        return self.senders[-1]

    async def turn(self, session: object, sender: str, text: str) -> Reply:
        self.calls += 1
        self.in_flight[sender] = self.in_flight.get(sender, 0) + 1
        self.max_in_flight_per_sender = max(self.max_in_flight_per_sender, self.in_flight[sender])
        await asyncio.sleep(self.delay_s)
        self.in_flight[sender] -= 1
        if self.fail_every and self.calls % self.fail_every == 0:
            raise TurnFailed("status 500")
        return Reply(("ok",))


def _scripts(person: int, conversation: int) -> StockScript:
    return StockScript(random.Random(person * 100 + conversation), path=["greet", "mood_great", "goodbye"])


def test_closed_loop_one_message_in_flight_per_person() -> None:
    channel = FakeChannel()
    run = asyncio.run(run_level(channel, _scripts, people=3, warmup_s=0.05, seconds=0.4))
    answered = [t for t in run.log.turns if t[2] is None]
    assert channel.max_in_flight_per_sender == 1
    # at most 3 people x 0.4 s / 10 ms, counted in the window only (no lower bound: a busy machine)
    assert 3 <= len(answered) <= 130
    assert len(run.log.completed) >= len(answered) // 3 - 3  # three turns a conversation
    assert len(channel.senders) >= len(run.log.completed)  # a new sender for every conversation
    assert all(t[1] >= 9.0 for t in answered)  # a 10 ms reply; the loop's clock may wake 1 ms early


def test_failures_are_counted_and_end_the_conversation() -> None:
    channel = FakeChannel(fail_every=2)
    run = asyncio.run(run_level(channel, _scripts, people=1, warmup_s=0.0, seconds=0.3))
    errors = [t for t in run.log.turns if t[2] is not None]
    assert errors and {t[2] for t in errors} == {"status 500"}
    assert run.log.completed == []  # every second turn fails: no conversation gets three turns
    assert len(channel.senders) >= len(errors)
