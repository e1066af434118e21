"""One sender per provider: how a text, a question or a WhatsApp template reaches the person.

Twilio (SMS and WhatsApp) and the Meta Graph API are plain HTTP posts; Telegram goes through
python-telegram-bot. Each sender knows its provider's credentials, recipient address and limit;
retries and recorded failures are delivery.send_with_retries', for all of them. Senders are used
by bot/channels/outbound.py only: in a turn and outside one, a message goes out the same way.
"""

from __future__ import annotations

from typing import Any

import aiohttp
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import NetworkError, RetryAfter, TelegramError

from bot.channels.delivery import Retry, post, send_with_retries
from bot.channels.limits import SMS_MAX_CHARS, TELEGRAM_MAX_CHARS, WHATSAPP_MAX_CHARS
from bot.channels.render import Button, telegram_keyboard, whatsapp_interactive
from bot.settings import Settings

GRAPH_VERSION = "v20.0"
LIST_LABEL = "☰"  # the button that opens a WhatsApp list; a symbol reads in every language
Content = dict[str, Any]  # one provider message: form fields, a Graph API body, sendMessage arguments


class Sender:
    """A provider's way out. `channel` is the sender-id prefix ("sms:+57…") and the input channel's
    name; `provider` keys claims, the WhatsApp window and outbound failures."""

    channel = ""
    provider = ""
    limit = 0
    whatsapp = False  # bound by WhatsApp's 24-hour window

    def configured(self, settings: Settings) -> bool:
        raise NotImplementedError

    def text(self, body: str) -> Content:
        raise NotImplementedError

    def question(self, text: str, buttons: list[Button]) -> Content | None:
        """The channel's own form of a question, or None when it is sent as numbered text."""
        return None

    def template(self, settings: Settings, language: str | None) -> Content | None:
        """The approved template that may open a closed WhatsApp window, or None when none is set."""
        return None

    async def send(self, settings: Settings, sender_id: str, content: Content) -> str | None:
        """None when sent; else why not (delivery.PROVIDER_REFUSED or delivery.UNREACHABLE)."""
        raise NotImplementedError


class TwilioSms(Sender):
    channel, provider, limit = "sms", "twilio_sms", SMS_MAX_CHARS

    def from_number(self, settings: Settings) -> str | None:
        return settings.twilio_sms_from

    def address(self, sender_id: str) -> str:
        return sender_id.removeprefix("sms:")

    def configured(self, settings: Settings) -> bool:
        return bool(settings.twilio_account_sid and settings.twilio_auth_token and self.from_number(settings))

    def text(self, body: str) -> Content:
        return {"Body": body}

    async def send(self, settings: Settings, sender_id: str, content: Content) -> str | None:
        account = settings.twilio_account_sid
        url = f"{settings.twilio_api_base_url}/2010-04-01/Accounts/{account}/Messages.json"
        auth = aiohttp.BasicAuth(settings.twilio_account_sid or "", settings.twilio_auth_token or "")
        form = {"To": self.address(sender_id), "From": self.from_number(settings), **content}
        return await send_with_retries(
            settings.database_url, self.provider, sender_id, lambda s: post(s.post(url, data=form, auth=auth))
        )


class TwilioWhatsApp(TwilioSms):
    channel, provider, limit, whatsapp = "whatsapp", "twilio_whatsapp", WHATSAPP_MAX_CHARS, True

    def from_number(self, settings: Settings) -> str | None:
        return settings.twilio_whatsapp_from

    def address(self, sender_id: str) -> str:
        return sender_id  # Twilio's own form: "whatsapp:+573001112233"

    def template(self, settings: Settings, language: str | None) -> Content | None:
        sid = settings.twilio_whatsapp_content_sid
        return {"ContentSid": sid} if sid else None


def template_language(settings: Settings, language: str | None) -> str:
    """The person's language as the template's (Meta's codes: "pt_BR" for "pt") when it is approved
    in it, else the deployment's default template language."""
    for code in settings.whatsapp_template_languages:
        if language and code.replace("-", "_").split("_")[0].lower() == language.lower():
            return code
    return settings.whatsapp_template_language


