"""The cluster (`python -m bot.cluster`): two of each process behind HAProxy, on PostgreSQL and Redis.

People converse through HAProxy while one Rasa instance and one action server are SIGKILLed and
started again by the supervisor; every turn must be answered or told to repeat, none answered twice.
Two messages from one person reaching both Rasa instances at once are handled one after the other
(Rasa's Redis lock), and one SMS webhook delivered to both instances is answered once (claims).
Skipped unless DATABASE_URL is PostgreSQL, REDIS_URL is set and haproxy is installed (as in CI).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
import requests
import sqlalchemy as sa
from twilio.request_validator import RequestValidator

from bench.restart_under_load import ANSWERED, FAILED, apology_texts, classify
from bot.cluster import ClusterError, check_ports_free, plan_for
from bot.cluster_haproxy import STATS_SOCKET_NAME, Layout
from bot.db.engine import get_engine
from bot.settings import PROJECT_ROOT, Settings
from bot.training import ensure_model
from tests.helpers.fake_providers import AUTH_TOKEN
from tests.helpers.personas import CONVERSATIONS
from tests.helpers.stack import READY_BANNER, RunningStack, free_port, stop
from tests.integration.conftest import PUBLIC_BASE_URL, SMS_FROM, Fakes

_HAPROXY = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres")
        or not os.environ.get("REDIS_URL")
        or _HAPROXY is None,
        reason="the cluster needs DATABASE_URL=postgresql://…, REDIS_URL and haproxy (as in CI)",
    ),
]

STARTUP_TIMEOUT_S = 300
LOAD_S = 40.0  # no person starts a turn after this
KILL_RASA_AT_S = 8.0
KILL_ACTIONS_AT_S = 14.0
PAUSE_S = (0.3, 0.8)
TURN_TIMEOUT_S = 100.0  # longer than HAProxy's server timeout: HAProxy answers first
PROBE_EVERY_S = 0.1
MAX_TAKEOVER_S = 3.0  # a killed instance is out of HAProxy's rotation within this
# Languages in CONVERSATIONS (tests/helpers/personas.py): six people, every language at least once.
PEOPLE = 6
START_OVER = "menú"  # after the results, the person starts again (as bench/restart_under_load.py)


@dataclass
class Cluster:
    stack: RunningStack  # the public (HAProxy) ports, and the helpers for REST, logs and stopping
    plan: Layout

    def rasa_instance_url(self, number: int) -> str:
        return f"http://127.0.0.1:{self.plan.rasa_ports[number - 1]}"

    def pid_of(self, marker: str, port: int) -> int | None:
        """The live process in the cluster's group whose command line has `marker` and `port`."""
        for pid in self.stack.group_pids():
            try:
                args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except (FileNotFoundError, ProcessLookupError):
                continue
            words = [a.decode(errors="replace") for a in args]
            if any(marker in w for w in words) and "--port" in words and str(port) in words:
                return pid
        return None

    def server_states(self) -> dict[str, str]:
        """HAProxy's view, "backend/server" -> UP, DOWN, …, from its stats socket."""
        path = self.stack.settings.var_dir / STATS_SOCKET_NAME
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(str(path))
            sock.sendall(b"show stat\n")
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        lines = data.decode().splitlines()
        header = lines[0].lstrip("# ").split(",")
        states = {}
        for line in lines[1:]:
            row = dict(zip(header, line.split(","), strict=False))
            if row.get("svname") not in (None, "", "FRONTEND", "BACKEND"):
                states[f"{row['pxname']}/{row['svname']}"] = row["status"].split(" ")[0]
        return states


def _layout_on_free_ports(env: dict[str, str]) -> tuple[dict[str, str], Layout]:
    for _ in range(50):
        ports = {"RASA_PORT": free_port(), "WEB_PORT": free_port(), "ACTIONS_PORT": free_port()}
        if max(ports.values()) > 65000:
            continue
        candidate = {**env, **{k: str(v) for k, v in ports.items()}}
        plan = plan_for(Settings.from_env(candidate), instances=2)
        if len(set(plan.all_ports())) != len(plan.all_ports()):
            continue
        try:
            check_ports_free(plan)
        except ClusterError:
            continue
        return candidate, plan
    raise RuntimeError("no free ports for the cluster")


