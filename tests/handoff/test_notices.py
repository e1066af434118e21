"""The "nobody has taken your request yet" notice: due tickets only, and once, even when two web
instances look at the same moment."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import sqlalchemy as sa

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import web_outbox
from bot.handoff.notices import notify_unclaimed
from bot.handoff.tickets import claim, get_ticket, open_ticket, release
from bot.i18n.catalogs import translate
from bot.settings import Settings
from tests.handoff.conftest import T0, add_staff

MINUTE = timedelta(minutes=1)


def _outbox(url: str) -> list[tuple[str, str]]:
    with get_engine(url).connect() as connection:
        rows = connection.execute(
            sa.select(web_outbox.c.conversation_key, web_outbox.c.body).order_by(web_outbox.c.id)
        )
        return [tuple(row) for row in rows]


async def _two_instances(settings: Settings, now) -> list[int]:
    """Two web instances looking at the same moment (each query runs in its own thread)."""
    return list(await asyncio.gather(notify_unclaimed(settings, now), notify_unclaimed(settings, now)))


def test_each_due_ticket_is_noticed_once_across_instances(empty_databases, tmp_path) -> None:
    for url in empty_databases:
        upgrade(url)
        settings = Settings.from_env(
            {
                "DATABASE_URL": url,
                "VAR_DIR": str(tmp_path / "var"),
                "HELPLINE_HOURS": "mon-fri 09:00-18:00",
                "HANDOFF_UNCLAIMED_MINUTES": "20",
            }
        )
        staff = add_staff(url, "ana")
        due = open_ticket(url, "web-due", "rest", "ht", "asked", {}, now=T0)
        recent = open_ticket(url, "web-recent", "rest", "es", "asked", {}, now=T0 + 10 * MINUTE)
        claimed = open_ticket(url, "web-claimed", "rest", "es", "asked", {}, now=T0)
        claim(url, claimed, staff, now=T0 + MINUTE)
        released = open_ticket(url, "web-released", "rest", "es", "asked", {}, now=T0)
        release(url, released, now=T0 + MINUTE)
        sunday = open_ticket(url, "web-sunday", "rest", "es", "asked", {}, now=T0 - timedelta(days=1))
        now = T0 + 25 * MINUTE
        assert sorted(asyncio.run(_two_instances(settings, now))) == [0, 1], url
        assert _outbox(url) == [(conversation_key("web-due"), translate("ht", "handoff.unclaimed"))]
        assert get_ticket(url, due).unclaimed_notice_at == now
        # told at opening that nobody was there: marked, not told again
        assert get_ticket(url, sunday).unclaimed_notice_at == now
        for other in (recent, claimed, released):
            assert get_ticket(url, other).unclaimed_notice_at is None, other
        assert asyncio.run(notify_unclaimed(settings, now + 10 * MINUTE)) == 1  # "recent" is due now
        assert asyncio.run(notify_unclaimed(settings, now + 60 * MINUTE)) == 0
        assert len(_outbox(url)) == 2
