"""The closed loop: N people at once, each holding whole conversations back to back with no think
time (the next message leaves as soon as the reply is in), a new sender for every conversation.

A level runs a warm-up, then the measured window; only turns that complete inside the window count.
Everything is bounded: turns per level, seconds per level, seconds per request.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import aiohttp

from bench.load.replies import Reply, from_rest, from_sms
from bench.load.sms import SMS_PATH, new_number, signed_sms
from tests.helpers.fake_providers import FakeTwilio

REQUEST_TIMEOUT_S = 30
MAX_TURNS_PER_LEVEL = 100_000
DRAIN_TIMEOUT_S = REQUEST_TIMEOUT_S + 5


class TurnFailed(Exception):
    """A turn that got no usable answer; `kind` is how it failed (status 500, timeout, connection)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class Script(Protocol):
    numbers_sent: int
    texts_sent: int
    reached_end: bool

    def first(self) -> str: ...

    def next(self, reply: Reply) -> str | None: ...


class Channel(Protocol):
    def new_sender(self) -> str: ...

    async def turn(self, session: aiohttp.ClientSession, sender: str, text: str) -> Reply: ...


@dataclass
class RestChannel:
    """Rasa's REST channel: POST {sender, message}, the reply is the list of bot messages."""

    base_url: str
    token: str | None = None
    prefix: str = "load"

    def new_sender(self) -> str:
        return f"{self.prefix}-{uuid.uuid4().hex[:16]}"

    async def turn(self, session: aiohttp.ClientSession, sender: str, text: str) -> Reply:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        url = f"{self.base_url}/webhooks/rest/webhook"
        async with session.post(url, json={"sender": sender, "message": text}, headers=headers) as response:
            if response.status != 200:
                await response.read()
                raise TurnFailed(f"status {response.status}")
            return from_rest(await response.json())


@dataclass
class SmsChannel:
    """The signed Twilio SMS webhook; the replies are what the bot sent the fake Twilio API before
    answering the webhook, so the turn is complete when the webhook answers."""

    base_url: str
    twilio: FakeTwilio

    def new_sender(self) -> str:
        return new_number()

    async def turn(self, session: aiohttp.ClientSession, sender: str, text: str) -> Reply:
        before = len(self.twilio.to(sender))
        form, signature = signed_sms(sender, text)
        headers = {"X-Twilio-Signature": signature}
        async with session.post(self.base_url + SMS_PATH, data=form, headers=headers) as response:
            await response.read()
            if response.status != 200:
                raise TurnFailed(f"status {response.status}")
        return from_sms(self.twilio.to(sender)[before:])


@dataclass
class LevelLog:
    """Every turn of one level: when it ended, how long it took, and how it failed if it did."""

    turns: list[tuple[float, float, str | None]] = field(default_factory=list)  # (ended, ms, error)
    completed: list[float] = field(default_factory=list)  # when conversations reached their end
    abandoned: list[float] = field(default_factory=list)
    numbers_sent: int = 0
    texts_sent: int = 0

    def window(self, start: float, end: float) -> LevelLog:
        inside = LevelLog(
            [t for t in self.turns if start <= t[0] <= end],
            [t for t in self.completed if start <= t <= end],
            [t for t in self.abandoned if start <= t <= end],
        )
        inside.numbers_sent, inside.texts_sent = self.numbers_sent, self.texts_sent
        return inside


async def _person(
    index: int,
    channel: Channel,
    scripts: Callable[[int, int], Script],
    session: aiohttp.ClientSession,
    stop: asyncio.Event,
    log: LevelLog,
) -> None:
    conversation = 0
    while not stop.is_set() and len(log.turns) < MAX_TURNS_PER_LEVEL:
        script = scripts(index, conversation)
        conversation += 1
        sender = channel.new_sender()
        text: str | None = script.first()
        while text is not None and not stop.is_set() and len(log.turns) < MAX_TURNS_PER_LEVEL:
            started = time.monotonic()
            try:
                reply = await channel.turn(session, sender, text)
            except TurnFailed as failure:
                log.turns.append((time.monotonic(), 0.0, failure.kind))
                break
            except asyncio.TimeoutError:
                log.turns.append((time.monotonic(), 0.0, "timeout"))
                break
            except aiohttp.ClientError as error:
                log.turns.append((time.monotonic(), 0.0, f"connection ({type(error).__name__})"))
                break
            ended = time.monotonic()
            if reply.empty:
                log.turns.append((ended, (ended - started) * 1000, "empty reply"))
                break
            log.turns.append((ended, (ended - started) * 1000, None))
            text = script.next(reply)
            if text is None:
                (log.completed if script.reached_end else log.abandoned).append(ended)
        log.numbers_sent += script.numbers_sent
        log.texts_sent += script.texts_sent


@dataclass
class LevelRun:
    log: LevelLog
    window_start: float
    window_end: float
    cpu_seconds: float | None


async def run_level(
    channel: Channel,
    scripts: Callable[[int, int], Script],
    people: int,
    warmup_s: float,
    seconds: float,
    cpu: Callable[[], float] | None = None,
) -> LevelRun:
    """Run `people` closed loops for warm-up + `seconds`; measure CPU over the window only."""
    stop = asyncio.Event()
    log = LevelLog()
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=people + 4)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        tasks = [asyncio.create_task(_person(i, channel, scripts, session, stop, log)) for i in range(people)]
        await asyncio.sleep(warmup_s)
        window_start, cpu_start = time.monotonic(), cpu() if cpu else None
        await asyncio.sleep(seconds)
        window_end, cpu_end = time.monotonic(), cpu() if cpu else None
        stop.set()
        _, pending = await asyncio.wait(tasks, timeout=DRAIN_TIMEOUT_S)
        for task in pending:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    used = None if cpu_start is None or cpu_end is None else cpu_end - cpu_start
    return LevelRun(log.window(window_start, window_end), window_start, window_end, used)