def _ready(cluster: Cluster) -> bool:
    if READY_BANNER not in cluster.stack.output.read_text(errors="replace"):
        return False
    try:
        return requests.get(f"{cluster.stack.web_url}/health", timeout=2).status_code == 200
    except requests.RequestException:
        return False


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, fake_twilio, fake_graph, fake_telegram) -> Iterator[Cluster]:
    ensure_model()
    root = tmp_path_factory.mktemp("cluster")
    kb_dir = root / "kb"
    shutil.copytree(PROJECT_ROOT / "pathways_kb", kb_dir)
    env = dict(os.environ)
    env.update(
        VAR_DIR=str(root / "var"),
        BIND_HOST="127.0.0.1",
        KB_DIR=str(kb_dir),
        RASA_TELEMETRY_ENABLED="false",
        **Fakes(fake_twilio, fake_graph, fake_telegram).env(),
    )
    env, plan = _layout_on_free_ports(env)
    settings = Settings.from_env(env)
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    output = settings.var_dir / "cluster.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cluster"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: one signal reaches all of it
        )
    running = Cluster(RunningStack(settings, env, process, output), plan)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not _ready(running):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"cluster did not start:\n{running.stack.logs()[-5000:]}")
            time.sleep(0.5)
        yield running
    finally:
        stop(running.stack)


def _events(cluster: Cluster, sender: str) -> list[tuple[str, float]]:
    with get_engine(cluster.stack.settings.database_url).connect() as connection:
        rows = connection.execute(
            sa.text("SELECT type_name, timestamp FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
        ).all()
    return [(row.type_name, row.timestamp) for row in rows]


def _turn_spans(events: list[tuple[str, float]]) -> list[tuple[float, float]]:
    """(first, last) timestamp of each message's processing: from a user event to the next one."""
    spans: list[list[float]] = []
    for kind, moment in events:
        if kind == "user":
            spans.append([moment, moment])
        elif spans:
            spans[-1][1] = moment
    return [(first, last) for first, last in spans]


def test_every_rasa_instance_uses_the_redis_lock_store(cluster: Cluster) -> None:
    logs = cluster.stack.logs()
    for number in (1, 2):
        log = (cluster.stack.settings.var_dir / "log" / f"rasa-{number}.log").read_text(errors="replace")
        assert "Lock store: Redis at" in log, number
    assert "Lock store: in memory" not in logs


def test_one_persons_two_messages_at_two_instances_are_not_interleaved(cluster: Cluster) -> None:
    sender = f"lock-{uuid.uuid4().hex[:12]}"
    assert cluster.stack.say(sender, "hola")  # through HAProxy: the consent and the first question
    apologies = apology_texts(cluster.stack)
    headers = cluster.stack.rest_headers

    def send(number: int, text: str) -> tuple[int, object]:
        response = requests.post(
            f"{cluster.rasa_instance_url(number)}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            headers=headers,
            timeout=TURN_TIMEOUT_S,
        )
        return response.status_code, response.json()

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda job: send(*job), [(1, "Venezuela"), (2, "estoy en Brasil")])
    assert first[0] == 200 and second[0] == 200
    assert classify(first[1], apologies)[0] == ANSWERED, first
    assert classify(second[1], apologies)[0] == ANSWERED, second
    spans = _turn_spans(_events(cluster, sender))
    assert len(spans) == 3, spans  # "hola", then the two messages, each once
    (_, end_a), (start_b, end_b) = sorted(spans[1:])
    assert start_b >= end_a, f"interleaved: one began at {start_b}, before the other ended at {end_a}"
    assert end_b >= start_b


def _sms_webhook(cluster: Cluster, base_url: str, params: dict[str, str]) -> int:
    path = "/webhooks/sms/webhook"
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_BASE_URL + path, params)
    return requests.post(
        base_url + path, data=params, headers={"X-Twilio-Signature": signature}, timeout=TURN_TIMEOUT_S
    ).status_code


