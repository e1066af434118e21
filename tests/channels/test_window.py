"""WhatsApp's 24-hour window follows the person's last message. (What is sent inside and outside
it: tests/channels/test_outbound.py.)"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.channels.window import record_inbound, window_open
from bot.db.migrate import upgrade
from bot.settings import Settings

SENDER = "whatsapp_cloud:+573001112233"


def test_window_follows_the_last_inbound_message(tmp_path) -> None:
    url = Settings.from_env({"VAR_DIR": str(tmp_path)}).database_url
    upgrade(url)
    now = datetime(2026, 11, 24, 12, tzinfo=timezone.utc)
    assert not window_open(url, "meta_whatsapp", SENDER, now)
    record_inbound(url, "meta_whatsapp", SENDER, now - timedelta(hours=23, minutes=59))
    assert window_open(url, "meta_whatsapp", SENDER, now)
    record_inbound(url, "meta_whatsapp", SENDER, now - timedelta(hours=24))
    assert not window_open(url, "meta_whatsapp", SENDER, now)
    assert not window_open(url, "twilio_whatsapp", SENDER, now - timedelta(hours=1))  # per provider
