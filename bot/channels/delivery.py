"""What every phone channel shares for sending: retries, and a recorded failure instead of a
dropped reply. (Webhook retries are deduplicated in bot/channels/claims.py.)"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import aiohttp

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.tables import outbound_failures

logger = logging.getLogger(__name__)
SEND_ATTEMPTS = 3
BACKOFF_S = (0.5, 1.5)  # waits between attempts
SEND_TIMEOUT_S = 15


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


async def send_with_retries(
    database_url: str,
    provider: str,
    sender_id: str,
    request: Callable[[aiohttp.ClientSession], Any],
) -> bool:
    """Make the request (`request(session)` returns e.g. `session.post(...)`), retrying on 429, 5xx
    and network errors; record the failure if every attempt fails."""
    status: int | None = None
    error = ""
    timeout = aiohttp.ClientTimeout(total=SEND_TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for attempt in range(SEND_ATTEMPTS):
            try:
                async with request(session) as response:
                    status = response.status
                    if status < 300:
                        return True
                    error = f"HTTP {status}"
                    if status != 429 and status < 500:
                        break  # the provider refused it; retrying would not help
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                status, error = None, type(exc).__name__
            if attempt < len(BACKOFF_S):
                await asyncio.sleep(BACKOFF_S[attempt])
    logger.error("%s refused a reply after %d attempts: %s", provider, SEND_ATTEMPTS, error)
    record_failure(database_url, provider, sender_id, status, error)
    return False
