"""Start the real three-process stack (`python -m bot.stack`) on free loopback ports for a test run."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from bot.secrets import secret
from bot.settings import PROJECT_ROOT, Settings

STARTUP_TIMEOUT_S = 240
REQUEST_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningStack:
    settings: Settings
    env: dict[str, str]
    process: subprocess.Popen
    output: Path

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.web_port}"

    @property
    def rest_url(self) -> str:
        return f"{self.settings.rasa_url}/webhooks/rest/webhook"

    @property
    def rest_headers(self) -> dict[str, str]:
        """What our own tools send to the REST channel (bot/channels/rest.py)."""
        return {"Authorization": f"Bearer {secret(self.settings, 'rest_channel_token')}"}

    def say(self, sender: str, message: str) -> list[dict]:
        response = requests.post(
            self.rest_url,
            json={"sender": sender, "message": message},
            headers=self.rest_headers,
            timeout=REQUEST_TIMEOUT_S,
        )
        response.raise_for_status()
        return response.json()

    def converse(
        self, sender: str, opening: list[str], answers: dict[str, str], max_turns: int = 15
    ) -> list[dict]:
        """Send the opening messages, then answer each question the bot asks from `answers`
        (fact id -> text) until the results message arrives. Returns every bot message."""
        transcript: list[dict] = []
        replies: list[dict] = []
        for text in opening:
            replies = self.say(sender, text)
            transcript += replies
        for _ in range(max_turns):
            customs = [m["custom"] for m in replies if "custom" in m]
            if any("results" in c for c in customs):
                return transcript
            questions = [c["question"] for c in customs if "question" in c]
            assert questions, f"the bot neither asked nor answered: {replies}"
            asked = questions[-1]
            options = [c.get("options", []) for c in customs if c.get("question") == asked][-1]
            if asked not in answers and "none" in options:
                # A list question (what the person holds or held): this persona holds none of them.
                answers = {**answers, asked: str(options.index("none") + 1)}
            assert asked in answers, f"unexpected question {asked!r} (persona has {sorted(answers)})"
            replies = self.say(sender, answers[asked])
            transcript += replies
        raise AssertionError(f"no results after {max_turns} answers")

    def logs(self) -> str:
        parts = [self.output.read_text(errors="replace")]
        parts += [
            p.read_text(errors="replace") for p in sorted((self.settings.var_dir / "log").glob("*.log"))
        ]
        return "\n".join(parts)

    def group_pids(self) -> list[int]:
        """Every live process in the stack's process group (the launcher and its three children)."""
        return process_group(self.process.pid)


def process_group(pgid: int) -> list[int]:
    """Every live process whose process group is `pgid`."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pgid:
                    pids.append(int(entry.name))
            except (ProcessLookupError, PermissionError):
                continue
    return pids


READY_BANNER = "The assistant is running"


def _ready(stack: RunningStack) -> bool:
    # The launcher prints its banner only after all three processes answered their health checks.
    if READY_BANNER not in stack.output.read_text(errors="replace"):
        return False
    urls = [
        f"{stack.web_url}/health",
        f"{stack.settings.rasa_url}/",
        stack.settings.action_endpoint_url.replace("/webhook", "/health"),
    ]
    try:
        return all(requests.get(url, timeout=2).status_code == 200 for url in urls)
    except requests.RequestException:
        return False


@contextmanager
def running_stack(var_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[RunningStack]:
    env = dict(os.environ)
    env.update(
        VAR_DIR=str(var_dir),
        RASA_PORT=str(free_port()),
        ACTIONS_PORT=str(free_port()),
        WEB_PORT=str(free_port()),
        BIND_HOST="127.0.0.1",
        RASA_TELEMETRY_ENABLED="false",
        **(extra_env or {}),
    )
    settings = Settings.from_env(env)
    var_dir.mkdir(parents=True, exist_ok=True)
    output = var_dir / "stack.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.stack"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so one signal reaches all of it
        )
    stack = RunningStack(settings, env, process, output)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not _ready(stack):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"stack did not start:\n{stack.logs()[-5000:]}")
            time.sleep(0.5)
        yield stack
    finally:
        stop(stack)


def stop(stack: RunningStack, timeout: float = 40) -> None:
    """SIGTERM to the process group, as a service manager would send; SIGKILL only as a last resort."""
    if stack.process.poll() is None:
        os.killpg(stack.process.pid, signal.SIGTERM)
    try:
        stack.process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(stack.process.pid, signal.SIGKILL)
        stack.process.wait()
        raise
    deadline = time.monotonic() + timeout
    while stack.group_pids() and time.monotonic() < deadline:
        time.sleep(0.2)
