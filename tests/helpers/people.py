"""People writing to a running stack through each channel, as the providers deliver them.

`Person(stack, fakes, "sms")` sends signed webhooks (or REST messages for "web") and reads back
what the bot sent them through the fake provider (or the REST reply).
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import random
import time
import uuid
from dataclasses import dataclass, field

import requests
from twilio.request_validator import RequestValidator

from tests.helpers.fake_providers import AUTH_TOKEN, FakeGraph, FakeTelegram, FakeTwilio
from tests.helpers.stack import RunningStack

PUBLIC_BASE_URL = "https://bot.example.org"  # signatures are checked against it (behind a proxy)
SMS_FROM, WHATSAPP_FROM = "+15550001111", "+15550002222"
WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN = "fake-app-secret", "fake-verify-token"
TELEGRAM_SECRET = "fake-telegram-secret"
CHANNELS = ("sms", "whatsapp", "whatsapp_cloud", "telegram", "web")
_update_ids = itertools.count(random.randrange(10**8, 2 * 10**8))


@dataclass
class Fakes:
    twilio: FakeTwilio
    graph: FakeGraph
    telegram: FakeTelegram

    def env(self) -> dict[str, str]:
        """The stack's environment with every phone channel pointed at these fakes."""
        from tests.helpers.fake_providers import (
            ACCOUNT_SID,
            GRAPH_TOKEN,
            PHONE_NUMBER_ID,
            TELEGRAM_TOKEN,
        )

        return {
            "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_SMS_FROM": SMS_FROM,
            "TWILIO_WHATSAPP_FROM": WHATSAPP_FROM,
            "TWILIO_API_BASE_URL": self.twilio.base_url,
            "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
            "WHATSAPP_ACCESS_TOKEN": GRAPH_TOKEN,
            "WHATSAPP_APP_SECRET": WHATSAPP_APP_SECRET,
            "WHATSAPP_VERIFY_TOKEN": WHATSAPP_VERIFY_TOKEN,
            "WHATSAPP_API_BASE_URL": self.graph.base_url,
            "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
            "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
            "TELEGRAM_API_BASE_URL": self.telegram.base_url,
        }


@dataclass
class Person:
    stack: RunningStack
    fakes: Fakes
    channel: str
    number: str = field(default_factory=lambda: "+57300" + f"{uuid.uuid4().int % 10**7:07d}")
    chat_id: int = field(default_factory=lambda: random.randrange(10**9, 10**10))
    web_id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    replies: list[str] = field(default_factory=list)  # REST replies, for "web"

    @property
    def sender_id(self) -> str:
        return {
            "sms": f"sms:{self.number}",
            "whatsapp": f"whatsapp:{self.number}",
            "whatsapp_cloud": f"whatsapp_cloud:{self.number}",
            "telegram": f"telegram:{self.chat_id}",
            "web": f"web-{self.web_id}",
        }[self.channel]

    @property
    def needles(self) -> list[str]:
        """What identifies this person: nothing of it may appear in a log."""
        digits = self.number.lstrip("+")
        return [self.number, digits, str(self.chat_id), self.sender_id, self.web_id]

    def say(self, text: str, message_id: str | None = None) -> requests.Response:
        url = self.stack.settings.rasa_url
        if self.channel in ("sms", "whatsapp"):
            sender = f"whatsapp:{self.number}" if self.channel == "whatsapp" else self.number
            to = f"whatsapp:{WHATSAPP_FROM}" if self.channel == "whatsapp" else SMS_FROM
            params = {
                "MessageSid": message_id or "SM" + uuid.uuid4().hex,
                "From": sender,
                "To": to,
                "Body": text,
                "NumMedia": "0",
            }
            path = f"/webhooks/{self.channel}/webhook"
            signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_BASE_URL + path, params)
            return requests.post(
                url + path, data=params, headers={"X-Twilio-Signature": signature}, timeout=90
            )
        if self.channel == "whatsapp_cloud":
            message = {
                "from": self.number.lstrip("+"),
                "id": message_id or f"wamid.{uuid.uuid4().hex}",
                "timestamp": str(int(time.time())),
                "type": "text",
                "text": {"body": text},
            }
            body = json.dumps(
                {
                    "object": "whatsapp_business_account",
                    "entry": [
                        {
                            "id": "WABA",
                            "changes": [
                                {
                                    "field": "messages",
                                    "value": {"messaging_product": "whatsapp", "messages": [message]},
                                }
                            ],
                        }
                    ],
                }
            ).encode()
            signature = "sha256=" + hmac.new(WHATSAPP_APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
            headers = {"Content-Type": "application/json", "X-Hub-Signature-256": signature}
            return requests.post(
                url + "/webhooks/whatsapp_cloud/webhook", data=body, headers=headers, timeout=90
            )
        if self.channel == "telegram":
            update_id = int(message_id) if message_id else next(_update_ids)
            who = {"id": self.chat_id, "is_bot": False, "first_name": "Test"}
            update = {
                "update_id": update_id,
                "message": {
                    "message_id": update_id % 10**6,
                    "date": int(time.time()),
                    "chat": {"id": self.chat_id, "type": "private"},
                    "from": who,
                    "text": text,
                },
            }
            headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
            return requests.post(url + "/webhooks/telegram/webhook", json=update, headers=headers, timeout=90)
        response = requests.post(
            self.stack.rest_url,
            json={"sender": f"web-{self.web_id}", "message": text},
            headers=self.stack.rest_headers,
            timeout=90,
        )
        if response.status_code == 200:
            self.replies += [m.get("text", "") for m in response.json() if m.get("text")]
        return response

    def received(self) -> list[str]:
        """Every text the bot sent this person so far, in order."""
        if self.channel in ("sms", "whatsapp"):
            to = f"whatsapp:{self.number}" if self.channel == "whatsapp" else self.number
            return self.fakes.twilio.to(to)
        if self.channel == "whatsapp_cloud":
            texts = []
            for m in self.fakes.graph.to(self.number.lstrip("+")):
                if m.get("type") == "text":
                    texts.append(m["text"]["body"])
                elif m.get("type") == "interactive":
                    texts.append(m["interactive"]["body"]["text"])
            return texts
        if self.channel == "telegram":
            return [m.get("text", "") for m in self.fakes.telegram.to(self.chat_id)]
        return list(self.replies)
