"""The action server answers only our Rasa, refuses malformed calls with 4xx, never echoes a body.

Security review 2026-11: reproduction 8 (a forged tracker opened a ticket for a stranger's number)
and reproduction 11 (five garbage bodies got 500 with the whole request echoed back).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.action_server import MAX_REQUEST_BYTES, bearer_matches, check_action_call, create_app
from bot.db.migrate import upgrade
from bot.settings import PROJECT_ROOT, Settings
from tests.helpers.fuzz_asgi import AsgiClient
from tests.helpers.fuzz_cases import (
    BAD_ACTION_CALLS,
    FORGED_CALL,
    GARBAGE_BODIES,
    bodies,
    encode,
    forged,
    header_values,
)
from tests.helpers.stack import free_port

TOKEN = "unit-internal-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MARKER = "MARKER-7f3a9c"  # put into bodies; must never come back in a response or a log line
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    var_dir: Path = tmp_path_factory.mktemp("actions") / "var"
    url = f"sqlite:///{var_dir / 'assistant.db'}"
    with pytest.MonkeyPatch.context() as patch:
        # The action reads its settings from the environment at every call.
        patch.setenv("VAR_DIR", str(var_dir))
        patch.setenv("DATABASE_URL", url)
        patch.setenv("INTERNAL_TOKEN", TOKEN)
        upgrade(url)
        yield url


@pytest.fixture(scope="module")
def client(database: str) -> Iterator[AsgiClient]:
    app = create_app(Settings.from_env())  # reads the patched environment
    with AsgiClient(app) as running:
        yield running


def webhook(client: AsgiClient, body: bytes, headers: dict[str, Any] | None = None):
    headers = {**AUTH, "Content-Type": "application/json", **(headers or {})}
    return client.post("/webhook", content=body, headers=headers)


def tickets(url: str) -> list[tuple[str, str]]:
    with sa.create_engine(url).connect() as connection:
        return [tuple(r) for r in connection.execute(sa.text("SELECT sender_id, facts FROM tickets"))]


# ---------------------------------------------------------------------------------------------
# Authentication
# ---------------------------------------------------------------------------------------------


def test_health_needs_no_token(client) -> None:
    response = client.get("/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.parametrize(("method", "path"), [("POST", "/webhook"), ("GET", "/actions"), ("POST", "/health")])
def test_no_token_is_refused(client, database, method: str, path: str) -> None:
    before = tickets(database)
    response = client.request(method, path, content=encode(FORGED_CALL))
    assert response.status_code == 401
    assert response.json() == {"error": "authentication required"}
    assert tickets(database) == before


@pytest.mark.parametrize(
    "header",
    [
        b"Bearer wrong-token",
        b"Bearer ",
        b"Bearer",
        b"Basic " + TOKEN.encode(),
        b"Bearer " + TOKEN.encode() + b"x",
        b"Bearer " + TOKEN[:-1].encode(),
        "Bearer é".encode(),  # non-ASCII: used to be a TypeError in hmac.compare_digest
        "Bearer unit-internal-token-012345678é".encode(),
        b"Bearer \xff\xfe",
        TOKEN.encode(),
    ],
)
def test_wrong_token_is_refused(client, database, header: bytes) -> None:
    before = tickets(database)
    response = webhook(client, encode(FORGED_CALL), {"Authorization": header})
    assert response.status_code == 403
    assert response.json() == {"error": "forbidden"}
    assert tickets(database) == before
    assert client.get("/actions", headers={"Authorization": header}).status_code == 403


@pytest.mark.parametrize("path", ["/webhook", "/actions", "/health"])
def test_preflight_needs_the_token_too(client, path: str) -> None:
    headers = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    response = client.request("OPTIONS", path, headers=headers)
    assert response.status_code == 401
    assert "access-control-allow-origin" not in response.headers


def test_bearer_matches_any_string() -> None:
    assert bearer_matches(f"Bearer {TOKEN}", TOKEN)
    assert bearer_matches(f"bearer  {TOKEN} ", TOKEN)
    for header in (None, "", "Bearer", f"Token {TOKEN}", "Bearer \udce9", "Bearer \ud800", "Bearer é"):
        assert not bearer_matches(header, TOKEN)
    assert not bearer_matches("Bearer ", "")


def test_right_token_lists_the_actions(client) -> None:
    response = client.get("/actions", headers=AUTH)
    assert response.status_code == 200
    assert {"name": "action_handle_turn"} in response.json()


# ---------------------------------------------------------------------------------------------
# The forged call of reproduction 8: refused without the token, run with it
# ---------------------------------------------------------------------------------------------


def test_forged_tracker_runs_only_with_the_token(client, database) -> None:
    assert client.post("/webhook", json=FORGED_CALL).status_code == 401
    assert ("sms:+15551234567", json.dumps({"nationality": "VE", "fear_of_return": True})) not in {
        (s, f) for s, f in tickets(database)
    }
    response = webhook(client, encode(FORGED_CALL))
    assert response.status_code == 200, response.text
    body = response.json()
    assert {"events", "responses"} <= set(body)
    assert body["responses"] and all(r.get("text") for r in body["responses"])  # rendered here
    assert "sms:+15551234567" in [s for s, _ in tickets(database)]


def test_deflated_call_runs(client) -> None:
    response = webhook(client, zlib.compress(encode(FORGED_CALL)), {"Content-Encoding": "deflate"})
    assert response.status_code == 200, response.text


# ---------------------------------------------------------------------------------------------
# Malformed calls: 4xx with a generic message, never the body back
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BAD_ACTION_CALLS))
def test_malformed_call_is_a_4xx(client, name: str, caplog) -> None:
    call = BAD_ACTION_CALLS[name]
    if isinstance(call, dict) and "tracker" in call and isinstance(call["tracker"], dict):
        call = {**call, "marker": MARKER}
    with caplog.at_level(logging.DEBUG):
        response = webhook(client, encode(call))
    assert 400 <= response.status_code < 500, (name, response.status_code, response.text)
    assert set(response.json()) == {"error"}
    assert MARKER not in response.text and "sms:+1555" not in response.text
    assert MARKER not in caplog.text and "sms:+1555" not in caplog.text and "quiero" not in caplog.text


@pytest.mark.parametrize("name", sorted(GARBAGE_BODIES))
def test_garbage_body_is_a_4xx(client, name: str) -> None:
    response = webhook(client, GARBAGE_BODIES[name])
    assert 400 <= response.status_code < 500, (name, response.status_code, response.text)
    assert response.json() == {"error": "malformed action call"}


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("deflate", b"not deflate"),
        ("deflate", zlib.compress(b"[1,2]")),
        ("deflate", zlib.compress(b" " * (MAX_REQUEST_BYTES + 10))),  # a deflate bomb
        ("gzip", encode(FORGED_CALL)),
    ],
)
def test_bad_encoding_is_a_400(client, encoding: str, body: bytes) -> None:
    response = webhook(client, body, {"Content-Encoding": encoding})
    assert response.status_code == 400, response.text


def test_body_cap_is_set(client) -> None:
    # Sanic enforces it in its HTTP server, not under ASGI: see test_the_command_serves_on_loopback.
    assert client.app.config.REQUEST_MAX_SIZE == MAX_REQUEST_BYTES == 8 * 1024 * 1024
    assert client.app.config.ACCESS_LOG is False


def test_wrong_method_and_path_are_4xx(client) -> None:
    response = client.get("/webhook", headers=AUTH)
    assert response.status_code == 405 and MARKER not in response.text
    response = client.post(f"/nothing-{MARKER}", headers=AUTH, content=b"x")
    assert response.status_code == 404 and MARKER not in response.text


def test_action_error_is_a_500_without_the_body(client, monkeypatch, caplog) -> None:
    import actions.questionnaire

    def fail(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError(f"database is locked {MARKER}")

    monkeypatch.setattr(actions.questionnaire, "open_ticket", fail)
    call = forged(**{"tracker.latest_message.text": f"quiero hablar con una persona {MARKER}"})
    with caplog.at_level(logging.DEBUG):
        response = webhook(client, encode(call))
    assert response.status_code == 500
    assert response.json() == {"error": "the action failed"}
    assert "RuntimeError" in caplog.text
    assert MARKER not in caplog.text and "sms:+1555" not in caplog.text


# ---------------------------------------------------------------------------------------------
# Generated bodies
# ---------------------------------------------------------------------------------------------


@FUZZ
@given(body=bodies(["next_action", "tracker", "domain", "version", "sender_id"]))
def test_fuzz_bodies_never_5xx(client, body: bytes) -> None:
    response = webhook(client, body)
    assert response.status_code < 500, (body[:200], response.status_code, response.text)


@FUZZ
@given(header=header_values, body=bodies(["next_action", "tracker"]))
def test_fuzz_headers_without_token_are_refused(client, header: bytes, body: bytes) -> None:
    response = webhook(client, body, {"Authorization": header})
    assert response.status_code in (401, 403)


_texts = st.text(max_size=40)
_slots = st.fixed_dictionaries(
    {},
    optional={
        "language": st.none() | st.sampled_from(["es", "pt", "en", "fr", "ht", "xx", ""]) | _texts,
        "facts": st.none()
        | st.fixed_dictionaries(
            {},
            optional={
                "nationality": st.none() | st.sampled_from(["VE", "CO", "HT", "ZZ", "ve"]),
                "current_country": st.none() | st.sampled_from(["CO", "PE", "US", "BR"]),
                "fear_of_return": st.none() | st.booleans(),
                "entry_date": st.none() | st.dates().map(str),
                "birth_date": st.none() | st.dates().map(str),
                "has_criminal_record": st.none() | st.booleans(),
            },
        ),
        "answered": st.none() | st.lists(st.sampled_from(["nationality", "current_country", "x"]) | _texts),
        "pending_question": st.none()
        | st.sampled_from(["language", "nationality", "entry_date", "fear_of_return", "bogus"])
        | _texts,
        "flow": st.none() | st.sampled_from(["confirm_delete", "offer_human", "bogus"]) | _texts,
        "misses": st.none() | st.integers(0, 10**6) | st.floats(0, 1e6),
        "results": st.none()
        | st.lists(
            st.fixed_dictionaries({"pathway": _texts, "status": st.sampled_from(["likely_eligible", "x"])}),
            max_size=3,
        ),
        "consent_shown": st.none() | st.booleans(),
        "booking": st.none()
        | _texts
        | st.fixed_dictionaries(
            {
                "step": st.sampled_from(["offer", "service", "centre", "slot", "confirm", "booked", "pick"])
                | _texts
            },
            optional={
                "options": st.none() | st.lists(_texts, max_size=3),
                "centre": st.none() | st.sampled_from(["cedid_bogota", "gone"]),
                "start": st.none() | _texts | st.just("2026-12-01T10:00:00-05:00"),
                "key": st.none() | _texts,
                "service": st.none() | st.sampled_from(["asylum", "bogus"]),
                "misses": st.none() | st.integers(-3, 3) | _texts,
            },
        ),
    },
)
_latest = st.fixed_dictionaries(
    {},
    optional={
        "text": st.none()
        | _texts
        | st.sampled_from(["sí", "no", "atrás", "menú", "borrar mis datos", "¿por qué?"]),
        "intent": st.fixed_dictionaries(
            {},
            optional={
                "name": st.none()
                | st.sampled_from(["greet", "human", "inform", "affirm", "deny", "why"])
                | _texts,
                "confidence": st.none() | st.floats(0, 1),
            },
        ),
        "entities": st.lists(
            st.fixed_dictionaries(
                {"entity": st.sampled_from(["country", "answer"]) | _texts},
                optional={"value": st.none() | _texts | st.integers()},
            ),
            max_size=3,
        ),
    },
)


@FUZZ
@given(slots=_slots, latest=st.none() | _latest, channel=st.none() | st.sampled_from(["rest", "sms"]))
def test_fuzz_well_formed_trackers_never_5xx(client, slots, latest, channel) -> None:
    """Any call of the right shape runs (200) or is refused (4xx): odd values are not action crashes."""
    call = forged(**{"tracker.slots": slots, "tracker.latest_message": latest})
    call["tracker"]["events"] = [{"event": "user", "input_channel": channel}]
    call["tracker"]["sender_id"] = "fuzz-well-formed"
    try:
        check_action_call(call)
    except ValueError:
        return  # refused before the action: covered above
    response = webhook(client, encode(call))
    assert response.status_code < 500, (call, response.text)


# ---------------------------------------------------------------------------------------------
# The command the launcher runs
# ---------------------------------------------------------------------------------------------


def test_the_command_serves_on_loopback(database: str, tmp_path: Path) -> None:
    """`python -m bot.action_server --port N`: loopback by default, token required, body cap."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SANIC_HOST"}  # DATABASE_URL etc. patched
    log = tmp_path / "actions.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.action_server", "--port", str(port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if requests.get(base + "/health", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)
        listening = Path("/proc/net/tcp").read_text().splitlines()[1:]
        local = {line.split()[1] for line in listening if line.split()[3] == "0A"}  # LISTEN
        assert f"0100007F:{port:04X}" in local and f"00000000:{port:04X}" not in local
        assert requests.post(base + "/webhook", json=FORGED_CALL, timeout=10).status_code == 401
        assert requests.options(base + "/webhook", timeout=10).status_code == 401
        response = requests.post(
            base + "/webhook", data=b" " * (MAX_REQUEST_BYTES + 1), headers=AUTH, timeout=30
        )
        assert response.status_code == 413
        response = requests.post(base + "/webhook", data=f'[1,2,"{MARKER}"]', headers=AUTH, timeout=10)
        assert response.status_code == 400 and MARKER not in response.text
        response = requests.post(base + "/webhook", json=forged(**{"tracker.slots": "x"}), headers=AUTH)
        assert response.status_code == 400
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    output = log.read_text()
    assert MARKER not in output and "sms:+1555" not in output, output


def test_only_slots_whose_value_changed_are_returned(client) -> None:
    call = forged()
    body = webhook(client, encode(call)).json()
    stored = call["tracker"]["slots"]
    set_now = {e["name"]: e["value"] for e in body["events"] if e.get("event") == "slot"}
    # asking for a person pauses the bot (handoff) and changes none of the stored slots; the four
    # absent ones get their values
    assert set_now == {"misses": 0.0, "results": [], "urgent": [], "handoff": True, "booking": {}}
    assert all(name not in stored for name in set_now)
