"""The deployments under load, each started on free loopback ports and stopped afterwards:
our three-process stack (tests/helpers/stack.py) with the SMS channel pointed at a fake Twilio,
and the stock bot's `rasa run` with its REST channel.

Cold start is measured from launch to the first answered REST turn.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from bench.load.generator import RestChannel, SmsChannel
from bench.load.sms import sms_env
from bench.load.stock import StockModel
from bot.training import ensure_model, rasa_env
from tests.helpers.fake_providers import FakeTwilio
from tests.helpers.stack import free_port, process_group, running_stack

COLD_START_TIMEOUT_S = 300
STOP_TIMEOUT_S = 40


@dataclass
class Deployment:
    rest: RestChannel
    pids: Callable[[], list[int]]
    cold_start_s: float
    default_role: str
    sms: SmsChannel | None = None


def first_answer(url: str, token: str | None, opening: str, deadline: float) -> None:
    """Send `opening` until the REST channel answers it with at least one message."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    sender = f"cold-{secrets.token_hex(6)}"
    while time.monotonic() < deadline:
        try:
            response = requests.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": sender, "message": opening},
                headers=headers,
                timeout=30,
            )
            if response.status_code == 200 and response.json():
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} gave no answer within {COLD_START_TIMEOUT_S} s")


@contextmanager
def ours(extra_env: dict[str, str] | None = None) -> Iterator[Deployment]:
    """Our stack on SQLite in a temporary VAR_DIR, REST and SMS channels on (`extra_env` on top)."""
    ensure_model()  # trained or reused before the clock starts: cold start is not training
    twilio = FakeTwilio().start()
    token = secrets.token_urlsafe(24)
    env = {
        "REST_CHANNEL_TOKEN": token,
        "INTERNAL_TOKEN": secrets.token_urlsafe(24),
        **sms_env(twilio.base_url),
        **(extra_env or {}),
    }
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        launched = time.monotonic()
        with running_stack(Path(tmp) / "var", env) as stack:
            first_answer(stack.settings.rasa_url, token, "hola", launched + COLD_START_TIMEOUT_S)
            cold = time.monotonic() - launched
            yield Deployment(
                rest=RestChannel(stack.settings.rasa_url, token),
                pids=stack.group_pids,
                cold_start_s=round(cold, 2),
                default_role="other",
                sms=SmsChannel(stack.settings.rasa_url, twilio),
            )


@contextmanager
def stock(model: StockModel) -> Iterator[Deployment]:
    """`rasa run` of the stock project with its REST channel, in its own process group."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    args = [sys.executable, "-m", "rasa", "run", "--model", str(model.model), "--interface", "127.0.0.1"]
    args += ["--port", str(port), "--credentials", "credentials.yml", "--endpoints", "endpoints.yml"]
    with tempfile.TemporaryFile() as sink:
        launched = time.monotonic()
        process = subprocess.Popen(
            args,
            cwd=model.project,
            env=rasa_env(),
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            first_answer(url, None, "hello", launched + COLD_START_TIMEOUT_S)
            cold = time.monotonic() - launched
            yield Deployment(
                rest=RestChannel(url, None, prefix="stock"),
                pids=lambda: process_group(process.pid),
                cold_start_s=round(cold, 2),
                default_role="stock-rasa",
            )
        except RuntimeError:
            sink.seek(0)
            print(sink.read()[-4000:].decode(errors="replace"), file=sys.stderr)
            raise
        finally:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
