"""Action-server restart under load: 30 people talk over REST for 60 s, the action server is
SIGKILLed at 20 s and the launcher restarts it on its own. Every turn is classified as answered,
failed with a message (the "please write again" apology), silent (200 and nothing to show the
person) or error (non-200, no response in time, or no connection). Silent must be 0 (issue 8, 5).

`python -m bench.restart_under_load` writes bench/results/restart_under_load.json and .md.
"""

from __future__ import annotations

import asyncio
import os
import platform
import random
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import aiohttp

from bench.common import RESULTS_DIR, write_results
from bot.i18n.catalogs import translate
from bot.settings import SUPPORTED_LANGUAGES
from bot.training import ensure_model
from tests.helpers.personas import CONVERSATIONS
from tests.helpers.stack import RunningStack, running_stack

NAME = "restart_under_load"
PEOPLE = 30
DURATION_S = 60.0  # no person starts a turn after this
KILL_AT_S = 20.0
PAUSE_S = (0.3, 1.0)  # between a reply and the person's next message
REQUEST_TIMEOUT_S = 30.0  # a turn that gets no response by then counts as an error ("timeout")
HEALTH_POLL_S = 0.1
HEALTH_WAIT_S = 120.0  # give up waiting for the action server to come back after this
SAME_QUESTION_LIMIT = 4  # asked this many times in a row: the person writes "menú" to start over
START_OVER = "menú"
TRY_AGAIN_ID = "error.try_again"
ACTION_SERVER_MARKER = "bot.action_server"
RESTART_LINE = "stack: restarting "

ANSWERED, FAILED, SILENT, ERROR = "answered", "failed_with_message", "silent", "error"
CLASSES = (ANSWERED, FAILED, SILENT, ERROR)


@dataclass
class Turn:
    person: int
    started: float  # seconds since the load began
    latency_ms: float
    kind: str
    status: int | None = None
    detail: str = ""  # for errors: the HTTP status or exception type; for silent: what came back
    replies: list[dict] = field(default_factory=list, repr=False)

    @property
    def ended(self) -> float:
        return self.started + self.latency_ms / 1000


@dataclass
class Restart:
    killed_pids: list[int] = field(default_factory=list)
    killed_at: float | None = None  # seconds since the load began
    down_seen_at: float | None = None  # first failed /health after the kill
    back_at: float | None = None  # first /health 200 after that
    new_pids: list[int] = field(default_factory=list)


@dataclass
class People:
    """What the simulated people got through, beyond the per-turn classes."""

    results_reached: int = 0  # conversations carried through to the results message
    started_over: int = 0  # "menú" sent because a reply neither asked a known question nor gave results
    stuck: int = 0  # "menú" sent because the same question came back SAME_QUESTION_LIMIT times
    stuck_on: Counter = field(default_factory=Counter)  # "<language> <question>=<the answer sent>"
    unexpected_questions: Counter = field(default_factory=Counter)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return ""


def _action_server_pids(stack: RunningStack) -> list[int]:
    return sorted(pid for pid in stack.group_pids() if ACTION_SERVER_MARKER in _cmdline(pid))


def apology_texts(stack: RunningStack) -> set[str]:
    """The "please write again" message in every language, and its id in case it is untranslated."""
    texts = {TRY_AGAIN_ID}
    for lang in SUPPORTED_LANGUAGES:
        texts.add(translate(lang, TRY_AGAIN_ID, stack.settings.locales_dir).strip())
    return texts


def classify(replies: object, apologies: set[str]) -> tuple[str, str]:
    """(class, detail) of a 200 response whose body was `replies`."""
    if not isinstance(replies, list):
        return ERROR, f"200 with a {type(replies).__name__} body"
    if not replies:
        return SILENT, "200 []"
    messages = [m for m in replies if isinstance(m, dict)]
    texts = [m["text"].strip() for m in messages if isinstance(m.get("text"), str) and m["text"].strip()]
    shown = texts or any(m.get("custom") or m.get("buttons") or m.get("image") for m in messages)
    if not shown:
        return SILENT, "200 with nothing to show"
    if not any("custom" in m for m in messages) and texts and all(t in apologies for t in texts):
        return FAILED, ""
    return ANSWERED, "with the apology" if any(t in apologies for t in texts) else ""


