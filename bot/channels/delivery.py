"""What every provider shares for sending: retries, and a recorded failure instead of a dropped
message. (Webhook retries are deduplicated in bot/channels/claims.py.)"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime, timezone

import aiohttp

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.tables import outbound_failures

logger = logging.getLogger(__name__)
SEND_ATTEMPTS = 3
BACKOFF_S = (0.5, 1.5)  # waits between attempts
SEND_TIMEOUT_S = 15
MAX_RETRY_AFTER_S = 5.0  # a provider asking for a longer pause is not waited for inside a request

# Why a message could not be sent (SendResult.reason, outbound_failures.error's meaning).
PROVIDER_REFUSED = "provider_refused"  # a 4xx other than 429: retrying would not help
UNREACHABLE = "unreachable"  # network errors, timeouts, 429 and 5xx until the attempts ran out


class Retry(Exception):
    """Raised by an attempt that may succeed later (a network error, flood control)."""

    def __init__(self, error: str, status: int | None = None, after: float | None = None) -> None:
        super().__init__(error)
        self.error, self.status, self.after = error, status, after


Attempt = Callable[[aiohttp.ClientSession], Awaitable[int]]


def record_failure(database_url: str, provider: str, sender_id: str, status: int | None, error: str) -> None:
    with get_engine(database_url).begin() as connection:
        connection.execute(
            outbound_failures.insert().values(
                provider=provider,
                conversation_key=conversation_key(sender_id),
                status=status,
                error=error[:255],
                failed_at=datetime.now(timezone.utc),
            )
        )


async def post(request: AbstractAsyncContextManager[aiohttp.ClientResponse]) -> int:
    """The status of an HTTP request made by aiohttp (`session.post(...)`), read and closed."""
    async with request as response:
        return response.status


async def send_with_retries(database_url: str, provider: str, sender_id: str, attempt: Attempt) -> str | None:
    """Run `attempt(session)` (it returns an HTTP status, or raises Retry or a network error) until it
    succeeds, retrying on 429, 5xx and network errors. None when sent; else the failure's reason,
    recorded in outbound_failures."""
    status: int | None = None
    error = ""
    reason = UNREACHABLE
    timeout = aiohttp.ClientTimeout(total=SEND_TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for number in range(SEND_ATTEMPTS):
            wait = BACKOFF_S[number] if number < len(BACKOFF_S) else 0.0
            try:
                status = await attempt(session)
                if status < 300:
                    return None
                error = f"HTTP {status}"
                if status != 429 and status < 500:
                    reason = PROVIDER_REFUSED
                    break
            except Retry as exc:
                status, error = exc.status, exc.error
                if exc.after is not None:
                    wait = min(exc.after, MAX_RETRY_AFTER_S)
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                status, error = None, type(exc).__name__
            if number + 1 < SEND_ATTEMPTS:
                await asyncio.sleep(wait)
    logger.error("%s did not take a message (%s): %s", provider, reason, error)
    try:
        await asyncio.to_thread(record_failure, database_url, provider, sender_id, status, error)
    except Exception as exc:  # the failure is logged; a broken database must not hide the reason
        logger.error("Could not record an outbound failure: %s", type(exc).__name__)
    return reason
