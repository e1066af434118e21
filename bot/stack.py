"""Start Rasa, the action server and the web service together; stop them together.

`python -m bot.stack` (what `make run` runs) migrates the database, makes sure a model is trained,
starts the three processes with settings from bot/settings.py, prints the URLs once all answer,
and on Ctrl-C or SIGTERM stops all three. Each process's output is prefixed with its name and
also written to var/log/<name>.log.
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
from bot.settings import PROJECT_ROOT, Settings, get_settings
from bot.training import ensure_model, rasa_env

STARTUP_TIMEOUT_S = 300
STOP_TIMEOUT_S = 15


@dataclass
class Child:
    name: str
    args: list[str]
    health_url: str
    process: subprocess.Popen | None = None


def children(settings: Settings, model: Path) -> list[Child]:
    py = sys.executable
    base = f"http://{settings.internal_host}"
    return [
        Child("web", [py, "-m", "bot.web"], f"{base}:{settings.web_port}/health"),
        Child(
            "actions",
            [py, "-m", "rasa_sdk", "--actions", "actions", "--port", str(settings.actions_port)],
            f"{base}:{settings.actions_port}/health",
        ),
        Child(
            "rasa",
            [
                py,
                "-m",
                "rasa",
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
    )
    if settings.redis_url:
        env["REDIS_URL"] = settings.redis_url
    return env


def _pump(name: str, stream: IO[bytes], log_file: IO[bytes]) -> None:
    prefix = f"[{name}] ".encode()
    for line in iter(stream.readline, b""):
        log_file.write(line)
        log_file.flush()
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


def run(settings: Settings) -> int:
    upgrade(settings.database_url)
    model = ensure_model(settings)
    log_dir = settings.var_dir / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    running = children(settings, model)
    stopping = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    env = child_env(settings)
    for child in running:
        log_file = (log_dir / f"{child.name}.log").open("ab")
        child.process = subprocess.Popen(
            child.args, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        threading.Thread(target=_pump, args=(child.name, child.process.stdout, log_file), daemon=True).start()

    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    waiting = list(running)
    while waiting and not stopping.is_set() and time.monotonic() < deadline:
        waiting = [c for c in waiting if not _answers(c.health_url)]
        if any(c.process.poll() is not None for c in running):
            break
        time.sleep(0.5)
    exit_code = 0
    if waiting or any(c.process.poll() is not None for c in running):
        if not stopping.is_set():
            names = ", ".join(c.name for c in waiting) or "a process"
            print(f"stack: {names} did not start; see {log_dir}", file=sys.stderr, flush=True)
            exit_code = 1
    else:
        host = "localhost" if settings.bind_host in ("127.0.0.1", "0.0.0.0", "::") else settings.internal_host
        print(
            "\nThe assistant is running (Ctrl-C stops everything):\n"
            f"  web chat       http://{host}:{settings.web_port}/chat\n"
            f"  health         http://{host}:{settings.web_port}/health\n"
            f"  Rasa REST      http://{host}:{settings.rasa_port}/webhooks/rest/webhook\n"
            f"  action server  http://{host}:{settings.actions_port}/health\n"
            "  staff console  not built yet (handoff comes in a later issue)\n",
            flush=True,
        )
        while not stopping.is_set():
            crashed = [c for c in running if c.process.poll() is not None]
            if crashed:
                print(f"stack: {crashed[0].name} exited; stopping", file=sys.stderr, flush=True)
                exit_code = 1
                break
            stopping.wait(1)
    stop(running)
    return exit_code


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    sys.exit(run(get_settings()))


if __name__ == "__main__":
    main()
