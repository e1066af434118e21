"""Provider message ids: answered once, processed again when the first attempt failed or died."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from bot.channels import claims
from bot.channels.claims import Claim, claim, finish, release_stale_claims
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import inbound_messages

SENDER = "sms:+573001112233"


@pytest.fixture
def url(tmp_path) -> str:
    database = f"sqlite:///{tmp_path / 'claims.db'}"
    upgrade(database)
    return database


def test_a_message_is_processed_once_it_was_answered(url) -> None:
    assert claim(url, "twilio_sms", "SM1", SENDER) is Claim.NEW
    finish(url, "twilio_sms", "SM1", answered=True)
    assert claim(url, "twilio_sms", "SM1", SENDER) is Claim.DONE
    assert claim(url, "meta_whatsapp", "SM1", SENDER) is Claim.NEW  # ids are per provider


def test_a_retry_while_the_first_attempt_runs_is_told_to_come_back(url) -> None:
    assert claim(url, "telegram", "77", SENDER) is Claim.NEW
    assert claim(url, "telegram", "77", SENDER) is Claim.BUSY


def test_a_failed_turn_releases_the_id_so_the_retry_is_processed(url) -> None:
    assert claim(url, "telegram", "78", SENDER) is Claim.NEW
    finish(url, "telegram", "78", answered=False)
    assert claim(url, "telegram", "78", SENDER) is Claim.NEW


def test_a_claim_left_by_a_process_that_died_is_released_when_it_restarts(url, monkeypatch) -> None:
    monkeypatch.setattr(claims, "_BOOT", "earlier-run")
    assert claim(url, "twilio_sms", "SM2", SENDER) is Claim.NEW  # then the process was killed
    monkeypatch.setattr(claims, "_BOOT", "this-run")
    assert release_stale_claims(url) == 1
    assert claim(url, "twilio_sms", "SM2", SENDER) is Claim.NEW


def test_a_claim_of_another_instance_expires(url) -> None:
    with get_engine(url).begin() as connection:
        connection.execute(
            inbound_messages.insert().values(
                provider="twilio_sms",
                message_id="SM3",
                state="processing",
                owner="elsewhere:5005/x",
                received_at=datetime.now(timezone.utc) - claims.CLAIM_TTL - timedelta(seconds=1),
            )
        )
    assert release_stale_claims(url) == 0  # not ours to release
    assert claim(url, "twilio_sms", "SM3", SENDER) is Claim.NEW  # but too old to be alive


def test_the_id_is_stored_with_the_conversation_key_not_the_number(url) -> None:
    claim(url, "twilio_sms", "SM4", SENDER)
    with get_engine(url).connect() as connection:
        row = connection.execute(sa.select(inbound_messages)).one()
    assert row.conversation_key and "573001112233" not in row.conversation_key
