"""Several instances of each process behind HAProxy on one machine: `python -m bot.cluster`.

This is Rasa's own way to scale out (several `rasa run` behind a load balancer, trackers in
PostgreSQL, conversation locks in Redis), rehearsed on one machine: HAProxy in front of two Rasa
instances, two action servers and two web services. Each Rasa instance reaches the action servers
and the NLG endpoint through HAProxy too, so a killed instance of any of them is routed around
while the supervisor of bot/stack.py starts it again. `make run-cluster` runs it; Ctrl-C or SIGTERM
stops everything. What is shared across instances is in the database: webhook claims
(bot/channels/claims.py), knowledge-base reloads (bot/kb/store.py), the retention purge lease
(bot/db/leases.py).
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from bot.cluster_haproxy import MONITOR_URI, Layout, layout, write_config
from bot.db.migrate import upgrade
from bot.settings import Settings, get_settings
from bot.stack import Child, Supervisor, child_env, children, supervise
from bot.training import ensure_model

DEFAULT_INSTANCES = 2


class ClusterError(RuntimeError):
    """The cluster cannot start as configured; the message says what to change."""


def check_requirements(settings: Settings) -> str:
    """The haproxy executable, after checking what several instances need to share state."""
    if settings.is_sqlite or not settings.database_url.startswith("postgresql"):
        raise ClusterError(
            "the cluster needs PostgreSQL: set DATABASE_URL=postgresql://user@host:port/db "
            "(several Rasa instances on one SQLite file would lock each other out)"
        )
    if not settings.redis_url:
        raise ClusterError(
            "the cluster needs Redis for Rasa's conversation lock: set REDIS_URL=redis://host:port/db "
            "(without it two instances could answer one person's messages at once)"
        )
    haproxy = shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if Path(p).exists()), None
    )
    if haproxy is None:
        raise ClusterError("haproxy is not installed (Debian: apt-get install haproxy)")
    return haproxy


def plan_for(settings: Settings, instances: int) -> Layout:
    # Instances listen on loopback even when HAProxy listens on every interface.
    internal = settings.internal_host.strip("[]")
    return layout(
        settings.bind_host,
        internal,
        settings.rasa_port,
        settings.web_port,
        settings.actions_port,
        instances,
    )


def _port_taken(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def check_ports_free(plan: Layout) -> None:
    taken = [port for port in plan.all_ports() if _port_taken(plan.internal_host, port)]
    if taken:
        raise ClusterError(
            f"ports already in use: {', '.join(map(str, taken))} (another stack or cluster running? "
            "choose others with RASA_PORT, WEB_PORT and ACTIONS_PORT)"
        )


def instance_children(settings: Settings, plan: Layout, model: Path, number: int) -> list[Child]:
    """Instance `number` (1-based) of the three processes, each with its own port and environment."""
    index = number - 1
    own = replace(
        settings,
        bind_host=plan.internal_host,
        rasa_port=plan.rasa_ports[index],
        web_port=plan.web_ports[index],
        actions_port=plan.actions_ports[index],
    )
    env = child_env(own)
    env.update(
        BIND_HOST=own.bind_host,
        # Through HAProxy, so a dead action server or web service is routed around.
        ACTION_ENDPOINT_URL=plan.action_endpoint_url,
        NLG_ENDPOINT_URL=plan.nlg_endpoint_url,
    )
    started = children(own, model, suffix=f"-{number}")
    for child in started:
        child.env = dict(env)
        if child.name.startswith("web"):
            # /chat talks to Rasa through HAProxy; RASA_PORT of a Rasa instance stays its own
            # (webhook claims are named after it, bot/channels/claims.py).
            child.env["RASA_PORT"] = str(plan.rasa_port)
    return started


def cluster_children(settings: Settings, plan: Layout, model: Path, haproxy: str) -> list[Child]:
    config = write_config(plan, settings.var_dir)
    monitor = f"http://{settings.internal_host}:{plan.rasa_port}{MONITOR_URI}"
    proxy = Child("haproxy", [haproxy, "-db", "-f", str(config)], monitor)
    running = [proxy]
    for number in range(1, plan.instances + 1):
        running += instance_children(settings, plan, model, number)
    return running


def banner(settings: Settings, plan: Layout) -> str:
    host = "localhost" if settings.bind_host in ("127.0.0.1", "0.0.0.0", "::") else settings.internal_host
    inner = settings.internal_host
    lines = [
        f"\nThe assistant is running as a cluster of {plan.instances} (Ctrl-C stops everything):",
        f"  web chat       http://{host}:{plan.web_port}/chat",
        f"  health         http://{host}:{plan.web_port}/health",
        f"  Rasa REST      http://{host}:{plan.rasa_port}/webhooks/rest/webhook"
        f"  (Authorization: Bearer <REST_CHANNEL_TOKEN>, see {settings.var_dir / 'secrets'})",
        f"  action server  http://{inner}:{plan.actions_port}/health  (internal, through HAProxy)",
        f"  NLG            http://{inner}:{plan.nlg_port}/nlg  (internal, through HAProxy)",
        f"  HAProxy        {settings.var_dir / 'haproxy.cfg'}",
    ]
    for number in range(1, plan.instances + 1):
        index = number - 1
        lines.append(
            f"  instance {number}     rasa :{plan.rasa_ports[index]}  actions :{plan.actions_ports[index]}"
            f"  web :{plan.web_ports[index]}"
        )
    return "\n".join(lines) + "\n"


def run(settings: Settings, instances: int = DEFAULT_INSTANCES) -> int:
    try:
        haproxy = check_requirements(settings)
        plan = plan_for(settings, instances)
        check_ports_free(plan)
        upgrade(settings.database_url)
        model = ensure_model(settings)
        config_check = subprocess.run(
            [haproxy, "-c", "-q", "-f", str(write_config(plan, settings.var_dir))],
            capture_output=True,
            text=True,
        )
        if config_check.returncode != 0:
            raise ClusterError(f"HAProxy refused its configuration:\n{config_check.stderr.strip()}")
    except ClusterError as exc:
        print(f"cluster: {exc}", file=sys.stderr, flush=True)
        return 2
    supervisor = Supervisor(settings, cluster_children(settings, plan, model, haproxy))
    return supervise(supervisor, banner(settings, plan))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--instances",
        type=int,
        default=DEFAULT_INSTANCES,
        choices=range(1, 9),
        metavar="N",
        help=f"instances of each process (default {DEFAULT_INSTANCES})",
    )
    sys.exit(run(get_settings(), parser.parse_args().instances))


if __name__ == "__main__":
    main()
