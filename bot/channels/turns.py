"""Delivering one turn's messages: plain text is merged and split under the channel's limit, each
question goes out in the channel's own form (WhatsApp buttons and lists, Telegram keyboards), or as
numbered text when the channel has none or it cannot hold the question (SMS: always). Messages
without text (only `custom`, e.g. a paused conversation's handoff status) send nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.channels.render import Button, numbered
from bot.channels.split import split_text


async def deliver(
    messages: list[dict[str, Any]],
    limit: int,
    as_text: Callable[[str], Any],
    as_question: Callable[[str, list[Button]], Any | None],
    send: Callable[[Any], Awaitable[bool]],
) -> bool:
    """Send a turn in order; stop at the first send that fails (it has been recorded)."""
    pending: list[str] = []

    async def flush() -> bool:
        for part in split_text("\n\n".join(pending), limit):
            if not await send(as_text(part)):
                return False
        pending.clear()
        return True

    for message in messages:
        text, buttons = message.get("text"), message.get("buttons") or []
        if not text:
            continue
        question = as_question(text, buttons) if buttons else None
        if question is None:
            pending.append(numbered(text, buttons))
            continue
        if not await flush() or not await send(question):
            return False
    return await flush()
