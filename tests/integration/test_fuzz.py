"""Malformed requests at every endpoint of the three processes: never a 5xx, and all keep serving.

Every endpoint (Rasa, the action server, the web service) is called both without its credential,
so that its first check refuses the request, and with the right signature, secret or token, so
that the body reaches the parsers. Bodies come from Hypothesis and from the security review
(2026-11, section 2 and reproduction 11): null, [1,2], "x", empty, invalid UTF-8, 100 000-deep
nesting, non-ASCII tokens and headers, hub.verify_token=é, Telegram "text":{"a":1}, and a value
of the wrong type in every field of each endpoint's own document.

Every loop is bounded (Hypothesis' example counts, fixed case lists, no shrinking), so the module
runs in about a minute and a half once the stack is up. At the end all three processes must still
be the same processes (none crashed and was restarted) and answer their health checks.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import count
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
import requests
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from tests.helpers.fake_providers import AUTH_TOKEN
from tests.helpers.fuzz_cases import (
    BAD_ACTION_CALLS,
    GARBAGE_BODIES,
    bodies,
    encode,
    header_values,
    variants,
)
from tests.integration.conftest import (
    INTERNAL_TOKEN,
    PUBLIC_BASE_URL,
    REST_CHANNEL_TOKEN,
    TELEGRAM_SECRET,
    WHATSAPP_APP_SECRET,
    WHATSAPP_VERIFY_TOKEN,
)

pytestmark = pytest.mark.integration

EXAMPLES = 300  # per endpoint, about half of them with the right credential
TIMEOUT_S = 30
BIG = 9 * 1024 * 1024  # over every body cap (web 256 KB, Rasa 1 MB, actions 8 MB)
MARKER = "fuzzmarker7c1e"  # inside bodies; must never reach a log
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as found
)

_ids = count(1)
counts: Counter[str] = Counter()
statuses: dict[str, Counter[int]] = {}
before: dict[str, Any] = {}


# ------------------------------------------------------------------------------------------------
# The endpoints, and how each is called with and without its credential
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    name: str
    process: str  # rasa | actions | web
    method: str
    path: str  # may carry a query string
    kind: str  # json | form | query (GET parameters) | get (nothing but parameters and headers)
    fields: tuple[str, ...] = ()
    credential: str | None = None  # the header that carries it; None: a public endpoint
    examples: int = EXAMPLES
    template: Any = None  # a valid document: each field gets a value of the wrong type
    extra: list[tuple[str, Any]] = field(default_factory=list)  # (case, body) specific to it


def _telegram_update(text: Any = "hola", update_id: int = 990000) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1,
            "text": text,
            "chat": {"id": 555000999, "type": "private"},
            "from": {"id": 555000999, "is_bot": False, "first_name": "x"},
        },
    }


def _telegram_button() -> dict[str, Any]:
    return {
        "update_id": 990001,
        "callback_query": {
            "id": "cb1",
            "data": "/inform{}",
            "chat_instance": "1",
            "from": {"id": 555000998, "is_bot": False, "first_name": "x"},
            "message": {"message_id": 2, "date": 1, "chat": {"id": 555000998, "type": "private"}},
        },
    }


def _cloud_notification(message: dict[str, Any] | None = None) -> dict[str, Any]:
    message = message or {"from": "15550009901", "id": "wamid.fuzz", "type": "text", "text": {"body": "hola"}}
    return {
        "object": "whatsapp_business_account",
        "entry": [{"changes": [{"value": {"messages": [message]}}]}],
    }


_ACTION_CALL = {
    "next_action": "action_handle_turn",
    "sender_id": "fuzz-actions",
    "version": "3.6.21",
    "domain": {},
    "tracker": {
        "sender_id": "fuzz-actions",
        "slots": {"language": "es", "facts": {}, "answered": [], "consent_shown": True},
        "latest_message": {"text": "hola", "intent": {"name": "greet", "confidence": 0.9}, "entities": []},
        "events": [{"event": "user", "input_channel": "rest"}],
    },
}

_TEXTS = ["hola", "", " ", "\u0000", "x\u0000y", "<script>alert(1)</script>", "/delete_data{}", "/inform{bad"]

ENDPOINTS = [
    Endpoint("rasa /", "rasa", "GET", "/", "get"),
    Endpoint(
        "rasa rest",
        "rasa",
        "POST",
        "/webhooks/rest/webhook",
        "json",
        ("sender", "message", "input_channel", "metadata"),
        "Authorization",
        template={"sender": "fuzzrest01", "message": "hola"},
        extra=[
            ("sender of another channel", {"sender": "sms:+573001112233", "message": "hola"}),
            ("sender web-", {"sender": "web-abc:x", "message": "hola"}),
            ("sender 10 000 chars", {"sender": "a" * 10_000, "message": "hola"}),
            ("sender with NUL", {"sender": "a\u0000b", "message": "hola"}),
            ("input_channel sms", {"sender": "fuzzrest02", "message": "hola", "input_channel": "sms"}),
            ("metadata", {"sender": "fuzzrest02", "message": "hola", "metadata": {"a": [1]}}),
            ("message 2001 chars", {"sender": "fuzzrest03", "message": "a" * 2001}),
            ("100 KB message (refused before NLU)", {"sender": "fuzzrest03", "message": "hola " * 20_000}),
            *((f"message {t!r}", {"sender": "fuzzrest04", "message": t}) for t in _TEXTS),
        ],
    ),
    Endpoint(
        "rasa rest stream",
        "rasa",
        "POST",
        "/webhooks/rest/webhook?stream=true",
        "json",
        ("sender", "message"),
        "Authorization",
        examples=EXAMPLES // 2,
        extra=[("stream", {"sender": "fuzzrest05", "message": "hola"})],
    ),
    Endpoint(
        "rasa sms",
        "rasa",
        "POST",
        "/webhooks/sms/webhook",
        "form",
        ("Body", "From", "To", "MessageSid", "SmsMessageSid", "NumMedia", "Latitude", "Longitude"),
        "X-Twilio-Signature",
    ),
    Endpoint(
        "rasa whatsapp",
        "rasa",
        "POST",
        "/webhooks/whatsapp/webhook",
        "form",
        ("Body", "From", "To", "MessageSid", "NumMedia", "Latitude", "Longitude", "ButtonPayload"),
        "X-Twilio-Signature",
    ),
    Endpoint(
        "rasa whatsapp_cloud verify",
        "rasa",
        "GET",
        "/webhooks/whatsapp_cloud/webhook",
        "query",
        ("hub.mode", "hub.verify_token", "hub.challenge"),
        "hub.verify_token",
    ),
    Endpoint(
        "rasa whatsapp_cloud",
        "rasa",
        "POST",
        "/webhooks/whatsapp_cloud/webhook",
        "json",
        ("object", "entry", "changes", "value", "messages"),
        "X-Hub-Signature-256",
        template=_cloud_notification(),
        extra=[
            ("status update", {"entry": [{"changes": [{"value": {"statuses": [{"id": "x"}]}}]}]}),
            ("from not a number", _cloud_notification({"from": "abc", "id": "wamid.f1", "type": "text"})),
            ("from 30 digits", _cloud_notification({"from": "1" * 30, "id": "wamid.f2", "type": "text"})),
            (
                "text body a dict",
                _cloud_notification(
                    {"from": "15550009902", "id": "wamid.f3", "type": "text", "text": {"body": {"a": 1}}}
                ),
            ),
            *(
                (
                    f"location {lat!r}",
                    _cloud_notification(
                        {
                            "from": "15550009903",
                            "id": f"wamid.loc{i}",
                            "type": "location",
                            "location": {"latitude": lat, "longitude": 1},
                        }
                    ),
                )
                for i, lat in enumerate(["nan", "1e999", "1" * 5000, None, [1], {"a": 1}, 1e308])
            ),
            (
                "interactive reply a list",
                _cloud_notification(
                    {"from": "15550009904", "id": "wamid.f4", "type": "interactive", "interactive": [1]}
                ),
            ),
        ],
    ),
    Endpoint(
        "rasa telegram",
        "rasa",
        "POST",
        "/webhooks/telegram/webhook",
        "json",
        ("update_id", "message", "edited_message", "callback_query", "chat", "text"),
        "X-Telegram-Bot-Api-Secret-Token",
        template=_telegram_update(),
        extra=[
            ('"text":{"a":1}', _telegram_update({"a": 1}, 990010)),
            ("text a list", _telegram_update(["hola"], 990011)),
            ("text with NUL", _telegram_update("x\u0000y", 990012)),
            # one update_id for all of them: only the first button that parses runs a turn
            *((f"button {path}", doc) for path, doc in variants(_telegram_button())),
            (
                "location",
                {
                    **_telegram_update(update_id=990013),
                    "message": {**_telegram_update()["message"], "location": "x"},
                },
            ),
            ("update_id huge", _telegram_update(update_id=10**400)),
        ],
    ),
    Endpoint("actions /health", "actions", "GET", "/health", "get", credential="Authorization"),
    Endpoint("actions /actions", "actions", "GET", "/actions", "get", credential="Authorization"),
    Endpoint(
        "actions /webhook",
        "actions",
        "POST",
        "/webhook",
        "json",
        ("next_action", "tracker", "domain", "version", "sender_id"),
        "Authorization",
        template=_ACTION_CALL,
        extra=sorted(BAD_ACTION_CALLS.items()),
    ),
    Endpoint("web /", "web", "GET", "/", "get"),
    Endpoint("web /health", "web", "GET", "/health", "get"),
    Endpoint("web /chat", "web", "GET", "/chat", "get"),
    Endpoint(
        "web /chat/api/messages",
        "web",
        "POST",
        "/chat/api/messages",
        "json",
        ("sender", "message"),
        template={"sender": "fuzzchat0001", "message": "hola"},
        extra=[
            ("sender of another channel", {"sender": "sms:+573001112233", "message": "hola"}),
            ("70 KB message", {"sender": "fuzzchat0002", "message": "a" * 70_000}),
            ("2001 chars", {"sender": "fuzzchat0002", "message": "a" * 2001}),
            *((f"message {t!r}", {"sender": "fuzzchat0003", "message": t}) for t in _TEXTS),
        ],
    ),
    Endpoint(
        "web /nlg",
        "web",
        "POST",
        "/nlg",
        "json",
        ("response", "arguments", "tracker", "channel"),
        "Authorization",
        template={
            "response": "utter_ask_question",
            "arguments": {"question": "nationality"},
            "tracker": {"sender_id": "x", "slots": {"language": "es"}},
            "channel": {"name": "rest"},
        },
        extra=[
            ('"tracker":"x"', {"response": "utter_consent", "tracker": "x"}),
            ('"tracker":{"slots":"x"}', {"response": "utter_consent", "tracker": {"slots": "x"}}),
            ("unknown response", {"response": "utter_nope"}),
            ("results malformed", {"response": "utter_results", "arguments": {"results": [{"pathway": 1}]}}),
            ("why facts a string", {"response": "utter_why", "arguments": {"results": [], "facts": "x"}}),
            ("why_question a list", {"response": "utter_why_question", "arguments": {"question": [1]}}),
            ("location a list", {"response": "utter_location_noted", "arguments": {"country": ["CO"]}}),
        ],
    ),
    Endpoint(
        "web /console/admin/kb/reload",
        "web",
        "POST",
        "/console/admin/kb/reload",
        "json",
        ("x",),
        "X-CSRF-Token",  # with an admin's console session (the cookie comes with it: authentic_headers)
        examples=30,  # with the credential each call reloads the knowledge base
    ),
]
BY_NAME = {e.name: e for e in ENDPOINTS}
GET_SWEEP = [  # further GET routes the processes serve
    ("rasa", "/webhooks/rest/"),
    ("rasa", "/webhooks/sms/"),
    ("rasa", "/webhooks/whatsapp/"),
    ("rasa", "/webhooks/telegram/webhook"),
    ("rasa", "/conversations/x/tracker"),
    ("rasa", "/nothing"),
    ("actions", "/webhook"),
    ("actions", "/nothing"),
    ("web", "/chat/static/chat.js"),
    ("web", "/chat/static/..%2f..%2fsettings.py"),
    ("web", "/nlg"),
    ("web", "/console/admin/kb/reload"),
    ("web", "/console/login"),
    ("web", "/console/static/..%2fauth.py"),
    ("web", "/nothing"),
]


def base_url(stack, process: str) -> str:
    return {
        "rasa": stack.settings.rasa_url,
        "actions": f"http://{stack.settings.internal_host}:{stack.settings.actions_port}",
        "web": stack.web_url,
    }[process]


# ------------------------------------------------------------------------------------------------
# One request
# ------------------------------------------------------------------------------------------------


def _twilio_signature(path: str, body: bytes) -> str:
    try:
        params = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        return "not-signable"
    return RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_BASE_URL + path, params)


# The console session of an admin, for the KB reload (filled by the `admin_credential` fixture).
ADMIN: dict[str, str] = {}


@pytest.fixture(autouse=True)
def admin_credential(admin_session) -> None:
    ADMIN.update(csrf=admin_session.csrf, cookie=admin_session.cookies.get("console_session"))


def authentic_headers(endpoint: Endpoint, body: bytes) -> dict[str, Any]:
    """The header that gets this body past the endpoint's first check."""
    if endpoint.credential is None:
        return {}
    if endpoint.credential == "X-Twilio-Signature":
        return {"X-Twilio-Signature": _twilio_signature(endpoint.path, body)}
    if endpoint.credential == "X-Hub-Signature-256":
        digest = hmac.new(WHATSAPP_APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
        return {"X-Hub-Signature-256": "sha256=" + digest}
    if endpoint.credential == "X-Telegram-Bot-Api-Secret-Token":
        return {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    token = {"rasa": REST_CHANNEL_TOKEN, "actions": INTERNAL_TOKEN}.get(endpoint.process)
    if endpoint.name == "web /nlg":
        token = INTERNAL_TOKEN
    elif endpoint.name == "web /console/admin/kb/reload":
        return {
            "X-CSRF-Token": ADMIN["csrf"],
            "Cookie": f"console_session={ADMIN['cookie']}",
            "Accept": "application/json",
        }
    return {"Authorization": f"Bearer {token}"} if token else {}


@dataclass
class Sent:
    endpoint: str
    case: str
    status: int  # 0: the server closed the connection (allowed only for oversized bodies)
    text: str


def send(
    stack,
    endpoint: Endpoint,
    case: str,
    payload: Any,
    signed: bool,
    headers: dict[str, Any] | None = None,
    content_type: str | None = None,
    session: requests.Session | None = None,
) -> Sent:
    """Send `payload` (bytes, a JSON document, a form or query dict) signed or not."""
    url = base_url(stack, endpoint.process) + endpoint.path
    params = None
    if endpoint.kind in ("query", "get"):
        params = dict(payload or {})
        if signed and endpoint.kind == "query":
            params.update({"hub.mode": "subscribe", "hub.verify_token": WHATSAPP_VERIFY_TOKEN})
        body = None
    elif isinstance(payload, bytes):
        body = payload
    elif endpoint.kind == "form":
        body = urlencode(payload or {}).encode()
    else:
        body = encode(payload)
    sent_headers: dict[str, Any] = {}
    if body is not None:
        default_type = "application/x-www-form-urlencoded" if endpoint.kind == "form" else "application/json"
        sent_headers["Content-Type"] = content_type if content_type is not None else default_type
    if signed:
        sent_headers.update(authentic_headers(endpoint, body or b""))
    sent_headers.update(headers or {})
    http = session or requests
    try:
        response = http.request(
            endpoint.method, url, params=params, data=body, headers=sent_headers, timeout=TIMEOUT_S
        )
        result = Sent(endpoint.name, case, response.status_code, response.text[:300])
    except requests.ConnectionError:
        # Sanic closes the connection on a body over its cap while the client is still sending.
        if body is None or len(body) < 256 * 1024:
            raise
        result = Sent(endpoint.name, case, 0, "connection closed")
    counts[endpoint.name] += 1
    statuses.setdefault(endpoint.name, Counter())[result.status] += 1
    return result


def server_errors(results: list[Sent]) -> list[str]:
    return [f"{r.endpoint} [{r.case}] -> {r.status} {r.text}" for r in results if r.status >= 500]


# ------------------------------------------------------------------------------------------------
# The tests
# ------------------------------------------------------------------------------------------------


def test_fuzz_the_stack_is_up(stack) -> None:
    before["pids"] = sorted(stack.group_pids())
    before["output"] = len(stack.output.read_text(errors="replace"))
    before["started"] = time.monotonic()
    for process, path in (("rasa", "/"), ("actions", "/health"), ("web", "/health")):
        assert requests.get(base_url(stack, process) + path, timeout=10).status_code == 200


@pytest.mark.parametrize("name", [e.name for e in ENDPOINTS])
def test_fuzz_explicit_cases(stack, name: str) -> None:
    """The review's cases, each sent without and with the credential; every 5xx is listed."""
    endpoint = BY_NAME[name]
    results: list[Sent] = []
    with requests.Session() as session:
        for signed in (False, True):
            if endpoint.kind in ("json", "form"):
                for case, raw in sorted(GARBAGE_BODIES.items()):
                    results.append(send(stack, endpoint, case, raw, signed, session=session))
                filler = b'{"a":"' + b"x" * BIG + b'"}'
                results.append(send(stack, endpoint, "9 MB body", filler, signed))
            elif endpoint.kind == "query":
                for case, query in [
                    (
                        "hub.verify_token=é",
                        {"hub.mode": "subscribe", "hub.verify_token": "é", "hub.challenge": "1"},
                    ),
                    ("no mode", {"hub.verify_token": WHATSAPP_VERIFY_TOKEN, "hub.challenge": "1"}),
                    ("wrong mode", {"hub.mode": "x", "hub.verify_token": WHATSAPP_VERIFY_TOKEN}),
                    ("challenge 10 KB", {"hub.challenge": "c" * 10_000}),
                    ("challenge NUL", {"hub.challenge": "a\u0000b"}),
                    ("nothing", {}),
                ]:
                    results.append(send(stack, endpoint, case, query, signed, session=session))
                raw_queries = [
                    "hub.verify_token=%E9&hub.mode=subscribe",
                    "hub.verify_token=%ff%fe",
                    "%%%",
                    "a=%",
                ]
                for raw_query in raw_queries:
                    url = base_url(stack, "rasa") + endpoint.path + "?" + raw_query
                    response = session.get(url, timeout=TIMEOUT_S)
                    counts[endpoint.name] += 1
                    results.append(Sent(endpoint.name, raw_query, response.status_code, response.text[:300]))
            else:
                for case, query in [
                    ("nothing", {}),
                    ("odd query", {"a": "é", "b": "\u0000", "c": "x" * 4000}),
                ]:
                    results.append(send(stack, endpoint, case, query, signed, session=session))
        # Credentials of every odd shape, on a body that would otherwise be accepted.
        if endpoint.credential and endpoint.kind != "query":
            document = endpoint.template if endpoint.template is not None else {}
            for value in [b"", "Bearer é".encode(), b"Bearer \xe9", "é".encode(), b"\xe9", b"x" * 4000]:
                headers = {endpoint.credential: value}
                results.append(send(stack, endpoint, f"credential {value[:20]!r}", document, False, headers))
        # A value of the wrong type in every field, with the credential. The provider ids stay the
        # same: each body is parsed in full, and only the first that parses runs a turn (the
        # others are duplicates), which keeps the loop short.
        for n, (path, document) in enumerate(variants(endpoint.template) if endpoint.template else []):
            results.append(send(stack, endpoint, f"{path} #{n}", document, True, session=session))
        for case, document in endpoint.extra:
            results.append(send(stack, endpoint, case, document, True, session=session))
            results.append(send(stack, endpoint, case, document, False, session=session))
        if endpoint.kind == "form":
            for case, form in _twilio_forms():
                results.append(send(stack, endpoint, case, form, True, session=session))
    errors = server_errors(results)
    assert not errors, "\n".join(errors)


def _twilio_forms() -> list[tuple[str, dict[str, str]]]:
    def form(**fields: str) -> dict[str, str]:
        return {
            "From": "+15550009001",
            "To": "+15550001111",
            "MessageSid": f"SMfuzz{next(_ids):026d}",
            **fields,
        }

    return [
        ("Body with NUL", form(Body="a\u0000b")),
        ("Body 4 KB", form(Body="a" * 4000)),
        ("Body <script>", form(Body="<script>alert(1)</script>")),
        ("From not a number", form(From="not a number", Body="hola")),
        ("From 30 digits", form(From="+" + "1" * 30, Body="hola")),
        ("MessageSid 10 000 chars", form(MessageSid="S" * 10_000, Body="hola")),
        ("no MessageSid", {"From": "+15550009001", "Body": "hola"}),
        ("Latitude nan", form(Latitude="nan", Longitude="1")),
        ("Latitude 1e999", form(Latitude="1e999", Longitude="1e999")),
        ("Latitude 5000 digits", form(Latitude="1" * 5000, Longitude="1")),
        ("Latitude x", form(Latitude="x", Longitude="")),
        ("NumMedia x", form(NumMedia="x", Body="")),
        ("70 KB form", form(Body="a" * 70_000)),
    ]


_query_values = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_content_types = st.sampled_from(
    [
        None,
        "application/json",
        "text/plain",
        "",
        "application/x-www-form-urlencoded",
        "multipart/form-data; b=x",
    ]
)


@pytest.mark.parametrize("name", [e.name for e in ENDPOINTS])
def test_fuzz_generated(stack, name: str) -> None:
    """Hypothesis bodies (or forms, or query strings), half without and half with the credential."""
    endpoint = BY_NAME[name]
    session = requests.Session()
    if endpoint.kind == "form":
        forms = st.dictionaries(
            st.sampled_from(list(endpoint.fields)) | _query_values, _query_values, max_size=6
        )
        # No valid sender: nothing is answered, and no turn runs.
        payloads = st.one_of(
            forms.map(lambda f: {k: v for k, v in f.items() if k != "From"}), st.binary(max_size=300)
        )
    elif endpoint.kind in ("query", "get"):
        payloads = st.dictionaries(
            st.sampled_from(list(endpoint.fields) or ["a"]) | _query_values, _query_values
        )
    else:
        payloads = bodies(list(endpoint.fields))

    header_name = (
        endpoint.credential if endpoint.credential not in (None, "hub.verify_token") else "Authorization"
    )

    @settings(FUZZ, max_examples=endpoint.examples)
    @given(
        payload=payloads, signed=st.booleans(), header=st.none() | header_values, content_type=_content_types
    )
    def run(payload: Any, signed: bool, header: bytes | None, content_type: str | None) -> None:
        headers = {header_name: header} if header is not None and not signed else {}
        result = send(stack, endpoint, "generated", payload, signed, headers, content_type, session)
        assert result.status < 500, (endpoint.name, signed, repr(payload)[:300], result.status, result.text)

    try:
        run()
    finally:
        session.close()


def test_fuzz_get_sweep(stack) -> None:
    results = []
    for process, path in GET_SWEEP:
        endpoint = Endpoint(f"{process} GET {path}", process, "GET", path, "get", credential="Authorization")
        for signed in (False, True):
            results.append(send(stack, endpoint, "sweep", {}, signed))
    errors = server_errors(results)
    assert not errors, "\n".join(errors)


def test_fuzz_every_process_still_serves(stack) -> None:
    """The same processes as before the fuzzing (none crashed and was restarted), all healthy."""
    for process, path in (("rasa", "/"), ("actions", "/health"), ("web", "/health")):
        response = requests.get(base_url(stack, process) + path, timeout=10)
        assert response.status_code == 200, (process, response.status_code, response.text)
    if "pids" in before:
        gone = set(before["pids"]) - set(stack.group_pids())
        assert not gone, f"processes {gone} died during the fuzzing (and were restarted)"
        output = stack.output.read_text(errors="replace")[before["output"] :]
        assert "exited with code" not in output, output[-3000:]
    # Still answering a real conversation turn.
    replies = requests.post(
        stack.rest_url,
        json={"sender": "fuzzafter01", "message": "hola"},
        headers={"Authorization": f"Bearer {REST_CHANNEL_TOKEN}"},
        timeout=60,
    )
    assert replies.status_code == 200 and replies.json(), replies.text
    for endpoint in ENDPOINTS:
        assert counts[endpoint.name] >= endpoint.examples, dict(counts)
    spent = time.monotonic() - before.get("started", time.monotonic())
    print(f"fuzz: {sum(counts.values())} requests in {spent:.0f} s; statuses per endpoint:")
    for name, seen in sorted(statuses.items()):
        print(f"  {name}: {dict(sorted(seen.items()))}")


def test_fuzz_no_body_reached_a_log(stack) -> None:
    """Nothing sent in a body (the marker) appears in any process's log."""
    results = []
    for endpoint in ENDPOINTS:
        if endpoint.kind == "json":
            document = {name: f"{MARKER}-{name}" for name in endpoint.fields}
            results.append(send(stack, endpoint, "marker", document, True))
            results.append(send(stack, endpoint, "marker", b"[" + MARKER.encode(), True))
        elif endpoint.kind == "form":
            results.append(send(stack, endpoint, "marker", {"Body": MARKER, "From": MARKER}, True))
    assert not server_errors(results), server_errors(results)
    time.sleep(1)  # the launcher copies each line to var/log as it comes
    logs = stack.logs()
    assert MARKER not in logs, [line for line in logs.splitlines() if MARKER in line][:10]
