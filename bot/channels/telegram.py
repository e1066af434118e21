"""Telegram on /webhooks/telegram/webhook, parsed and answered with python-telegram-bot.

Updates are accepted only with the X-Telegram-Bot-Api-Secret-Token set when the webhook was
registered (`make telegram-webhook`), and deduplicated by update_id. Questions come with an
inline keyboard (callback data within 64 bytes); a button press is answered and read as the
answer. Replies go out through senders.Telegram; the Bot API base URL comes from
TELEGRAM_API_BASE_URL.

    python -m bot.channels.telegram register   # setWebhook with PUBLIC_BASE_URL and the secret
"""

from __future__ import annotations

import asyncio
import json as jsonlib
import logging
import sys

from sanic import Request
from sanic.response import HTTPResponse, json
from telegram import Update

from bot.channels.inbound import MEDIA_MESSAGE, Inbound, Outcome
from bot.channels.location import location_message
from bot.channels.senders import bot_for
from bot.channels.webhook import Refusal, WebhookChannel
from bot.secrets import same_secret
from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)
WEBHOOK_PATH = "/webhooks/telegram/webhook"
# What python-telegram-bot raises on a body that is JSON but not a sane update (a dict for a
# text, a date of 1e308, nesting deeper than the parser goes).
UNREADABLE = (
    UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError, RecursionError, OverflowError
)  # fmt: skip


def message_text(update: Update) -> tuple[int, str] | None:
    """(chat id, what the person sent) for a message or a button press; None for other updates."""
    if update.callback_query and update.callback_query.message:
        data = update.callback_query.data
        return update.callback_query.message.chat.id, data if isinstance(data, str) else ""
    message = update.message or update.edited_message
    if message is None or message.chat is None or not isinstance(message.chat.id, int):
        return None
    if message.location:
        shared = location_message(message.location.latitude, message.location.longitude)
        return message.chat.id, shared or MEDIA_MESSAGE
    text = message.text if isinstance(message.text, str) else ""
    return message.chat.id, text.strip() or MEDIA_MESSAGE


class TelegramInput(WebhookChannel):
    channel = "telegram"

    def configured(self, settings: Settings) -> bool:
        return bool(self.sender.configured(settings) and settings.telegram_secret_token)

    def verify(self, request: Request, settings: Settings) -> Refusal | None:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not same_secret(given, settings.telegram_secret_token or ""):
            logger.warning("Rejected a Telegram update with a missing or wrong secret token")
            return json({"error": "forbidden"}, status=403)
        return None

    def parse(self, request: Request, settings: Settings) -> list[Inbound] | Refusal:
        try:
            data = jsonlib.loads((request.body or b"").decode("utf-8"))
            update = Update.de_json(data, None) if isinstance(data, dict) else None
            found = message_text(update) if update is not None else None
        except UNREADABLE:
            return json({"error": "not a Telegram update"}, status=400)
        if update is None:
            return json({"error": "not a Telegram update"}, status=400)
        request.ctx.telegram_update = update
        if found is None:
            return []  # other update types
        chat_id, body = found
        sender_id = f"telegram:{chat_id}"
        return [
            Inbound(
                self.channel, sender_id, body, self.sender.provider, str(update.update_id), (str(chat_id),)
            )
        ]

    async def acknowledge(self, request: Request, settings: Settings, inbound: Inbound) -> None:
        query = request.ctx.telegram_update.callback_query
        if query is not None:  # stop the button's spinner
            await self.sender.call(
                settings, inbound.sender_id, "answer_callback_query", callback_query_id=query.id
            )

    def answer(self, outcomes: list[Outcome]) -> HTTPResponse:
        taken = any(outcome.status != "duplicate" for outcome in outcomes)
        return json({"status": "received" if taken else "ignored"})


async def register(settings: Settings) -> bool:
    """Point Telegram at this deployment's webhook, with the secret token it must send back."""
    if not (TelegramInput().configured(settings) and settings.public_base_url):
        raise SystemExit("set TELEGRAM_BOT_TOKEN, TELEGRAM_SECRET_TOKEN and PUBLIC_BASE_URL first")
    bot = await bot_for(settings)
    return await bot.set_webhook(
        url=settings.public_base_url + WEBHOOK_PATH,
        secret_token=settings.telegram_secret_token,
        allowed_updates=["message", "edited_message", "callback_query"],
    )


if __name__ == "__main__":
    if sys.argv[1:] != ["register"]:
        raise SystemExit("usage: python -m bot.channels.telegram register")
    print("webhook registered" if asyncio.run(register(get_settings())) else "Telegram refused the webhook")
