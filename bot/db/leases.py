"""Leases that make a scheduled job run once across instances, on SQLite and PostgreSQL alike.

Every web instance schedules the retention purge; with several instances (bot/cluster.py, or
several hosts) it must still run once per period. The instance whose atomic UPDATE finds the
job's lease expired takes it for one period and runs the job; the others find it held and skip.
If the holder dies, the lease simply expires and the next instance to look takes it.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.tables import job_leases

MAX_HOLDER_CHARS = 128


def holder_name(port: int | str = "") -> str:
    """Who holds a lease: host, port and process, enough to find the instance in its logs."""
    return f"{socket.gethostname()[:60]}:{port}/{os.getpid()}"[:MAX_HOLDER_CHARS]


def take_lease(
    database_url: str, job: str, holder: str, period: timedelta, now: datetime | None = None
) -> bool:
    """True when `holder` now holds `job`'s lease for `period` and should run the job.

    A lease that has not expired is never taken, not even by its own holder: a period is run once.
    """
    now = now or datetime.now(timezone.utc)
    values = {"holder": holder[:MAX_HOLDER_CHARS], "expires_at": now + period}
    engine = get_engine(database_url)
    with engine.begin() as connection:
        # Atomic on both databases: PostgreSQL re-checks the WHERE after waiting for a concurrent
        # updater's row lock, and SQLite runs one writer at a time.
        taken = connection.execute(
            job_leases.update()
            .where(job_leases.c.name == job, job_leases.c.expires_at <= now)
            .values(**values)
        ).rowcount
        if taken:
            return True
        if connection.execute(sa.select(job_leases.c.name).where(job_leases.c.name == job)).first():
            return False
    try:  # the job's first run anywhere: the primary key lets one insert win
        with engine.begin() as connection:
            connection.execute(job_leases.insert().values(name=job, **values))
        return True
    except sa.exc.IntegrityError:
        return False


def lease_holder(database_url: str, job: str) -> str | None:
    """Who took `job`'s lease last (expired or not), for logs and tests."""
    with get_engine(database_url).connect() as connection:
        return connection.execute(
            sa.select(job_leases.c.holder).where(job_leases.c.name == job)
        ).scalar_one_or_none()