@dataclass
class Load:
    """One run: where to send, what counts as the apology, and what happened."""

    stack: RunningStack
    session: aiohttp.ClientSession
    apologies: set[str]
    t0: float = field(default_factory=time.monotonic)
    turns: list[Turn] = field(default_factory=list)
    people: People = field(default_factory=People)
    restart: Restart = field(default_factory=Restart)

    def clock(self) -> float:
        return time.monotonic() - self.t0


async def say(load: Load, person: int, sender: str, text: str) -> Turn:
    started = time.monotonic()
    status, replies, kind, detail = None, [], ERROR, ""
    try:
        async with load.session.post(
            load.stack.rest_url,
            json={"sender": sender, "message": text},
            headers=load.stack.rest_headers,
            timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S),
        ) as response:
            status = response.status
            if status != 200:
                detail = f"HTTP {status}"
            else:
                try:
                    body = await response.json(content_type=None)
                except ValueError:
                    body = None
                kind, detail = classify(body, load.apologies)
                replies = body if isinstance(body, list) else []
    except asyncio.TimeoutError:
        detail = "timeout"
    except aiohttp.ClientError as exc:
        detail = type(exc).__name__
    latency_ms = (time.monotonic() - started) * 1000
    return Turn(person, started - load.t0, latency_ms, kind, status, detail, replies)


async def person(load: Load, index: int) -> None:
    """One person, closed loop: send, wait for the reply, pause, answer what was asked."""
    lang, opening, answers, _pathway, _status = CONVERSATIONS[index % len(CONVERSATIONS)]
    sender = f"load-{index:02d}-{uuid.uuid4().hex[:10]}"
    rng = random.Random(index)
    people = load.people
    text, last_question, repeats = opening, None, 0
    await asyncio.sleep(rng.uniform(0, PAUSE_S[1]))  # do not all arrive in the same millisecond
    while load.clock() < DURATION_S:
        turn = await say(load, index, sender, text)
        load.turns.append(turn)
        if turn.kind == ANSWERED:  # otherwise the person writes the same message again
            customs = [m["custom"] for m in turn.replies if isinstance(m.get("custom"), dict)]
            questions = [c["question"] for c in customs if "question" in c]
            if any("results" in c for c in customs):
                people.results_reached += 1
                text, last_question, repeats = START_OVER, None, 0
            elif not questions or questions[-1] not in answers:
                if questions:
                    people.unexpected_questions[questions[-1]] += 1
                people.started_over += 1
                text, last_question, repeats = START_OVER, None, 0
            else:
                asked = questions[-1]
                repeats = repeats + 1 if asked == last_question else 1
                last_question = asked
                if repeats >= SAME_QUESTION_LIMIT:
                    people.stuck += 1
                    people.stuck_on[f"{lang} {asked}={answers[asked]!r}"] += 1
                    text, last_question, repeats = START_OVER, None, 0
                else:
                    text = answers[asked]
        await asyncio.sleep(rng.uniform(*PAUSE_S))


async def _healthy(session: aiohttp.ClientSession, url: str) -> bool:
    try:
        async with session.get(url, timeout=aiohttp.ClientTimeout(total=2)) as response:
            return response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False


async def kill_action_server(load: Load) -> None:
    """At KILL_AT_S, SIGKILL the action server; then time how long its /health is away."""
    restart = load.restart
    await asyncio.sleep(max(0.0, KILL_AT_S - load.clock()))
    pids = await asyncio.to_thread(_action_server_pids, load.stack)
    if not pids:
        print(f"{NAME}: no process with {ACTION_SERVER_MARKER!r} in the stack's group", file=sys.stderr)
        return
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    restart.killed_at = load.clock()
    restart.killed_pids = pids
    url = load.stack.settings.action_endpoint_url.replace("/webhook", "/health")
    deadline = time.monotonic() + HEALTH_WAIT_S
    while time.monotonic() < deadline:
        up = await _healthy(load.session, url)
        if restart.down_seen_at is None:
            if not up:
                restart.down_seen_at = load.clock()
        elif up:
            restart.back_at = load.clock()
            restart.new_pids = await asyncio.to_thread(_action_server_pids, load.stack)
            return
        await asyncio.sleep(HEALTH_POLL_S)


