"""Configuration: every environment variable the project reads, with defaults that run locally."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.handoff.hours import ALWAYS, parse_hours, parse_timezone

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Languages the conversation speaks. ALL_LANGUAGES are those the project supports; a language is
# added to SUPPORTED_LANGUAGES once its catalogs and KB texts are complete.
ALL_LANGUAGES = ("es", "pt", "en", "fr", "ht")
SUPPORTED_LANGUAGES = ALL_LANGUAGES


class SettingsError(ValueError):
    """An environment variable holds a value we cannot use."""


def _int(env: Mapping[str, str], name: str, default: int, low: int = 1, high: int = 65535) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise SettingsError(f"{name}={value} is outside {low}..{high}")
    return value


def _seconds(env: Mapping[str, str], name: str, default: float, high: float = 3600.0) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number of seconds") from None
    if not 0 <= value <= high:
        raise SettingsError(f"{name}={value} is outside 0..{high}")
    return value


def _path(env: Mapping[str, str], name: str, default: Path) -> Path:
    raw = env.get(name, "").strip()
    path = Path(raw).expanduser() if raw else default
    return path if path.is_absolute() else PROJECT_ROOT / path


def _database_url(env: Mapping[str, str], var_dir: Path) -> str:
    raw = env.get("DATABASE_URL", "").strip()
    if not raw:
        return f"sqlite:///{var_dir / 'assistant.db'}"
    if raw.startswith("postgres://"):  # the scheme Heroku-style providers hand out
        raw = "postgresql://" + raw[len("postgres://") :]
    if not raw.startswith(("sqlite:", "postgresql")):
        raise SettingsError(
            f"DATABASE_URL must start with sqlite:/// or postgresql://, not {raw.split(':')[0]!r}"
        )
    return raw


def _redis_url(env: Mapping[str, str]) -> str | None:
    raw = env.get("REDIS_URL", "").strip()
    if raw and not raw.startswith(("redis://", "rediss://")):
        raise SettingsError("REDIS_URL must start with redis:// or rediss://")
    return raw or None


def _rasa_workers(env: Mapping[str, str], redis_url: str | None) -> int:
    """Rasa processes behind its one port (Sanic workers). Several need Redis for the conversation
    lock, as several Rasa instances do: without it a person's two messages could interleave. One by
    default: on 2 cores a second worker added throughput but not speed, and memory past 1.5 GB
    (bench/results/2026-11-30-vm-per-change.md); more cores are where it pays."""
    workers = _int(env, "RASA_WORKERS", 1, high=64)
    if workers > 1 and not redis_url:
        raise SettingsError(f"RASA_WORKERS={workers} needs REDIS_URL (Rasa's lock store across processes)")
    return workers


def _helpline_hours(env: Mapping[str, str]) -> str:
    raw = env.get("HELPLINE_HOURS", "").strip() or ALWAYS
    try:
        parse_hours(raw)
    except ValueError as exc:
        raise SettingsError(f"HELPLINE_HOURS: {exc}") from None
    return raw


def _helpline_timezone(env: Mapping[str, str]) -> str:
    raw = env.get("HELPLINE_TIMEZONE", "").strip() or "America/Bogota"
    try:
        parse_timezone(raw)
    except ValueError as exc:
        raise SettingsError(f"HELPLINE_TIMEZONE: {exc}") from None
    return raw


def _optional(env: Mapping[str, str], name: str) -> str | None:
    return env.get(name, "").strip() or None


def _base_url(env: Mapping[str, str], name: str, default: str | None) -> str | None:
    raw = env.get(name, "").strip().rstrip("/")
    if raw and not raw.startswith(("http://", "https://")):
        raise SettingsError(f"{name} must start with http:// or https://")
    return raw or default


def _language(env: Mapping[str, str]) -> str:
    raw = env.get("DEFAULT_LANGUAGE", "").strip() or "es"
    if raw not in SUPPORTED_LANGUAGES:
        raise SettingsError(f"DEFAULT_LANGUAGE={raw!r}; choose one of {', '.join(SUPPORTED_LANGUAGES)}")
    return raw


@dataclass(frozen=True)
class Settings:
    """Resolved configuration; build it with `Settings.from_env()`."""

    database_url: str
    redis_url: str | None
    bind_host: str
    rasa_port: int
    actions_port: int
    web_port: int
    default_language: str
    var_dir: Path
    model_dir: Path
    model_cache_dir: Path
    kb_dir: Path
    locales_dir: Path
    retention_days: int
    log_level: str
    rasa_workers: int = 1
    tracker_cache_size: int = 256  # conversations whose tracker Rasa keeps between turns (0 = none)
    console_idle_minutes: int = 30  # a console session ends after this long without a request
    console_session_hours: int = 12  # and after this long in any case
    console_secure_cookies: bool = False  # the session cookie only over https
    public_base_url: str | None = None  # the URL providers call (signature checks)
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    twilio_sms_from: str | None = None
    twilio_whatsapp_from: str | None = None
    twilio_api_base_url: str = "https://api.twilio.com"
    whatsapp_phone_number_id: str | None = None
    whatsapp_access_token: str | None = None
    whatsapp_app_secret: str | None = None
    whatsapp_verify_token: str | None = None
    whatsapp_api_base_url: str = "https://graph.facebook.com"
    whatsapp_template_name: str | None = None  # approved template for messages outside 24 hours
    whatsapp_template_language: str = "es"
    # Languages the template is approved in (Meta codes, "es,pt_BR,en_US"): the person's is used when listed.
    whatsapp_template_languages: tuple[str, ...] = ()
    twilio_whatsapp_content_sid: str | None = None  # the same, as a Twilio Content API template
    telegram_bot_token: str | None = None
    telegram_secret_token: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org"
    rest_channel_token: str | None = None  # else generated into var/secrets (bot/secrets.py)
    internal_token: str | None = None
    pseudonym_key: str | None = None
    rasa_request_timeout: float = field(default=30.0)
    # When people answer handoffs (bot/handoff/hours.py): hours, their time zone, the usual wait,
    # and how long a request waits unclaimed before the person is told.
    helpline_hours: str = ALWAYS
    helpline_timezone: str = "America/Bogota"
    helpline_wait_minutes: int = 30
    handoff_unclaimed_minutes: int = 20
    # The source watch (bot/editorial/watch): a pass every so many hours (0 = off), the pause between
    # two requests to one host, and how long one request may take.
    kb_stale_after_days: int = 90
    kb_upcoming_days: int = 30
    source_watch_hours: int = 0
    source_watch_delay_s: float = 5.0
    source_watch_timeout_s: float = 20.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        var_dir = _path(env, "VAR_DIR", PROJECT_ROOT / "var")
        cache_home = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        return cls(
            database_url=_database_url(env, var_dir),
            redis_url=_redis_url(env),
            bind_host=env.get("BIND_HOST", "").strip() or "127.0.0.1",
            rasa_port=_int(env, "RASA_PORT", 5005),
            actions_port=_int(env, "ACTIONS_PORT", 5055),
            web_port=_int(env, "WEB_PORT", 8000),
            default_language=_language(env),
            var_dir=var_dir,
            model_dir=_path(env, "MODEL_DIR", PROJECT_ROOT / "models"),
            model_cache_dir=_path(env, "MODEL_CACHE_DIR", cache_home / "pathways-assistant" / "models"),
            kb_dir=_path(env, "KB_DIR", PROJECT_ROOT / "pathways_kb"),
            locales_dir=_path(env, "LOCALES_DIR", PROJECT_ROOT / "locales"),
            retention_days=_int(env, "RETENTION_DAYS", 90, high=3650),
            log_level=(env.get("LOG_LEVEL", "").strip() or "INFO").upper(),
            rasa_workers=_rasa_workers(env, _redis_url(env)),
            tracker_cache_size=_int(env, "TRACKER_CACHE_SIZE", 256, low=0, high=100_000),
            console_idle_minutes=_int(env, "CONSOLE_IDLE_MINUTES", 30, high=24 * 60),
            console_session_hours=_int(env, "CONSOLE_SESSION_HOURS", 12, high=24 * 7),
            console_secure_cookies=env.get("CONSOLE_SECURE_COOKIES", "").strip() == "1"
            or (_base_url(env, "PUBLIC_BASE_URL", None) or "").startswith("https://"),
            public_base_url=_base_url(env, "PUBLIC_BASE_URL", None),
            twilio_account_sid=_optional(env, "TWILIO_ACCOUNT_SID"),
            twilio_auth_token=_optional(env, "TWILIO_AUTH_TOKEN"),
            twilio_sms_from=_optional(env, "TWILIO_SMS_FROM"),
            twilio_whatsapp_from=_optional(env, "TWILIO_WHATSAPP_FROM"),
            twilio_api_base_url=_base_url(env, "TWILIO_API_BASE_URL", "https://api.twilio.com"),
            whatsapp_phone_number_id=_optional(env, "WHATSAPP_PHONE_NUMBER_ID"),
            whatsapp_access_token=_optional(env, "WHATSAPP_ACCESS_TOKEN"),
            whatsapp_app_secret=_optional(env, "WHATSAPP_APP_SECRET"),
            whatsapp_verify_token=_optional(env, "WHATSAPP_VERIFY_TOKEN"),
            whatsapp_api_base_url=_base_url(env, "WHATSAPP_API_BASE_URL", "https://graph.facebook.com"),
            whatsapp_template_name=_optional(env, "WHATSAPP_TEMPLATE_NAME"),
            whatsapp_template_language=_optional(env, "WHATSAPP_TEMPLATE_LANGUAGE") or "es",
            whatsapp_template_languages=tuple(
                code.strip() for code in env.get("WHATSAPP_TEMPLATE_LANGUAGES", "").split(",") if code.strip()
            ),
            twilio_whatsapp_content_sid=_optional(env, "TWILIO_WHATSAPP_CONTENT_SID"),
            telegram_bot_token=_optional(env, "TELEGRAM_BOT_TOKEN"),
            telegram_secret_token=_optional(env, "TELEGRAM_SECRET_TOKEN"),
            telegram_api_base_url=_base_url(env, "TELEGRAM_API_BASE_URL", "https://api.telegram.org"),
            rest_channel_token=_optional(env, "REST_CHANNEL_TOKEN"),
            internal_token=_optional(env, "INTERNAL_TOKEN"),
            pseudonym_key=_optional(env, "PSEUDONYM_KEY"),
            helpline_hours=_helpline_hours(env),
            helpline_timezone=_helpline_timezone(env),
            helpline_wait_minutes=_int(env, "HELPLINE_WAIT_MINUTES", 30, high=7 * 24 * 60),
            handoff_unclaimed_minutes=_int(env, "HANDOFF_UNCLAIMED_MINUTES", 20, high=7 * 24 * 60),
            kb_stale_after_days=_int(env, "KB_STALE_AFTER_DAYS", 90, low=1, high=3660),
            kb_upcoming_days=_int(env, "KB_UPCOMING_DAYS", 30, low=1, high=3660),
            source_watch_hours=_int(env, "SOURCE_WATCH_HOURS", 0, low=0, high=24 * 365),
            source_watch_delay_s=_seconds(env, "SOURCE_WATCH_DELAY_S", 5.0),
            source_watch_timeout_s=_seconds(env, "SOURCE_WATCH_TIMEOUT_S", 20.0, high=600.0),
        )

    @property
    def kb_reload_stamp(self) -> Path:
        """Touched to make every process reload the knowledge base (see bot/kb/store.py)."""
        return self.var_dir / "kb-reload"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def rasa_url(self) -> str:
        return f"http://{self.internal_host}:{self.rasa_port}"

    @property
    def action_endpoint_url(self) -> str:
        return f"http://{self.internal_host}:{self.actions_port}/webhook"

    @property
    def nlg_endpoint_url(self) -> str:
        return f"http://{self.internal_host}:{self.web_port}/nlg"

    @property
    def internal_host(self) -> str:
        # Processes talk to each other over loopback even when they listen on every interface.
        host = "127.0.0.1" if self.bind_host in ("0.0.0.0", "::", "") else self.bind_host
        return f"[{host}]" if ":" in host else host


def get_settings() -> Settings:
    """Settings for this process, read from the environment."""
    return Settings.from_env()
