"""Thousands of malformed requests at each phone webhook: never a 5xx, and the server keeps serving.

Half of the requests carry a valid signature or secret, so the bodies reach the parsers instead of
stopping at the signature check. Every loop is bounded by Hypothesis' example count.
"""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from tests.helpers.fake_providers import AUTH_TOKEN
from tests.integration.conftest import PUBLIC_BASE_URL, TELEGRAM_SECRET, WHATSAPP_APP_SECRET

pytestmark = pytest.mark.integration
EXAMPLES = 2000
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)

_text = st.text(max_size=200)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_text, children, max_size=4),
    max_leaves=20,
)
_bodies = st.one_of(
    st.binary(max_size=2000),
    _json_values.map(lambda v: json.dumps(v).encode()),
    st.dictionaries(
        st.sampled_from(["entry", "object", "update_id", "message", "callback_query"]), _json_values
    ).map(lambda v: json.dumps(v).encode()),
    _text.map(lambda t: t.encode("utf-8", "surrogatepass")),
)
_forms = st.dictionaries(
    st.sampled_from(["Body", "From", "To", "MessageSid", "NumMedia", "Latitude", "x", ""]) | _text,
    _text,
    max_size=6,
)

counts: dict[str, int] = {}


@pytest.fixture
def session():
    with requests.Session() as s:
        yield s


def _check(stack, name: str, response: requests.Response) -> None:
    counts[name] = counts.get(name, 0) + 1
    assert response.status_code < 500, (name, response.status_code, response.text[:200])


@FUZZ
@given(body=_bodies, signed=st.booleans())
def test_fuzz_whatsapp_cloud(stack, session, body: bytes, signed: bool) -> None:
    signature = "sha256=" + hmac.new(WHATSAPP_APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/json",
        "X-Hub-Signature-256": signature if signed else "sha256=00",
    }
    url = stack.settings.rasa_url + "/webhooks/whatsapp_cloud/webhook"
    _check(stack, "whatsapp_cloud", session.post(url, data=body, headers=headers, timeout=30))


@FUZZ
@given(body=_bodies, signed=st.booleans())
def test_fuzz_telegram(stack, session, body: bytes, signed: bool) -> None:
    headers = {
        "Content-Type": "application/json",
        "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET if signed else "x",
    }
    url = stack.settings.rasa_url + "/webhooks/telegram/webhook"
    _check(stack, "telegram", session.post(url, data=body, headers=headers, timeout=30))


@pytest.mark.parametrize("kind", ["sms", "whatsapp"])
def test_fuzz_twilio(stack, kind: str) -> None:
    path = f"/webhooks/{kind}/webhook"
    validator = RequestValidator(AUTH_TOKEN)

    @FUZZ
    @given(form=_forms, raw=st.binary(max_size=500), signed=st.booleans(), use_raw=st.booleans())
    def run(form: dict, raw: bytes, signed: bool, use_raw: bool) -> None:
        form = {k: v for k, v in form.items() if k != "From"}  # no valid sender: nothing is answered
        signature = validator.compute_signature(PUBLIC_BASE_URL + path, form) if signed else "forged"
        headers = {"X-Twilio-Signature": signature}
        if use_raw:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            response = requests.post(stack.settings.rasa_url + path, data=raw, headers=headers, timeout=30)
        else:
            response = requests.post(stack.settings.rasa_url + path, data=form, headers=headers, timeout=30)
        _check(stack, kind, response)

    run()


def test_fuzz_counts_and_server_alive(stack) -> None:
    for name in ("whatsapp_cloud", "telegram", "sms", "whatsapp"):
        assert counts.get(name, 0) >= EXAMPLES, counts
    assert requests.get(stack.settings.rasa_url + "/", timeout=10).status_code == 200
    print(f"fuzz requests per endpoint: {counts}")