async def run_load(stack: RunningStack, apologies: set[str]) -> tuple[Load, float]:
    connector = aiohttp.TCPConnector(limit=PEOPLE + 5)
    async with aiohttp.ClientSession(connector=connector) as session:
        load = Load(stack, session, apologies)
        killer = asyncio.create_task(kill_action_server(load))
        await asyncio.gather(*(person(load, i) for i in range(PEOPLE)))
        elapsed = load.clock()
        await killer
    return load, elapsed


def percentile(samples: list[float], q: float) -> float | None:
    """Nearest-rank percentile."""
    if not samples:
        return None
    ordered = sorted(samples)
    rank = max(1, int(-(-q * len(ordered) // 100)))  # ceil(q/100 * n)
    return ordered[min(rank, len(ordered)) - 1]


def _phase(turn: Turn, restart: Restart) -> str:
    if restart.killed_at is None or turn.started < restart.killed_at:
        return "before_kill"
    if restart.back_at is None or turn.started < restart.back_at:
        return "action_server_down"
    return "after_back"


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def figures_of(load: Load, elapsed: float, output: str, logs: str) -> dict:
    turns, restart, people = load.turns, load.restart, load.people
    counts = Counter(t.kind for t in turns)
    by_phase: dict[str, dict[str, int]] = {}
    for turn in turns:
        phase = by_phase.setdefault(_phase(turn, restart), dict.fromkeys(CLASSES, 0))
        phase[turn.kind] += 1
    answered_ms = [t.latency_ms for t in turns if t.kind == ANSWERED]
    failed = [t for t in turns if t.kind == FAILED]
    failed_ms = [t.latency_ms for t in failed]
    killed = restart.killed_at
    downtime = (
        restart.back_at - restart.killed_at
        if restart.back_at is not None and restart.killed_at is not None
        else None
    )
    return {
        "people": PEOPLE,
        "duration_s": DURATION_S,
        "kill_at_s": KILL_AT_S,
        "turns": len(turns),
        **{kind: counts.get(kind, 0) for kind in CLASSES},
        "silent_is_zero": counts.get(SILENT, 0) == 0,
        "restart_observed": bool(restart.killed_pids) and restart.back_at is not None,
        "by_phase": by_phase,
        "answered_including_the_apology": sum(1 for t in turns if t.kind == ANSWERED and t.detail),
        "error_kinds": dict(Counter(t.detail for t in turns if t.kind == ERROR)),
        "silent_turns": [
            {"t_s": round(t.started, 2), "person": t.person, "detail": t.detail}
            for t in turns
            if t.kind == SILENT
        ],
        "answered_latency_ms": {
            "n": len(answered_ms),
            "p50": _round(percentile(answered_ms, 50)),
            "p95": _round(percentile(answered_ms, 95)),
            "p99": _round(percentile(answered_ms, 99)),
            "max": _round(max(answered_ms) if answered_ms else None),
        },
        "failed_with_message_latency_ms": {
            "n": len(failed_ms),
            "p50": _round(percentile(failed_ms, 50)),
            "max": _round(max(failed_ms) if failed_ms else None),
            "first_started_s": _round(min(t.started for t in failed), 2) if failed else None,
            "last_ended_s": _round(max(t.ended for t in failed), 2) if failed else None,
            "in_flight_at_kill": sum(
                1 for t in failed if killed is not None and t.started < killed <= t.ended
            ),
        },
        "action_server": {
            "killed_pids": restart.killed_pids,
            "killed_at_s": _round(restart.killed_at, 2),
            "health_failed_at_s": _round(restart.down_seen_at, 2),
            "health_back_at_s": _round(restart.back_at, 2),
            "downtime_s": _round(downtime, 2),
            "new_pids": restart.new_pids,
        },
        "launcher_restarts_printed": output.count(RESTART_LINE),
        "launcher_lines": [line for line in output.splitlines() if line.startswith("stack: ")],
        "turns_per_s": round(len(turns) / elapsed, 2) if elapsed else None,
        "elapsed_s": round(elapsed, 1),
        "results_reached": people.results_reached,
        "started_over_unexpected_reply": people.started_over,
        "started_over_stuck": people.stuck,
        "stuck_on": dict(people.stuck_on),
        "unexpected_questions": dict(people.unexpected_questions),
        "traceback_lines_in_logs": logs.count("Traceback"),
    }


def _failed_cell(figures: dict) -> str:
    failed = figures["failed_with_message_latency_ms"]
    if not figures[FAILED]:
        return "0"
    return (
        f"{figures[FAILED]} ({failed['in_flight_at_kill']} in flight at the kill; all between "
        f"{failed['first_started_s']} s and {failed['last_ended_s']} s)"
    )


def table(figures: dict) -> str:
    lat = figures["answered_latency_ms"]
    server = figures["action_server"]
    rows = [
        ("turns", f"{figures['turns']} ({figures['turns_per_s']} turns/s over {figures['elapsed_s']} s)"),
        ("answered", figures[ANSWERED]),
        ("failed with a message", _failed_cell(figures)),
        ("**silent**", f"**{figures[SILENT]}**" + ("" if figures["silent_is_zero"] else " (must be 0)")),
        ("errors", f"{figures[ERROR]} {figures['error_kinds'] or ''}".strip()),
        ("answered latency p50 / p95 / p99", f"{lat['p50']} / {lat['p95']} / {lat['p99']} ms"),
        (
            "action server downtime",
            f"{server['downtime_s']} s (SIGKILL at {server['killed_at_s']} s, "
            f"/health back at {server['health_back_at_s']} s)",
        ),
        ("restarts printed by the launcher", figures["launcher_restarts_printed"]),
        ("conversations through to the results", figures["results_reached"]),
    ]
    phases = figures["by_phase"]
    lines = ["| figure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]
    lines += ["", "| phase | " + " | ".join(CLASSES) + " |", "|---|" + "---|" * len(CLASSES)]
    for name in ("before_kill", "action_server_down", "after_back"):
        if name in phases:
            lines.append(f"| {name} | " + " | ".join(str(phases[name][k]) for k in CLASSES) + " |")
    return "\n".join(lines)


def write_markdown(figures: dict, machine: dict, day: str) -> Path:
    path = RESULTS_DIR / f"{NAME}.md"
    path.write_text(
        f"# Action-server restart under load ({day})\n\n"
        f"{PEOPLE} people over REST for {DURATION_S:.0f} s, action server SIGKILLed at {KILL_AT_S:.0f} s "
        f"and restarted by the launcher. `python -m bench.restart_under_load`; "
        f"{machine['nproc']} CPUs, Python {machine['python']}.\n\n"
        f"{table(figures)}\n"
    )
    return path


def main() -> dict:
    ensure_model()
    with tempfile.TemporaryDirectory() as tmp, running_stack(Path(tmp) / "var") as stack:
        load, elapsed = asyncio.run(run_load(stack, apology_texts(stack)))
        output = stack.output.read_text(errors="replace")
        logs = stack.logs()
    figures = figures_of(load, elapsed, output, logs)
    day = date.today().isoformat()
    machine = {
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
        "nproc": len(os.sched_getaffinity(0)),
    }
    write_results(NAME, {"machine": machine, "date": day, **figures})
    write_markdown(figures, machine, day)
    print(table(figures))
    if not figures["silent_is_zero"]:
        silent = f"{figures[SILENT]} SILENT TURNS (must be 0): {figures['silent_turns']}"
        print(f"{NAME}: {silent}", file=sys.stderr)
    if not figures["restart_observed"]:
        print(f"{NAME}: the action server was not killed, or did not come back", file=sys.stderr)
    return figures


if __name__ == "__main__":
    outcome = main()
    sys.exit(0 if outcome["silent_is_zero"] and outcome["restart_observed"] else 1)
