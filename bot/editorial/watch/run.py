"""One pass of the source watch over every URL the knowledge base cites, and the schedule that runs a
pass once per period across every web instance (a lease in the database, bot/db/leases.py).

Politeness: one request at a time per host with a pause between them, a few hosts in parallel, and
at most MAX_URLS_PER_PASS fetches per pass, the least recently fetched first so that every URL gets
its turn. Fetching is async; the results are written in one transaction at the end.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.leases import holder_name, take_lease
from bot.db.tables import source_changes, source_pages
from bot.editorial.watch.compare import clip, is_change
from bot.editorial.watch.extract import extract
from bot.editorial.watch.fetch import ERROR_CHARS, Fetched, fetch, make_client

if TYPE_CHECKING:
    from bot.kb.model import KnowledgeBase
    from bot.kb.store import KnowledgeBaseStore
    from bot.settings import Settings

logger = logging.getLogger(__name__)
JOB = "source_watch"
MAX_URLS_PER_PASS = 300
MAX_HOSTS_AT_ONCE = 4
CHECK_EVERY_S = 300  # how often an instance looks whether the period's pass is due

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class Politeness:
    delay_s: float = 5.0  # between two requests to one host
    timeout_s: float = 20.0
    max_urls: int = MAX_URLS_PER_PASS
    max_hosts: int = MAX_HOSTS_AT_ONCE

    @classmethod
    def from_settings(cls, settings: Settings) -> Politeness:
        return cls(delay_s=settings.source_watch_delay_s, timeout_s=settings.source_watch_timeout_s)


@dataclass(frozen=True)
class PassResult:
    fetched: int
    unchanged: int  # 304, or the same text
    changed: int
    baselines: int  # first good fetch of a URL
    failed: int
    left_for_later: int  # over the per-pass bound


def cited_urls(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Every source URL of every pathway (its sources, its conditions' and filing deadline's source),
    with the ids of the pathways that cite it."""
    citing: dict[str, set[str]] = {}
    for pathway in kb.pathways:
        urls = {source.url for source in pathway.sources}
        urls |= {p.source for p in pathway.conditions.predicates() if p.source}
        if pathway.filing_deadline and pathway.filing_deadline.source:
            urls.add(pathway.filing_deadline.source)
        for url in urls:
            citing.setdefault(url, set()).add(pathway.id)
    return {url: tuple(sorted(ids)) for url, ids in sorted(citing.items())}


def _known_pages(database_url: str, urls: list[str]) -> dict[str, sa.Row]:
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(sa.select(source_pages).where(source_pages.c.url.in_(urls))).all()
    return {row.url: row for row in rows}


def _due_first(urls: list[str], known: dict[str, sa.Row]) -> list[str]:
    never = datetime.min.replace(tzinfo=timezone.utc)
    return sorted(urls, key=lambda url: (known[url].fetched_at or never) if url in known else never)


def _by_host(urls: list[str]) -> dict[str, list[str]]:
    hosts: dict[str, list[str]] = {}
    for url in urls:
        hosts.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    return hosts


async def _fetch_all(
    urls: list[str], known: dict[str, sa.Row], politeness: Politeness, sleep: Sleep
) -> list[Fetched]:
    hosts_at_once = asyncio.Semaphore(politeness.max_hosts)
    results: list[Fetched] = []

    async def one_host(client, host_urls: list[str]) -> None:
        async with hosts_at_once:
            for index, url in enumerate(host_urls):
                if index and politeness.delay_s:
                    await sleep(politeness.delay_s)
                row = known.get(url)
                # Conditional only against a baseline we hold: a 304 with nothing stored tells nothing.
                if row is not None and row.digest is not None:
                    results.append(await fetch(client, url, row.etag, row.last_modified))
                else:
                    results.append(await fetch(client, url))

    async with make_client(politeness.timeout_s) as client:
        await asyncio.gather(*(one_host(client, host_urls) for host_urls in _by_host(urls).values()))
    return results


def _record(
    database_url: str,
    results: list[Fetched],
    known: dict[str, sa.Row],
    citing: dict[str, tuple[str, ...]],
    now: datetime,
    left: int,
) -> PassResult:
    counts = {"unchanged": 0, "changed": 0, "baselines": 0, "failed": 0}
    with get_engine(database_url).begin() as connection:
        for fetched in results:
            row = known.get(fetched.url)
            values: dict = {"status": fetched.status, "fetched_at": now, "error": None}
            if fetched.not_modified:
                counts["unchanged"] += 1
            elif not fetched.usable:
                values["error"] = (fetched.error or "failed")[:ERROR_CHARS]
                counts["failed"] += 1
            else:
                page = extract(fetched.body, fetched.content_type)
                values |= {
                    "etag": (fetched.etag or None) and fetched.etag[:255],
                    "last_modified": (fetched.last_modified or None) and fetched.last_modified[:64],
                    "text": page.text,
                    "digest": page.digest,
                }
                before = row.digest if row is not None else None
                if is_change(before, page.digest):
                    connection.execute(
                        source_changes.insert().values(
                            url=fetched.url,
                            pathway_ids=list(citing.get(fetched.url, ())),
                            before=clip(row.text or ""),
                            after=clip(page.text or ""),
                            detected_at=now,
                        )
                    )
                    values["changed_at"] = now
                    counts["changed"] += 1
                elif before is None:
                    counts["baselines"] += 1
                else:
                    counts["unchanged"] += 1
            if row is None:
                connection.execute(source_pages.insert().values(url=fetched.url, **values))
            else:
                connection.execute(source_pages.update().where(source_pages.c.id == row.id).values(**values))
    return PassResult(fetched=len(results), left_for_later=left, **counts)


async def run_pass(
    database_url: str,
    kb: KnowledgeBase,
    politeness: Politeness = Politeness(),
    now: datetime | None = None,
    sleep: Sleep = asyncio.sleep,
) -> PassResult:
    """Fetch the cited URLs (within the bound), record what changed, and say what happened."""
    citing = cited_urls(kb)
    urls = list(citing)
    known = await asyncio.to_thread(_known_pages, database_url, urls)
    due = _due_first(urls, known)
    chosen = due[: politeness.max_urls]
    results = await _fetch_all(chosen, known, politeness, sleep)
    now = now or datetime.now(timezone.utc)
    result = await asyncio.to_thread(
        _record, database_url, results, known, citing, now, len(due) - len(chosen)
    )
    logger.info("Source watch pass: %s", result)
    return result


async def watch_periodically(
    settings: Settings, store: KnowledgeBaseStore, sleep: Sleep = asyncio.sleep
) -> None:
    """Every SOURCE_WATCH_HOURS, one pass across all instances: the instance that takes the period's
    lease runs it, the others skip until the lease expires."""
    period = timedelta(hours=settings.source_watch_hours)
    holder = holder_name(settings.web_port)
    politeness = Politeness.from_settings(settings)
    while True:
        try:
            if await asyncio.to_thread(take_lease, settings.database_url, JOB, holder, period):
                await run_pass(settings.database_url, store.get(), politeness)
        except Exception as exc:  # a database or network hiccup must not end the loop
            logger.error("Source watch pass failed: %s", type(exc).__name__)
        await sleep(CHECK_EVERY_S)
