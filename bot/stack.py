"""Start Rasa, the action server and the web service, keep them running, and stop them together.

`python -m bot.stack` (what `make run` runs) migrates the database, makes sure a model is trained,
starts the three processes with settings from bot/settings.py, prints the URLs once all answer,
and on Ctrl-C or SIGTERM stops all three. A process that dies is started again on its own, after
a pause that grows with each failure in a row (RESTART_BACKOFF_S), while the others keep serving.
Each process's output is prefixed with its name and written to var/log/<name>.log, rotated daily
and deleted after the retention period.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from bot.db.migrate import upgrade
from bot.logs import LogSink, purge_old_logs
from bot.secrets import secret
from bot.settings import PROJECT_ROOT, Settings, get_settings
from bot.training import ensure_model, rasa_env

STARTUP_TIMEOUT_S = 300
STOP_TIMEOUT_S = 15
RESTART_BACKOFF_S = (1, 2, 5, 10, 30)  # after 1, 2, 3… failures in a row
STABLE_AFTER_S = 60  # up this long, a process's failure count starts again from zero
LOG_PURGE_EVERY_S = 3600


@dataclass
class Child:
    name: str
    args: list[str]
    health_url: str
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    failures: int = 0  # in a row
    restart_at: float | None = None
    restarts: int = 0
    env: dict[str, str] | None = None  # its own environment; else the supervisor's (bot/cluster.py)


def children(settings: Settings, model: Path, suffix: str = "") -> list[Child]:
    """The three processes; `suffix` names one instance of them when several run (bot/cluster.py)."""
    py = sys.executable
    base = f"http://{settings.internal_host}"
    return [
        Child(f"web{suffix}", [py, "-m", "bot.web"], f"{base}:{settings.web_port}/health"),
        Child(
            f"actions{suffix}",
            [py, "-m", "bot.action_server", "--port", str(settings.actions_port)],
            f"{base}:{settings.actions_port}/health",
        ),
        Child(
            f"rasa{suffix}",
            [
                py,
                "-m",
                "bot.rasa_plugins.server",
                "run",
                "--model",
                str(model),
                "--endpoints",
                "endpoints.yml",
                "--credentials",
                "credentials.yml",
                "--interface",
                settings.bind_host,
                "--port",
                str(settings.rasa_port),
            ],
            f"{base}:{settings.rasa_port}/",
        ),
    ]


def child_env(settings: Settings) -> dict[str, str]:
    env = rasa_env()
    env.update(
        DATABASE_URL=settings.database_url,
        ACTION_ENDPOINT_URL=settings.action_endpoint_url,
        NLG_ENDPOINT_URL=settings.nlg_endpoint_url,
        SANIC_HOST=settings.bind_host,  # the action server reads its interface from here
        RASA_PORT=str(settings.rasa_port),
        ACTIONS_PORT=str(settings.actions_port),
        WEB_PORT=str(settings.web_port),
        # The same secrets for all three, whether configured or generated into var/secrets.
        REST_CHANNEL_TOKEN=secret(settings, "rest_channel_token"),
        INTERNAL_TOKEN=secret(settings, "internal_token"),
        PSEUDONYM_KEY=secret(settings, "pseudonym_key"),
    )
    if settings.redis_url:
        env["REDIS_URL"] = settings.redis_url
    # Read by Rasa only (`rasa run`); it refuses more than one without a shared lock store.
    env["SANIC_WORKERS"] = str(settings.rasa_workers)
    return env


def _pump(name: str, stream: IO[bytes], sink: LogSink) -> None:
    prefix = f"[{name}] ".encode()
    for line in iter(stream.readline, b""):
        sink.write(line)
        sys.stdout.buffer.write(prefix + line)
        sys.stdout.buffer.flush()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def stop(running: list[Child]) -> None:
    for child in running:
        if child.process and child.process.poll() is None:
            child.process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for child in running:
        if child.process is None:
            continue
        try:
            child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.process.kill()
            child.process.wait()


def _say(text: str) -> None:
    print(f"stack: {text}", file=sys.stderr, flush=True)


class Supervisor:
    """Starts the children, restarts the ones that die, stops them all on request."""

    def __init__(self, settings: Settings, running: list[Child]) -> None:
        self.settings = settings
        self.running = running
        self.env = child_env(settings)
        self.log_dir = settings.var_dir / "log"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.sinks = {c.name: LogSink(self.log_dir, c.name) for c in running}
        self.stopping = threading.Event()

    def start(self, child: Child) -> None:
        child.process = subprocess.Popen(
            child.args,
            cwd=PROJECT_ROOT,
            env=child.env or self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        child.started_at = time.monotonic()
        child.restart_at = None
        threading.Thread(
            target=_pump, args=(child.name, child.process.stdout, self.sinks[child.name]), daemon=True
        ).start()

    def watch(self) -> None:
        """One look at every child: schedule a restart for the dead, carry out those that are due."""
        now = time.monotonic()
        for child in self.running:
            if child.restart_at is not None:
                if now >= child.restart_at and not self.stopping.is_set():
                    _say(f"restarting {child.name} (restart {child.restarts + 1})")
                    child.restarts += 1
                    self.start(child)
                continue
            code = child.process.poll()
            if code is None:
                if child.failures and now - child.started_at >= STABLE_AFTER_S:
                    child.failures = 0
                continue
            if now - child.started_at >= STABLE_AFTER_S:
                child.failures = 0
            delay = RESTART_BACKOFF_S[min(child.failures, len(RESTART_BACKOFF_S) - 1)]
            child.failures += 1
            child.restart_at = now + delay
            _say(f"{child.name} exited with code {code}; starting it again in {delay} s")

    def wait_until_ready(self) -> list[Child]:
        """The children that did not answer their health check in time."""
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        waiting = list(self.running)
        while waiting and not self.stopping.is_set() and time.monotonic() < deadline:
            self.watch()
            waiting = [c for c in waiting if not _answers(c.health_url)]
            if any(c.failures >= len(RESTART_BACKOFF_S) for c in self.running):
                break  # failing over and over while starting: a configuration problem
            time.sleep(0.5)
        return waiting

    def purge_logs(self) -> None:
        """Rotate logs that stayed quiet since yesterday, then delete those past the retention."""
        try:
            for sink in self.sinks.values():
                sink.rotate_if_due()
            purge_old_logs(self.log_dir, self.settings.retention_days)
        except OSError as exc:
            _say(f"could not purge old logs: {type(exc).__name__}")


def _banner(settings: Settings) -> str:
    host = "localhost" if settings.bind_host in ("127.0.0.1", "0.0.0.0", "::") else settings.internal_host
    return (
        "\nThe assistant is running (Ctrl-C stops everything):\n"
        f"  web chat       http://{host}:{settings.web_port}/chat\n"
        f"  health         http://{host}:{settings.web_port}/health\n"
        f"  Rasa REST      http://{host}:{settings.rasa_port}/webhooks/rest/webhook"
        f"  (Authorization: Bearer <REST_CHANNEL_TOKEN>, see {settings.var_dir / 'secrets'})\n"
        f"  action server  http://{host}:{settings.actions_port}/health\n"
        f"  staff console  http://{host}:{settings.web_port}/console"
        "  (first account: .venv/bin/pathways-admin create-user NAME --role admin)\n"
    )


def run(settings: Settings) -> int:
    upgrade(settings.database_url)
    model = ensure_model(settings)
    return supervise(Supervisor(settings, children(settings, model)), _banner(settings))


def supervise(supervisor: Supervisor, banner: str) -> int:
    """Start every child, print `banner` once all answer, keep them running until a signal."""

    def on_signal(signum: int, _frame: object) -> None:
        supervisor.stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    supervisor.purge_logs()
    for child in supervisor.running:
        supervisor.start(child)
    waiting = supervisor.wait_until_ready()
    exit_code = 0
    if waiting and not supervisor.stopping.is_set():
        names = ", ".join(c.name for c in waiting)
        _say(f"{names} did not start; see {supervisor.log_dir}")
        exit_code = 1
    elif not supervisor.stopping.is_set():
        print(banner, flush=True)
        last_purge = time.monotonic()
        while not supervisor.stopping.wait(0.5):
            supervisor.watch()
            if time.monotonic() - last_purge >= LOG_PURGE_EVERY_S:
                supervisor.purge_logs()
                last_purge = time.monotonic()
    stop([c for c in supervisor.running if c.process is not None])
    return exit_code


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    sys.exit(run(get_settings()))


if __name__ == "__main__":
    main()
