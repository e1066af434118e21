"""Delivering one turn's messages on a channel that can show questions natively (WhatsApp Cloud
buttons and lists, Telegram keyboards): plain text is merged and split under the limit, each
question goes out in the channel's own form, or as numbered text when that form cannot hold it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.channels.render import Button, numbered
from bot.channels.split import split_text


async def deliver(
    messages: list[dict[str, Any]],
    limit: int,
    send_text: Callable[[str], Awaitable[bool]],
    as_question: Callable[[str, list[Button]], Any | None],
    send_question: Callable[[Any], Awaitable[bool]],
) -> None:
    """Send a turn in order; stop at the first send that fails (it has been recorded)."""
    pending: list[str] = []

    async def flush() -> bool:
        for part in split_text("\n\n".join(pending), limit):
            if not await send_text(part):
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
        if not await flush() or not await send_question(question):
            return
    await flush()
