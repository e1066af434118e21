"""The one way a provider's webhook is handled; Twilio, Meta and Telegram plug into it.

For every POST: the channel answers 404 until configured, 413 to an oversized body, and its own
refusal (403 for a forged request, 400/415 for an unreadable one) before anything is parsed as a
message. Each message is then noted for WhatsApp's window (and the staff replies held behind a
template go out), run as a turn with its provider id claimed (claims.py: a retry of an answered
message is not answered twice), and the turn's reply is sent through bot/channels/outbound.py.
A message being processed by another request right now makes the whole webhook 503 (retry later).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from bot.channels.inbound import Inbound, Outcome, run_turn
from bot.channels.outbound import send_turn, send_waiting
from bot.channels.senders import SENDERS, Sender
from bot.channels.window import record_inbound
from bot.redaction import personal
from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)
Refusal = HTTPResponse  # what the provider is answered instead of a turn


class WebhookChannel(InputChannel):
    """A provider's input channel: `verify` and `parse` its webhooks, `answer` it; the rest is here."""

    channel = ""  # the input channel's name and sender-id prefix (one of senders.SENDERS)
    max_body_bytes = 256 * 1024

    @classmethod
    def name(cls) -> str:
        return cls.channel

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    @property
    def sender(self) -> Sender:
        return SENDERS[self.channel]

    def configured(self, settings: Settings) -> bool:
        raise NotImplementedError

    def verify(self, request: Request, settings: Settings) -> Refusal | None:
        """None when the request comes from the provider; else the refusal (403, 400, 415)."""
        raise NotImplementedError

    def parse(self, request: Request, settings: Settings) -> list[Inbound] | Refusal:
        """The person messages in a verified request (none for status updates), or a 400."""
        raise NotImplementedError

    async def acknowledge(self, request: Request, settings: Settings, inbound: Inbound) -> None:
        """Anything the provider expects after a message was taken (Telegram: stop a button's spinner)."""

    def answer(self, outcomes: list[Outcome]) -> HTTPResponse:
        """The webhook's response once every message was handled."""
        return json({"status": "received"})

    def routes(self, webhook: Blueprint) -> None:
        """More routes of this provider (a health check, Meta's verification handshake)."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"{self.channel}_webhook", __name__)
        self.routes(webhook)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.receive(request, on_new_message)

        return webhook

    async def receive(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        settings = get_settings()
        if not self.configured(settings):
            return json({"error": f"the {self.channel} channel is not configured"}, status=404)
        if len(request.body or b"") > self.max_body_bytes:
            return json({"error": "payload too large"}, status=413)
        refusal = self.verify(request, settings)
        if refusal is not None:
            return refusal
        parsed = self.parse(request, settings)
        if isinstance(parsed, HTTPResponse):
            return parsed
        outcomes = []
        for inbound in parsed:
            outcome = await self.take(request, settings, inbound, on_new_message)
            if outcome.status == "busy":  # the same message is being answered right now
                return json({"error": "a message is being processed; retry later"}, status=503)
            outcomes.append(outcome)
        return self.answer(outcomes)

    async def take(
        self,
        request: Request,
        settings: Settings,
        inbound: Inbound,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> Outcome:
        """One message: the window, held replies, the turn, its reply."""
        if self.sender.whatsapp:
            record_inbound(settings.database_url, self.sender.provider, inbound.sender_id)
            with personal(inbound.sender_id, *inbound.personal):
                try:
                    await send_waiting(settings, inbound.sender_id)
                except Exception as exc:  # the turn goes on; the replies stay held for the next message
                    logger.error("Could not send held staff replies: %s", type(exc).__name__)
        outcome = await run_turn(on_new_message, inbound, settings)
        if outcome.status in ("busy", "duplicate"):
            return outcome
        await self.acknowledge(request, settings, inbound)
        if outcome.messages:
            with personal(inbound.sender_id, *inbound.personal):
                await send_turn(settings, inbound.sender_id, outcome.messages)
        return outcome
