"""Conversation keys are a keyed HMAC, not a hash anyone can reverse by trying phone numbers; the
consent notice counts days in the person's language."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from bot.consent import conversation_key, pseudonym_key
from bot.nlg.responses import Renderer
from bot.settings import Settings

SENDER = "whatsapp:+573001112233"


@pytest.fixture(autouse=True)
def _key(pseudonym_key_is):
    pseudonym_key_is("first-test-key")


def test_key_is_an_hmac_not_a_bare_sha256() -> None:
    key = conversation_key(SENDER)
    assert len(key) == 64 and int(key, 16) >= 0
    assert key != hashlib.sha256(SENDER.encode()).hexdigest()
    assert key == hmac.new(b"first-test-key", SENDER.encode(), hashlib.sha256).hexdigest()
    assert "573001112233" not in key


def test_key_is_stable_and_differs_per_sender() -> None:
    assert conversation_key(SENDER) == conversation_key(SENDER)
    assert conversation_key(SENDER) != conversation_key("whatsapp:+573001112234")


def test_key_changes_with_the_secret(monkeypatch) -> None:
    before = conversation_key(SENDER)
    monkeypatch.setenv("PSEUDONYM_KEY", "second-test-key")
    assert conversation_key(SENDER) == before  # read once per process
    pseudonym_key.cache_clear()
    assert conversation_key(SENDER) != before


def test_key_is_generated_into_var_when_unset(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("PSEUDONYM_KEY")
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    pseudonym_key.cache_clear()
    first = conversation_key(SENDER)
    stored = (tmp_path / "var" / "secrets" / "pseudonym_key").read_text().strip()
    assert len(stored) >= 32
    assert first == hmac.new(stored.encode(), SENDER.encode(), hashlib.sha256).hexdigest()
    pseudonym_key.cache_clear()
    assert conversation_key(SENDER) == first  # the next process reads the same key


@pytest.mark.parametrize(
    ("language", "days", "expected"),
    [
        ("es", 1, "durante 1 día,"),
        ("es", 90, "durante 90 días,"),
        ("pt", 1, "por 1 dia,"),
        ("pt", 30, "por 30 dias,"),
        ("en", 1, "for 1 day,"),
        ("en", 90, "for 90 days,"),
        ("fr", 1, "pendant 1 jour,"),
        ("fr", 2, "pendant 2 jours,"),
        ("ht", 1, "pandan 1 jou,"),
        ("ht", 90, "pandan 90 jou,"),
    ],
)
def test_consent_notice_counts_days_in_the_language(kb, tmp_path, language, days, expected) -> None:
    settings = Settings.from_env({"VAR_DIR": str(tmp_path / "var"), "RETENTION_DAYS": str(days)})
    text = Renderer(kb, settings).render("utter_consent", language, {})["text"]
    assert expected in text
