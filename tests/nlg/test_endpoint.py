"""POST /nlg answers only our Rasa (the internal token) and never a 5xx for a malformed body.

Security review 2026-11: /nlg accepted anyone, and `"tracker":"x"` or `"tracker":{"slots":"x"}`
gave 500 (reproduction 11).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sanic import Sanic

from bot.nlg.endpoint import blueprint
from bot.nlg.responses import Renderer
from bot.secrets import secret
from bot.settings import Settings
from tests.helpers.fuzz_asgi import AsgiClient
from tests.helpers.fuzz_cases import GARBAGE_BODIES, bodies, encode, header_values, json_values

TOKEN = "unit-internal-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None)


def _app(kb, settings: Settings, name: str) -> Sanic:
    app = Sanic(name)
    app.ctx.settings = settings
    app.ctx.renderer = Renderer(kb, settings)
    app.blueprint(blueprint)
    return app


@pytest.fixture(scope="module")
def client(kb, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AsgiClient]:
    var_dir = tmp_path_factory.mktemp("nlg") / "var"
    settings = Settings.from_env({"VAR_DIR": str(var_dir), "INTERNAL_TOKEN": TOKEN})
    with AsgiClient(_app(kb, settings, "nlg_endpoint_test")) as running:
        yield running


def nlg(client: AsgiClient, body: Any, headers: dict[str, Any] | None = None):
    content = body if isinstance(body, bytes) else encode(body)
    return client.post("/nlg", content=content, headers={**AUTH, **(headers or {})})


def test_renders_with_the_token(client) -> None:
    response = nlg(client, {"response": "utter_consent", "arguments": {}, "tracker": {"slots": {}}})
    assert response.status_code == 200
    assert response.json()["text"]


def test_language_comes_from_the_tracker(client) -> None:
    body = {"response": "utter_ask_question", "arguments": {"question": "nationality"}}
    spanish = nlg(client, {**body, "tracker": {"slots": {"language": "es"}}}).json()
    english = nlg(client, {**body, "tracker": {"slots": {"language": "en"}}}).json()
    assert spanish["text"].startswith("¿Cuál es tu nacionalidad?")
    assert english["text"].startswith("What is your nationality?")


@pytest.mark.parametrize(
    "header",
    [
        None,
        b"",
        b"Bearer",
        b"Bearer ",
        b"Bearer wrong",
        b"Basic " + TOKEN.encode(),
        TOKEN.encode(),
        b"Bearer " + TOKEN.encode() + b"x",
        "Bearer é".encode(),
        "Bearer unit-internal-token-012345678é".encode(),
        b"Bearer \xff",
    ],
)
def test_without_the_token_is_forbidden(client, header: bytes | None) -> None:
    headers = {} if header is None else {"Authorization": header}
    response = client.post("/nlg", json={"response": "utter_consent"}, headers=headers)
    assert response.status_code == 403
    assert response.json() == {"error": "forbidden"}


def test_a_generated_token_is_used_when_none_is_configured(kb, tmp_path: Path) -> None:
    settings = Settings.from_env({"VAR_DIR": str(tmp_path / "var")})
    generated = secret(settings, "internal_token")
    with AsgiClient(_app(kb, settings, "nlg_endpoint_generated")) as client:
        assert nlg(client, {"response": "utter_consent"}).status_code == 403  # the unit-test token
        ok = nlg(client, {"response": "utter_consent"}, {"Authorization": f"Bearer {generated}"})
        assert ok.status_code == 200


@pytest.mark.parametrize(
    "tracker",
    ["x", 1, [1, 2], None, {"slots": "x"}, {"slots": [1]}, {"slots": None}, {"slots": {"language": 5}}],
)
def test_a_tracker_of_the_wrong_shape_is_no_tracker(client, tracker: Any) -> None:
    response = nlg(client, {"response": "utter_consent", "tracker": tracker})
    assert response.status_code == 200, response.text  # rendered in the default language


@pytest.mark.parametrize(
    "body",
    [
        None,
        [1, 2],
        "x",
        {},
        {"response": None},
        {"response": ["utter_consent"]},
        {"response": "utter_consent", "arguments": "x"},
        {"response": "utter_consent", "arguments": [1]},
        {"response": "utter_nope"},
        {"response": "utter_ask_question", "arguments": {"question": ["nationality"]}},
        {"response": "utter_ask_question", "arguments": {"question": {"a": 1}}},
        {"response": "utter_why_question", "arguments": {"question": ["nationality"]}},
        {"response": "utter_why_question", "arguments": {"question": {"a": 1}}},
        {"response": "utter_location_noted", "arguments": {"country": ["CO"]}},
        {"response": "utter_results", "arguments": {"results": "x"}},
        {"response": "utter_results", "arguments": {"results": [1]}},
        {"response": "utter_results", "arguments": {"results": [{"pathway": ["x"], "status": "x"}]}},
        {"response": "utter_results", "arguments": {"results": [], "on": 5}},
        {"response": "utter_why", "arguments": {"results": [{"pathway": {}, "status": []}]}},
        {"response": "utter_why", "arguments": {"results": [], "facts": "x"}},
    ],
)
def test_malformed_body_is_a_4xx(client, body: Any) -> None:
    response = nlg(client, body)
    assert 400 <= response.status_code < 500, (body, response.status_code, response.text)


@pytest.mark.parametrize("name", sorted(GARBAGE_BODIES))
def test_garbage_body_is_a_4xx(client, name: str) -> None:
    response = nlg(client, GARBAGE_BODIES[name])
    assert 400 <= response.status_code < 500, (name, response.status_code, response.text)


@FUZZ
@given(body=bodies(["response", "arguments", "tracker", "channel"]))
def test_fuzz_bodies_never_5xx(client, body: bytes) -> None:
    response = nlg(client, body)
    assert response.status_code < 500, (body[:200], response.status_code, response.text)


def _renderer_names(kb) -> list[str]:
    return Renderer(kb, Settings.from_env({})).names


@FUZZ
@given(data=st.data())
def test_fuzz_arguments_of_every_response_never_5xx(client, kb, data) -> None:
    name = data.draw(st.sampled_from(_renderer_names(kb)))
    keys = ["question", "country", "results", "on", "facts", "language", "pathway", "status"]
    arguments = data.draw(st.dictionaries(st.sampled_from(keys), json_values, max_size=4))
    tracker = data.draw(st.none() | json_values | st.fixed_dictionaries({"slots": json_values}))
    response = nlg(client, {"response": name, "arguments": arguments, "tracker": tracker})
    assert response.status_code < 500, (name, json.dumps(arguments)[:300], response.text[:300])


@FUZZ
@given(header=header_values)
def test_fuzz_authorization_headers_are_refused(client, header: bytes) -> None:
    response = client.post("/nlg", content=b'{"response":"utter_consent"}', headers={"Authorization": header})
    assert response.status_code == 403