def test_one_sms_webhook_at_both_instances_is_answered_once(cluster: Cluster, fake_twilio) -> None:
    number = "+57300" + f"{uuid.uuid4().int % 10**7:07d}"
    params = {"MessageSid": "SM" + uuid.uuid4().hex, "From": number, "To": SMS_FROM, "Body": "hola"}
    params["NumMedia"] = "0"
    with ThreadPoolExecutor(2) as pool:
        statuses = sorted(
            pool.map(lambda n: _sms_webhook(cluster, cluster.rasa_instance_url(n), params), (1, 2))
        )
    # The second either found the first still at work (503: Twilio retries) or already done (200).
    assert statuses in ([200, 200], [200, 503]), statuses
    assert _sms_webhook(cluster, cluster.stack.settings.rasa_url, params) == 200  # Twilio's retry
    sent = fake_twilio.to(number)
    assert len(sent) == 1, sent
    assert "Nunca las comparto con autoridades migratorias" in sent[0]


# --- people conversing while instances are killed -------------------------------------------


@dataclass
class Turn:
    person: int
    started: float
    seconds: float
    kind: str
    detail: str
    asked_before: str | None  # the question this message answered
    asked_after: str | None  # the question in the reply
    replies: list = field(repr=False, default_factory=list)


@dataclass
class Kill:
    name: str
    at: float  # seconds since the load began
    old_pid: int
    out_at: float | None = None  # HAProxy marked it DOWN
    back_at: float | None = None  # HAProxy marked it UP again


@dataclass
class Run:
    cluster: Cluster
    session: aiohttp.ClientSession
    apologies: set[str]
    t0: float = field(default_factory=time.monotonic)
    turns: list[Turn] = field(default_factory=list)
    kills: list[Kill] = field(default_factory=list)
    senders: dict[int, str] = field(default_factory=dict)
    results: int = 0  # conversations carried through to the results
    unexpected: Counter = field(default_factory=Counter)  # questions a persona has no answer to

    def clock(self) -> float:
        return time.monotonic() - self.t0


def _last_question(replies: list) -> tuple[str | None, list[str]]:
    customs = [m["custom"] for m in replies if isinstance(m, dict) and isinstance(m.get("custom"), dict)]
    asked = [c for c in customs if "question" in c]
    if not asked:
        return None, []
    return asked[-1]["question"], list(asked[-1].get("options", []))


def _is_results(replies: list) -> bool:
    return any(isinstance(m.get("custom"), dict) and "results" in m["custom"] for m in replies)


async def _say(run: Run, sender: str, text: str) -> tuple[str, str, list]:
    try:
        async with run.session.post(
            run.cluster.stack.rest_url,
            json={"sender": sender, "message": text},
            headers=run.cluster.stack.rest_headers,
            timeout=aiohttp.ClientTimeout(total=TURN_TIMEOUT_S),
        ) as response:
            if response.status != 200:
                return "error", f"HTTP {response.status}", []
            body = await response.json(content_type=None)
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        return "error", type(exc).__name__, []
    kind, detail = classify(body, run.apologies)
    return kind, detail, body if isinstance(body, list) else []


async def _person(run: Run, index: int, conversation: tuple) -> None:
    """Closed loop through HAProxy: answer each question from the persona, start over at the results."""
    _lang, opening, answers, _pathway, _status = conversation
    sender = f"cluster-{index}-{uuid.uuid4().hex[:10]}"
    run.senders[index] = sender
    rng = random.Random(index)
    text, asked = opening, None
    start_over = START_OVER
    await asyncio.sleep(rng.uniform(0, PAUSE_S[1]))
    while run.clock() < LOAD_S:
        started = run.clock()
        kind, detail, replies = await _say(run, sender, text)
        question, options = _last_question(replies)
        run.turns.append(Turn(index, started, run.clock() - started, kind, detail, asked, question, replies))
        if kind == ANSWERED:  # told to repeat: the person sends the same message again
            if _is_results(replies) or question is None:
                run.results += _is_results(replies)
                text, asked = start_over, None
            else:
                asked = question
                if question in answers:
                    text = answers[question]
                elif "none" in options:  # a list question: this persona holds none of them
                    text = str(options.index("none") + 1)
                else:
                    run.unexpected[question] += 1
                    text, asked = start_over, None
        await asyncio.sleep(rng.uniform(*PAUSE_S))


