"""A bot message (text + buttons) as each channel shows it, and a typed reply back to an option.

- SMS: one text with a numbered list (the reply "2", "2." or "dos" is read by the conversation).
- WhatsApp: reply buttons (at most 3, titles at most 20 characters) or a list (at most 10 rows),
  else the numbered text.
- Telegram: an inline keyboard whose callback data stays within 64 bytes.
"""

from __future__ import annotations

from typing import Any

from bot.channels import limits

Button = dict[str, str]  # {"title": ..., "payload": ...}


def numbered(text: str, buttons: list[Button]) -> str:
    """The text followed by one numbered line per option (for SMS and as a fallback)."""
    if not buttons:
        return text
    lines = [f"{i}. {b['title']}" for i, b in enumerate(buttons, start=1)]
    return text + "\n" + "\n".join(lines)


def _short(title: str, limit: int) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def whatsapp_interactive(text: str, buttons: list[Button], list_label: str) -> dict[str, Any] | None:
    """The `interactive` object of a Graph API message, or None when only numbered text fits."""
    if not buttons or len(text) > limits.WHATSAPP_INTERACTIVE_BODY_MAX:
        return None
    fits_buttons = all(len(b["title"]) <= limits.WHATSAPP_BUTTON_TITLE_MAX for b in buttons)
    if len(buttons) <= limits.WHATSAPP_MAX_REPLY_BUTTONS and fits_buttons:
        return {
            "type": "button",
            "body": {"text": text},
            "action": {
                "buttons": [
                    {"type": "reply", "reply": {"id": b["payload"], "title": b["title"]}} for b in buttons
                ]
            },
        }
    if len(buttons) <= limits.WHATSAPP_MAX_LIST_ROWS:
        rows = [
            {"id": b["payload"], "title": _short(b["title"], limits.WHATSAPP_LIST_ROW_TITLE_MAX)}
            for b in buttons
        ]
        return {
            "type": "list",
            "body": {"text": text},
            "action": {
                "button": _short(list_label, limits.WHATSAPP_LIST_BUTTON_MAX),
                "sections": [{"rows": rows}],
            },
        }
    return None


def telegram_keyboard(buttons: list[Button]) -> list[list[dict[str, str]]]:
    """Inline keyboard rows (one button per row, easier on small screens). A payload longer than
    Telegram's 64-byte callback data is replaced by the option's number, which the reply
    mapping reads back like a typed "2"."""
    rows = []
    for i, b in enumerate(buttons, start=1):
        data = b["payload"]
        if len(data.encode("utf-8")) > limits.TELEGRAM_CALLBACK_DATA_MAX_BYTES:
            data = str(i)
        rows.append([{"text": b["title"], "callback_data": data}])
    return rows
