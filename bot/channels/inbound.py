"""One way in for every channel: claim the provider's message id, run the turn, and make sure the
person is told the truth about it.

A turn counts as answered only when Rasa saved it and it produced at least one reply. When the
database could not be written, or the action server or the NLG failed mid-turn, the person gets
"something went wrong, please write again" in their language instead of silence or a reply that
describes something that did not happen, and the provider's id is released so that a retry of
the same message is processed rather than swallowed.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.claims import Claim, claim, finish
from bot.i18n.catalogs import translate
from bot.nlg.message_ids import N_
from bot.redaction import personal
from bot.settings import SUPPORTED_LANGUAGES, Settings

logger = logging.getLogger(__name__)
MAX_TEXT_CHARS = 2000  # longer messages are cut before any model sees them (memory grows with tokens)
MEDIA_MESSAGE = "/media"  # what a photo, voice note or sticker becomes for the conversation
TRY_AGAIN = N_("error.try_again")

# The language each conversation last used, kept by the tracker store as turns are saved, so a
# failure can be explained in the person's language even when the database cannot be read.
_languages: dict[str, str] = {}
_MAX_REMEMBERED = 10_000


def remember_language(sender_id: str, language: str | None) -> None:
    if language in SUPPORTED_LANGUAGES:
        if len(_languages) >= _MAX_REMEMBERED and sender_id not in _languages:
            _languages.pop(next(iter(_languages)))
        _languages[sender_id] = language


def forget(sender_id: str) -> None:
    _languages.pop(sender_id, None)


@dataclass(frozen=True)
class Inbound:
    """A message as a channel received it, already verified."""

    channel: str  # the input channel's name: rest, sms, whatsapp, whatsapp_cloud, telegram
    sender_id: str
    text: str
    provider: str | None = None  # with message_id: the provider's own id, for retries
    message_id: str | None = None
    personal: tuple[str, ...] = ()  # more to keep out of the logs (the number, the chat id)


@dataclass
class Outcome:
    status: str  # answered | failed | duplicate | busy
    messages: list[dict[str, Any]] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return self.status == "answered"


def apology(settings: Settings, sender_id: str) -> dict[str, Any]:
    language = _languages.get(sender_id, settings.default_language)
    return {"recipient_id": sender_id, "text": translate(language, TRY_AGAIN, settings.locales_dir)}


async def run_turn(
    on_new_message: Callable[[UserMessage], Awaitable[Any]], inbound: Inbound, settings: Settings
) -> Outcome:
    with personal(inbound.text, inbound.sender_id, *inbound.personal):
        if inbound.message_id is not None:
            try:
                state = claim(settings.database_url, inbound.provider, inbound.message_id, inbound.sender_id)
            except Exception as exc:  # the database cannot be written: nothing would be saved
                logger.error("Could not claim a %s message id: %s", inbound.channel, type(exc).__name__)
                return Outcome("failed", [apology(settings, inbound.sender_id)])
            if state is Claim.DONE:
                return Outcome("duplicate")
            if state is Claim.BUSY:
                return Outcome("busy")
        collector = CollectingOutputChannel()
        message = UserMessage(
            inbound.text[:MAX_TEXT_CHARS], collector, inbound.sender_id, input_channel=inbound.channel
        )
        try:
            await on_new_message(message)
            answered = bool(collector.messages)
            if not answered:
                logger.error("A %s turn produced no reply (action server or NLG failed)", inbound.channel)
        except Exception as exc:  # the turn was not saved: say so, never pretend
            logger.error("A %s turn failed and was not saved: %s", inbound.channel, type(exc).__name__)
            answered = False
        if inbound.message_id is not None:
            try:
                finish(settings.database_url, inbound.provider, inbound.message_id, answered)
            except Exception as exc:  # the claim expires by itself (claims.CLAIM_TTL)
                logger.error("Could not record a %s message id: %s", inbound.channel, type(exc).__name__)
        if answered:
            return Outcome("answered", collector.messages)
        return Outcome("failed", [apology(settings, inbound.sender_id)])
