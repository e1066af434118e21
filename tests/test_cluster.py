"""bot/cluster.py without starting anything: what it refuses, its ports, HAProxy's configuration."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bot.cluster import ClusterError, check_requirements, instance_children, plan_for
from bot.cluster_haproxy import render
from bot.settings import Settings

POSTGRES = "postgresql://app@127.0.0.1:5432/pathways"
REDIS = "redis://127.0.0.1:6379/1"


def _settings(tmp_path: Path, **env: str) -> Settings:
    return Settings.from_env({"VAR_DIR": str(tmp_path / "var"), "PSEUDONYM_KEY": "k" * 20, **env})


def test_sqlite_is_refused_with_what_to_set(tmp_path: Path) -> None:
    with pytest.raises(ClusterError, match="set DATABASE_URL=postgresql://"):
        check_requirements(_settings(tmp_path, REDIS_URL=REDIS))


def test_a_missing_redis_is_refused_with_what_to_set(tmp_path: Path) -> None:
    with pytest.raises(ClusterError, match="set REDIS_URL=redis://"):
        check_requirements(_settings(tmp_path, DATABASE_URL=POSTGRES))


def test_ports_of_two_instances(tmp_path: Path) -> None:
    plan = plan_for(_settings(tmp_path, DATABASE_URL=POSTGRES, REDIS_URL=REDIS), instances=2)
    assert (plan.rasa_port, plan.web_port, plan.actions_port, plan.nlg_port) == (5005, 8000, 5055, 8003)
    assert plan.rasa_ports == (5006, 5007)
    assert plan.web_ports == (8001, 8002)
    assert plan.actions_ports == (5056, 5057)
    assert plan.action_endpoint_url == "http://127.0.0.1:5055/webhook"
    assert plan.nlg_endpoint_url == "http://127.0.0.1:8003/nlg"


def test_instances_listen_on_loopback_and_call_each_other_through_haproxy(tmp_path: Path) -> None:
    settings = _settings(tmp_path, DATABASE_URL=POSTGRES, REDIS_URL=REDIS, BIND_HOST="0.0.0.0")
    plan = plan_for(settings, instances=2)
    web, actions, rasa = instance_children(settings, plan, tmp_path / "model.tar.gz", 2)
    assert (web.name, actions.name, rasa.name) == ("web-2", "actions-2", "rasa-2")
    assert rasa.args[rasa.args.index("--interface") + 1] == "127.0.0.1"
    assert rasa.args[rasa.args.index("--port") + 1] == "5007"
    assert actions.args[actions.args.index("--port") + 1] == "5057"
    assert rasa.env["RASA_PORT"] == "5007"  # webhook claims are named after the instance's port
    assert web.env["RASA_PORT"] == "5005"  # /chat goes through HAProxy
    assert web.env["WEB_PORT"] == "8002" and web.env["BIND_HOST"] == "127.0.0.1"
    for child in (web, actions, rasa):
        assert child.env["ACTION_ENDPOINT_URL"] == "http://127.0.0.1:5055/webhook"
        assert child.env["NLG_ENDPOINT_URL"] == "http://127.0.0.1:8003/nlg"
        assert child.env["REDIS_URL"] == REDIS
    assert web.health_url == "http://127.0.0.1:8002/health"


def test_haproxy_configuration(tmp_path: Path) -> None:
    settings = _settings(tmp_path, DATABASE_URL=POSTGRES, REDIS_URL=REDIS, BIND_HOST="0.0.0.0")
    text = render(plan_for(settings, instances=2), tmp_path / "haproxy.sock")
    assert "    bind 0.0.0.0:5005\n" in text and "    bind 0.0.0.0:8000\n" in text  # public
    assert "    bind 127.0.0.1:5055\n" in text and "    bind 127.0.0.1:8003\n" in text  # internal
    assert "    server rasa-2 127.0.0.1:5007 check\n" in text
    assert "    server actions-1 127.0.0.1:5056 check\n" in text
    assert "    server web-2 127.0.0.1:8002 check\n" in text
    assert "option redispatch" in text and "retry-on conn-failure empty-response" in text
    assert "inter 500ms" in text and "fall 2 rise 2" in text
    assert "\n    log " not in text  # requests carry sender ids: HAProxy logs nothing
    haproxy = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if haproxy:
        config = tmp_path / "haproxy.cfg"
        config.write_text(text)
        check = subprocess.run([haproxy, "-c", "-f", str(config)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
