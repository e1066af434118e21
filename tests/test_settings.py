from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, Settings, SettingsError


def test_defaults_run_locally_on_sqlite(tmp_path: Path) -> None:
    settings = Settings.from_env({"VAR_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'assistant.db'}"
    assert settings.is_sqlite
    assert settings.redis_url is None
    assert (settings.rasa_port, settings.actions_port, settings.web_port) == (5005, 5055, 8000)
    assert settings.bind_host == "127.0.0.1"
    assert settings.kb_dir == PROJECT_ROOT / "pathways_kb"


def test_default_var_dir_is_in_the_project() -> None:
    assert Settings.from_env({}).var_dir == PROJECT_ROOT / "var"


def test_postgres_and_redis_from_environment() -> None:
    settings = Settings.from_env(
        {
            "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/pathways",
            "REDIS_URL": "redis://127.0.0.1:6379/2",
        }
    )
    assert settings.database_url == "postgresql://u:p@127.0.0.1:5432/pathways"
    assert not settings.is_sqlite
    assert settings.redis_url == "redis://127.0.0.1:6379/2"


def test_endpoint_urls_follow_the_ports() -> None:
    settings = Settings.from_env({"RASA_PORT": "6005", "ACTIONS_PORT": "6055", "WEB_PORT": "6080"})
    assert settings.rasa_url == "http://127.0.0.1:6005"
    assert settings.action_endpoint_url == "http://127.0.0.1:6055/webhook"
    assert settings.nlg_endpoint_url == "http://127.0.0.1:6080/nlg"


def test_processes_reach_each_other_over_loopback_when_listening_everywhere() -> None:
    assert Settings.from_env({"BIND_HOST": "0.0.0.0"}).rasa_url == "http://127.0.0.1:5005"
    assert Settings.from_env({"BIND_HOST": "::1"}).nlg_endpoint_url == "http://[::1]:8000/nlg"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"RASA_PORT": "http"}, "RASA_PORT='http' is not a whole number"),
        ({"WEB_PORT": "70000"}, "WEB_PORT=70000 is outside 1..65535"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL must start with sqlite:/// or postgresql://"),
        ({"REDIS_URL": "127.0.0.1:6379"}, "REDIS_URL must start with redis://"),
        ({"DEFAULT_LANGUAGE": "de"}, "DEFAULT_LANGUAGE='de'"),
    ],
)
def test_invalid_values_name_the_variable(env: dict, message: str) -> None:
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(".", r"\.")):
        Settings.from_env(env)


def test_rasa_runs_several_workers_only_with_the_redis_lock_store() -> None:
    assert Settings.from_env({}).rasa_workers == 1
    with_redis = {"REDIS_URL": "redis://127.0.0.1:6379/1"}
    assert Settings.from_env(with_redis).rasa_workers == 1
    assert Settings.from_env({**with_redis, "RASA_WORKERS": "3"}).rasa_workers == 3
    with pytest.raises(SettingsError, match="RASA_WORKERS=2 needs REDIS_URL"):
        Settings.from_env({"RASA_WORKERS": "2"})
