"""Telegram on /webhooks/telegram/webhook, parsed and answered with python-telegram-bot.

Updates are accepted only with the X-Telegram-Bot-Api-Secret-Token set when the webhook was
registered (`make telegram-webhook`), and deduplicated by update_id. Questions come with an
inline keyboard (callback data within 64 bytes); a button press is answered and read as the
answer. The Bot API base URL comes from TELEGRAM_API_BASE_URL.

    python -m bot.channels.telegram register   # setWebhook with PUBLIC_BASE_URL and the secret
"""

from __future__ import annotations

import asyncio
import json as jsonlib
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut

from bot.channels.delivery import BACKOFF_S, SEND_ATTEMPTS, record_failure
from bot.channels.inbound import Inbound, run_turn
from bot.channels.limits import TELEGRAM_MAX_CHARS
from bot.channels.location import location_message
from bot.channels.render import telegram_keyboard
from bot.channels.turns import deliver
from bot.channels.twilio import MEDIA_MESSAGE
from bot.secrets import same_secret
from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 256 * 1024
PROVIDER = "telegram"
WEBHOOK_PATH = "/webhooks/telegram/webhook"
_bots: dict[tuple[str, str], Bot] = {}
# What python-telegram-bot raises on a body that is JSON but not a sane update (a dict for a
# text, a date of 1e308, nesting deeper than the parser goes).
UNREADABLE = (
    UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError, RecursionError, OverflowError
)  # fmt: skip


async def bot_for(settings: Settings) -> Bot:
    """One initialised Bot per token and API base URL in this process."""
    key = (settings.telegram_bot_token, settings.telegram_api_base_url)
    if key not in _bots:
        bot = Bot(settings.telegram_bot_token, base_url=f"{settings.telegram_api_base_url}/bot")
        await bot.initialize()
        _bots[key] = bot
    return _bots[key]


async def _call(settings: Settings, sender_id: str, call: Callable[[], Awaitable[Any]]) -> bool:
    """Run a Bot API call with retries on flood control and network errors; record a failure."""
    error = ""
    for attempt in range(SEND_ATTEMPTS):
        try:
            await call()
            return True
        except RetryAfter as exc:
            error = "RetryAfter"
            delay = exc.retry_after if isinstance(exc.retry_after, (int, float)) else 1
            await asyncio.sleep(min(float(delay), 5))
            continue
        except (NetworkError, TimedOut) as exc:
            error = type(exc).__name__
        except TelegramError as exc:  # refused (bad request, blocked by the user…): no retry
            error = type(exc).__name__
            break
        if attempt < len(BACKOFF_S):
            await asyncio.sleep(BACKOFF_S[attempt])
    logger.error("Telegram refused a reply: %s", error)
    record_failure(settings.database_url, PROVIDER, sender_id, None, error)
    return False


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


class TelegramInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    @staticmethod
    def configured(settings: Settings) -> bool:
        return bool(settings.telegram_bot_token and settings.telegram_secret_token)

    async def reply(self, settings: Settings, sender_id: str, chat_id: int, messages: list[dict]) -> None:
        bot = await bot_for(settings)

        def as_question(text: str, buttons: list[dict]) -> tuple[str, InlineKeyboardMarkup]:
            rows = [[InlineKeyboardButton(b["text"], callback_data=b["callback_data"]) for b in row]
                    for row in telegram_keyboard(buttons)]  # fmt: skip
            return text, InlineKeyboardMarkup(rows)

        async def send_text(text: str) -> bool:
            return await _call(settings, sender_id, lambda: bot.send_message(chat_id, text))

        async def send_question(question: tuple[str, InlineKeyboardMarkup]) -> bool:
            text, markup = question
            return await _call(
                settings, sender_id, lambda: bot.send_message(chat_id, text, reply_markup=markup)
            )

        await deliver(messages, TELEGRAM_MAX_CHARS, send_text, as_question, send_question)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("telegram_webhook", __name__)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            settings = get_settings()
            if not self.configured(settings):
                return json({"error": "the telegram channel is not configured"}, status=404)
            given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
            if not same_secret(given, settings.telegram_secret_token):
                logger.warning("Rejected a Telegram update with a missing or wrong secret token")
                return json({"error": "forbidden"}, status=403)
            raw = request.body or b""
            if len(raw) > MAX_BODY_BYTES:
                return json({"error": "payload too large"}, status=413)
            try:
                data = jsonlib.loads(raw.decode("utf-8"))
                update = Update.de_json(data, None) if isinstance(data, dict) else None
                found = message_text(update) if update is not None else None
            except UNREADABLE:
                return json({"error": "not a Telegram update"}, status=400)
            if update is None:
                return json({"error": "not a Telegram update"}, status=400)
            if found is None:
                return json({"status": "ignored"})  # other update types
            chat_id, body = found
            sender_id = f"telegram:{chat_id}"
            inbound = Inbound("telegram", sender_id, body, PROVIDER, str(update.update_id), (str(chat_id),))
            outcome = await run_turn(on_new_message, inbound, settings)
            if outcome.status == "busy":
                return json({"error": "already being processed; retry later"}, status=503)
            if update.callback_query and outcome.status != "duplicate":  # stop the button's spinner
                bot = await bot_for(settings)
                await _call(settings, sender_id, lambda: bot.answer_callback_query(update.callback_query.id))
            if outcome.messages:
                await self.reply(settings, sender_id, chat_id, outcome.messages)
            return json({"status": "received" if outcome.status != "duplicate" else "ignored"})

        return webhook


async def register(settings: Settings) -> bool:
    """Point Telegram at this deployment's webhook, with the secret token it must send back."""
    if not (TelegramInput.configured(settings) and settings.public_base_url):
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
