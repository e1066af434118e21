"""Sending to a person from any process: a turn's reply, a staff reply, a reminder.

The conversation's Rasa sender id names its channel ("sms:", "whatsapp:", "whatsapp_cloud:",
"telegram:"); any other id is a /chat or REST conversation, whose messages wait in web_outbox
until the page asks for them. WhatsApp's 24-hour window is applied here, once for both WhatsApp
providers: free text inside it; outside it the approved template (which asks the person to write
back), and the held text goes out as soon as they do (send_waiting, called by the webhooks).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from typing import Any

import sqlalchemy as sa

from bot.channels.senders import Content, Sender, sender_for
from bot.channels.split import split_text
from bot.channels.turns import deliver
from bot.channels.window import window_open
from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.tables import ticket_messages, web_outbox
from bot.settings import Settings

logger = logging.getLogger(__name__)

WINDOW_CLOSED = "window_closed"  # WhatsApp, outside the 24-hour window, no template configured
NOT_CONFIGURED = "not_configured"  # the conversation's channel has no credentials here


class Delivery(str, Enum):
    SENT = "sent"
    TEMPLATE = "template"  # the template went out; the text waits for the person to write back
    REFUSED = "refused"  # not sent, and trying again now would not change that (see the reason)
    FAILED = "failed"  # the provider did not take it after the retries (recorded in outbound_failures)


@dataclass(frozen=True)
class SendResult:
    delivery: Delivery
    reason: str | None = None  # window_closed | not_configured | provider_refused | unreachable


def _store_for_page(database_url: str, sender_id: str, text: str) -> None:
    with get_engine(database_url).begin() as connection:
        connection.execute(
            web_outbox.insert().values(
                conversation_key=conversation_key(sender_id), body=text, created_at=datetime.now(timezone.utc)
            )
        )


async def _send_parts(settings: Settings, sender: Sender, sender_id: str, text: str) -> SendResult:
    for part in split_text(text, sender.limit):
        reason = await sender.send(settings, sender_id, sender.text(part))
        if reason is not None:  # the next parts would make no sense alone
            return SendResult(Delivery.FAILED, reason)
    return SendResult(Delivery.SENT)


async def send_text(settings: Settings, sender_id: str, text: str, language: str | None = None) -> SendResult:
    """Send `text` to the conversation `sender_id`, outside a turn. `language` (the person's)
    picks the WhatsApp template's language when one is needed."""
    if not text.strip():
        raise ValueError("there is no text to send")
    sender = sender_for(sender_id)
    if sender is None:
        await asyncio.to_thread(_store_for_page, settings.database_url, sender_id, text)
        return SendResult(Delivery.SENT)
    if not sender.configured(settings):
        return SendResult(Delivery.REFUSED, NOT_CONFIGURED)
    if sender.whatsapp and not await asyncio.to_thread(
        window_open, settings.database_url, sender.provider, sender_id
    ):
        template = sender.template(settings, language)
        if template is None:
            return SendResult(Delivery.REFUSED, WINDOW_CLOSED)
        reason = await sender.send(settings, sender_id, template)
        return SendResult(Delivery.TEMPLATE) if reason is None else SendResult(Delivery.FAILED, reason)
    return await _send_parts(settings, sender, sender_id, text)


async def send_turn(settings: Settings, sender_id: str, messages: list[dict[str, Any]]) -> bool:
    """A turn's reply on a phone channel (the person has just written: the window is open).
    False when a part could not be sent (recorded); the rest of the turn is then dropped."""
    sender = sender_for(sender_id)
    if sender is None:
        raise ValueError("a turn on /chat or REST is answered in its HTTP response")

    async def send(content: Content) -> bool:
        return await sender.send(settings, sender_id, content) is None

    return await deliver(messages, sender.limit, sender.text, sender.question, send)


def _waiting(database_url: str, sender_id: str) -> list[tuple[int, int, str]]:
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(
            sa.select(ticket_messages.c.id, ticket_messages.c.ticket_id, ticket_messages.c.body)
            .where(
                ticket_messages.c.conversation_key == conversation_key(sender_id),
                ticket_messages.c.kind == "reply",
                ticket_messages.c.delivery == Delivery.TEMPLATE.value,
            )
            .order_by(ticket_messages.c.id)
        )
        return [(row.id, row.ticket_id, row.body) for row in rows]


def _mark(database_url: str, message_id: int, ticket_id: int, before: str, after: str) -> bool:
    """Move a reply from one delivery state to another; False when another process moved it first
    (each held reply is sent once, however many webhooks arrive at the same time)."""
    from bot.handoff.changes import record_change

    with get_engine(database_url).begin() as connection:
        moved = connection.execute(
            ticket_messages.update()
            .where(ticket_messages.c.id == message_id, ticket_messages.c.delivery == before)
            .values(delivery=after)
        ).rowcount
        if moved:
            record_change(connection, ticket_id, "reply")  # the console shows the new state live
        return bool(moved)


async def send_waiting(settings: Settings, sender_id: str) -> int:
    """Send the staff replies held behind a template now that the person wrote again (the window is
    open); each is marked "sent", or "failed" when the provider did not take it. Returns how many
    went out."""
    sent = 0
    url = settings.database_url
    for message_id, ticket_id, body in await asyncio.to_thread(_waiting, url, sender_id):
        if not await asyncio.to_thread(_mark, url, message_id, ticket_id, "template", "sent"):
            continue
        result = await send_text(settings, sender_id, body)
        if result.delivery is Delivery.SENT:
            sent += 1
        else:
            await asyncio.to_thread(_mark, url, message_id, ticket_id, "sent", result.delivery.value)
    return sent