async def _kill(run: Run, name: str, at: float, marker: str, port: int) -> None:
    await asyncio.sleep(max(0.0, at - run.clock()))
    pid = await asyncio.to_thread(run.cluster.pid_of, marker, port)
    assert pid is not None, f"no {name} process on port {port}"
    os.kill(pid, signal.SIGKILL)
    kill = Kill(name, run.clock(), pid)
    run.kills.append(kill)
    server = f"{name.split('-')[0]}/{name}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        state = (await asyncio.to_thread(run.cluster.server_states)).get(server, "")
        if kill.out_at is None and state.startswith("DOWN"):
            kill.out_at = run.clock()
        elif kill.out_at is not None and state == "UP":
            kill.back_at = run.clock()
            return
        await asyncio.sleep(PROBE_EVERY_S)


async def _load(cluster: Cluster) -> Run:
    people = _people()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=PEOPLE + 4)) as session:
        run = Run(cluster, session, apology_texts(cluster.stack))
        plan = cluster.plan
        killers = [
            asyncio.create_task(
                _kill(run, "rasa-1", KILL_RASA_AT_S, "bot.rasa_plugins.server", plan.rasa_ports[0])
            ),
            asyncio.create_task(
                _kill(run, "actions-1", KILL_ACTIONS_AT_S, "bot.action_server", plan.actions_ports[0])
            ),
        ]
        await asyncio.gather(*(_person(run, i, c) for i, c in enumerate(people)))
        await asyncio.gather(*killers)
    return run


def _people() -> list[tuple]:
    """PEOPLE conversations, every language first, in a fixed order."""
    chosen, languages = [], set()
    for conversation in CONVERSATIONS:
        if conversation[0] not in languages:
            languages.add(conversation[0])
            chosen.append(conversation)
    chosen += [c for c in CONVERSATIONS if c not in chosen][: PEOPLE - len(chosen)]
    return chosen[:PEOPLE]


def _user_events(cluster: Cluster, sender: str) -> int:
    return sum(1 for kind, _ in _events(cluster, sender) if kind == "user")


def test_people_keep_talking_while_instances_are_killed(cluster: Cluster) -> None:
    run = asyncio.run(_load(cluster))
    kinds = Counter(t.kind for t in run.turns)
    report = {
        "turns": len(run.turns),
        **kinds,
        "results": run.results,
        "questions_asked": sum(1 for t in run.turns if t.asked_after),
        "unexpected_questions": dict(run.unexpected),
        "kills": [(k.name, round(k.at, 2), _round(k.out_at), _round(k.back_at)) for k in run.kills],
        "failed_at": [round(t.started, 1) for t in run.turns if t.kind == FAILED],
        "slowest_s": round(max(t.seconds for t in run.turns), 1),
    }
    print(f"\ncluster under kills: {json.dumps(report)}")
    # Every turn answered or told to repeat; nothing silent, no error from the load balancer.
    assert set(kinds) <= {ANSWERED, FAILED}, report
    assert kinds[ANSWERED] >= 10 * PEOPLE, report
    assert run.results >= PEOPLE and not run.unexpected, report
    # Nothing answered twice: no message repeated within a reply, and the database holds at most one
    # user event per message sent (a message processed twice would add one more).
    for turn in run.turns:
        shown = [json.dumps(m, sort_keys=True) for m in turn.replies]
        assert len(shown) == len(set(shown)), turn
    for index, sender in run.senders.items():
        sent = [t for t in run.turns if t.person == index]
        answered = sum(1 for t in sent if t.kind == ANSWERED)
        assert answered <= _user_events(cluster, sender) <= len(sent), (index, sender)
    # Nothing lost: an answered question is not asked again in the next answered turn.
    for index in run.senders:
        answered = [t for t in run.turns if t.person == index and t.kind == ANSWERED]
        for before, after in zip(answered, answered[1:], strict=False):
            if before.asked_after is not None and after.asked_before == before.asked_after:
                assert after.asked_after != before.asked_after, (index, before, after)
    # Both killed instances were taken out of rotation quickly and came back on their own.
    assert [k.name for k in run.kills] == ["rasa-1", "actions-1"], report
    for kill in run.kills:
        assert kill.out_at is not None and kill.out_at - kill.at <= MAX_TAKEOVER_S, report
        assert kill.back_at is not None, report
    output = cluster.stack.output.read_text(errors="replace")
    assert output.count("stack: restarting rasa-1") == 1
    assert output.count("stack: restarting actions-1") == 1


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
