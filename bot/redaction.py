"""Keeping personal data and secrets out of every log line, in each of our three processes.

`install(settings)` puts a record factory in front of all logging (Rasa's and httpx's loggers
included) that rewrites each message before any handler sees it:
- the secrets this deployment holds (bot tokens, auth tokens, keys) become `[secret]`;
- sender ids (`sms:+57…`, `telegram:123…`, `web-…`) and phone numbers become `[person]`;
- whatever the current turn marked as personal (`with personal(text, sender_id)`: the message
  text, the number, the chat id) becomes `[personal]`, wherever it appears in the line.
Exception tracebacks are reduced to the exception's type and place: their messages can quote SQL
parameters, request bodies or frames' locals.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.settings import Settings

_personal: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar("personal", default=())
_secrets: list[str] = []
_PATTERNS = (
    # sender ids of every channel, and the phone numbers inside them
    re.compile(r"\b(?:sms|whatsapp_cloud|whatsapp|telegram):[+]?[\w.-]+"),
    re.compile(r"\bweb-[A-Za-z0-9_-]{4,}"),
    re.compile(r"\+\d[\d\s()-]{6,}\d|(?<![\w.])\d{9,15}(?![\w.])"),  # +57 300…, chat ids
)
# Loggers that print message texts or whole trackers below INFO: never below INFO.
_CHATTY = ("rasa", "rasa_sdk", "sanic.access", "httpx", "httpcore", "telegram", "sqlalchemy", "aiohttp")
_QUIET = ("httpx", "httpcore", "telegram", "sqlalchemy.engine", "apscheduler")  # warnings only
MIN_TEXT = 3  # shorter strings ("si", "1") would blank unrelated words


@contextlib.contextmanager
def personal(*values: str | None) -> Iterator[None]:
    """Within this block (this asyncio task and what it awaits), scrub these strings from logs."""
    marked = tuple(v for v in values if isinstance(v, str) and len(v.strip()) >= MIN_TEXT)
    token = _personal.set(_personal.get() + marked)
    try:
        yield
    finally:
        _personal.reset(token)


def scrub(text: str) -> str:
    for value in _secrets:
        text = text.replace(value, "[secret]")
    for value in sorted(_personal.get(), key=len, reverse=True):
        text = text.replace(value, "[personal]")
        stripped = value.strip()
        if stripped != value:
            text = text.replace(stripped, "[personal]")
    for pattern in _PATTERNS:
        text = pattern.sub("[person]", text)
    return text


class _ScrubbedRecord(logging.LogRecord):
    def getMessage(self) -> str:  # noqa: N802 - logging's name
        return scrub(super().getMessage())


def _scrub_exception(record: logging.LogRecord) -> None:
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        frame = error.__traceback__
        while frame is not None and frame.tb_next is not None:
            frame = frame.tb_next
        where = f" at {frame.tb_frame.f_code.co_filename}:{frame.tb_lineno}" if frame else ""
        record.msg = f"{record.msg} [{type(error).__module__}.{type(error).__name__}{where}]"
        record.exc_info = None
        record.exc_text = None
    record.stack_info = None


def _factory(*args, **kwargs) -> logging.LogRecord:
    record = _ScrubbedRecord(*args, **kwargs)
    _scrub_exception(record)
    return record


def add_secret(value: str | None) -> None:
    if value and len(value) >= 6 and value not in _secrets:
        _secrets.append(value)
        _secrets.sort(key=len, reverse=True)


def install(settings: Settings) -> None:
    """Scrub every log record of this process from now on."""
    from bot.secrets import NAMES, secret

    for name in NAMES:
        add_secret(secret(settings, name))
    for value in (
        settings.twilio_auth_token,
        settings.whatsapp_access_token,
        settings.whatsapp_app_secret,
        settings.whatsapp_verify_token,
        settings.telegram_bot_token,
        settings.telegram_secret_token,
    ):
        add_secret(value)
    logging.setLogRecordFactory(_factory)
    level = logging.getLevelName(settings.log_level) if isinstance(settings.log_level, str) else 20
    floor = max(level if isinstance(level, int) else logging.INFO, logging.INFO)
    for name in _CHATTY:
        logging.getLogger(name).setLevel(floor)
    for name in _QUIET:
        logging.getLogger(name).setLevel(max(floor, logging.WARNING))