class MetaWhatsApp(Sender):
    channel, provider, limit, whatsapp = "whatsapp_cloud", "meta_whatsapp", WHATSAPP_MAX_CHARS, True

    def configured(self, settings: Settings) -> bool:
        return bool(settings.whatsapp_phone_number_id and settings.whatsapp_access_token)

    def text(self, body: str) -> Content:
        return {"type": "text", "text": {"body": body}}

    def question(self, text: str, buttons: list[Button]) -> Content | None:
        interactive = whatsapp_interactive(text, buttons, LIST_LABEL)
        return {"type": "interactive", "interactive": interactive} if interactive else None

    def template(self, settings: Settings, language: str | None) -> Content | None:
        if not settings.whatsapp_template_name:
            return None
        template = {
            "name": settings.whatsapp_template_name,
            "language": {"code": template_language(settings, language)},
        }
        return {"type": "template", "template": template}

    async def send(self, settings: Settings, sender_id: str, content: Content) -> str | None:
        url = f"{settings.whatsapp_api_base_url}/{GRAPH_VERSION}/{settings.whatsapp_phone_number_id}/messages"
        headers = {"Authorization": f"Bearer {settings.whatsapp_access_token}"}
        to = sender_id.removeprefix("whatsapp_cloud:+")
        body = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, **content}
        return await send_with_retries(
            settings.database_url,
            self.provider,
            sender_id,
            lambda s: post(s.post(url, json=body, headers=headers)),
        )


_bots: dict[tuple[str, str], Bot] = {}


async def bot_for(settings: Settings) -> Bot:
    """One initialised python-telegram-bot Bot per token and API base URL in this process."""
    key = (settings.telegram_bot_token or "", settings.telegram_api_base_url)
    if key not in _bots:
        bot = Bot(settings.telegram_bot_token or "", base_url=f"{settings.telegram_api_base_url}/bot")
        await bot.initialize()
        _bots[key] = bot
    return _bots[key]


async def telegram_call(settings: Settings, method: str, **arguments: Any) -> int:
    """One Bot API call as an attempt for send_with_retries: 200 when done, 400 when refused."""
    try:
        bot = await bot_for(settings)
        await getattr(bot, method)(**arguments)
    except RetryAfter as exc:  # flood control: Telegram says how long to wait
        after = exc.retry_after if isinstance(exc.retry_after, (int, float)) else 1.0
        raise Retry("RetryAfter", 429, float(after)) from None
    except NetworkError as exc:  # TimedOut too
        raise Retry(type(exc).__name__) from None
    except TelegramError:  # bad request, blocked by the person…: retrying would not help
        return 400
    return 200


class Telegram(Sender):
    channel, provider, limit = "telegram", "telegram", TELEGRAM_MAX_CHARS

    def configured(self, settings: Settings) -> bool:
        return bool(settings.telegram_bot_token)

    def text(self, body: str) -> Content:
        return {"text": body}

    def question(self, text: str, buttons: list[Button]) -> Content | None:
        rows = [[InlineKeyboardButton(b["text"], callback_data=b["callback_data"]) for b in row]
                for row in telegram_keyboard(buttons)]  # fmt: skip
        return {"text": text, "reply_markup": InlineKeyboardMarkup(rows)}

    async def send(self, settings: Settings, sender_id: str, content: Content) -> str | None:
        chat_id = int(sender_id.removeprefix("telegram:"))
        return await self.call(settings, sender_id, "send_message", chat_id=chat_id, **content)

    async def call(self, settings: Settings, sender_id: str, method: str, **arguments: Any) -> str | None:
        """Any Bot API call (answering a button press too), with the same retries."""
        return await send_with_retries(
            settings.database_url,
            self.provider,
            sender_id,
            lambda _session: telegram_call(settings, method, **arguments),
        )


SENDERS: dict[str, Sender] = {
    s.channel: s for s in (TwilioSms(), TwilioWhatsApp(), MetaWhatsApp(), Telegram())
}


def sender_for(sender_id: str) -> Sender | None:
    """The sender of a conversation's Rasa sender id ("whatsapp_cloud:+57…"), or None for /chat and REST."""
    prefix, separator, _ = sender_id.partition(":")
    return SENDERS.get(prefix) if separator else None
