"""A scheduled job's lease is taken by one contender per period, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import threading
from datetime import datetime, timedelta, timezone

from bot import web
from bot.db.leases import holder_name, lease_holder, take_lease
from bot.db.migrate import upgrade
from bot.settings import Settings

HOUR = timedelta(hours=1)
T0 = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)


def test_two_contenders_one_period_one_winner(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        assert take_lease(url, "retention_purge", "web-a", HOUR, now=T0) is True, url
        assert take_lease(url, "retention_purge", "web-b", HOUR, now=T0) is False, url
        # Not even the holder runs the job again within its period.
        assert take_lease(url, "retention_purge", "web-a", HOUR, now=T0 + timedelta(minutes=59)) is False
        assert lease_holder(url, "retention_purge") == "web-a", url


def test_an_expired_lease_goes_to_the_next_contender(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        assert take_lease(url, "retention_purge", "web-a", HOUR, now=T0) is True, url
        # web-a died; an hour later web-b looks and takes it, and web-a (back) does not.
        assert take_lease(url, "retention_purge", "web-b", HOUR, now=T0 + HOUR) is True, url
        assert take_lease(url, "retention_purge", "web-a", HOUR, now=T0 + HOUR) is False, url
        assert lease_holder(url, "retention_purge") == "web-b", url


def test_jobs_have_separate_leases(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        assert take_lease(url, "retention_purge", "web-a", HOUR, now=T0) is True, url
        assert take_lease(url, "reminders", "web-b", HOUR, now=T0) is True, url
        assert lease_holder(url, "reminders") == "web-b", url
        assert lease_holder(url, "never_taken") is None, url


def _race(url: str, moment: datetime, contenders: int = 8) -> list[str]:
    """Every contender tries at once (a barrier releases them together); returns the winners."""
    wins: list[str] = []
    start = threading.Barrier(contenders)

    def contend(name: str) -> None:
        start.wait()
        if take_lease(url, "retention_purge", name, HOUR, now=moment):
            wins.append(name)

    threads = [threading.Thread(target=contend, args=(f"web-{n}",)) for n in range(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return wins


def test_contenders_racing_at_the_same_moment_get_one_lease(empty_databases) -> None:
    """Eight threads, for the first period (insert race) and for a later one (update race)."""
    for url in empty_databases:
        upgrade(url)
        for moment in (T0, T0 + HOUR):
            wins = _race(url, moment)
            assert len(wins) == 1, (url, moment, wins)
            assert lease_holder(url, "retention_purge") == wins[0], url


def test_holder_name_names_the_port_and_process() -> None:
    assert holder_name(8001).endswith(f":8001/{os.getpid()}")


def test_two_web_instances_purge_once(tmp_path, monkeypatch) -> None:
    """The web service's scheduler, twice at once on one database: one purge between them."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    upgrade(url)
    purged: list[str] = []
    monkeypatch.setattr(web, "PURGE_CHECK_S", 0.02)
    monkeypatch.setattr(web, "purge_expired", lambda database_url, days: purged.append(database_url))

    def instance(port: int) -> Settings:
        return Settings.from_env(
            {"DATABASE_URL": url, "VAR_DIR": str(tmp_path / "var"), "WEB_PORT": str(port)}
        )

    async def both_for_a_while() -> None:
        tasks = [asyncio.create_task(web._purge_periodically(instance(p))) for p in (8001, 8002)]
        await asyncio.sleep(0.5)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    asyncio.run(both_for_a_while())
    assert purged == [url]
