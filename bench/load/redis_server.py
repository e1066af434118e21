"""A throwaway Redis on a free loopback port, for the `ours-workers` target: Rasa runs several
Sanic workers only with a lock store they share (bot/settings.py RASA_WORKERS)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import redis

from tests.helpers.stack import free_port

START_TIMEOUT_S = 10


@contextmanager
def throwaway_redis() -> Iterator[str]:
    """Yields a redis:// URL; the server and its directory are gone afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed (Debian: apt-get install redis-server)")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="bench-redis-") as workdir:
        args = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
        process = subprocess.Popen(
            [*args, "--dir", workdir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            client = redis.Redis(host="127.0.0.1", port=port)
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the throwaway Redis did not start") from None
                    time.sleep(0.05)
            yield f"redis://127.0.0.1:{port}/1"
        finally:
            process.terminate()
            process.wait(timeout=10)
