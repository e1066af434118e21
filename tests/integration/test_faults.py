"""The security review's fault reproductions (../shared/security-review-2026-11.md, section 4 and
reproductions 3, 6 and 7) against a stack of their own, so killing its processes and refusing its
database writes cannot disturb the other integration tests.

What must hold: when a turn was not saved, or its action or NLG failed, the person is told to
write again, in their language, on every channel, and nothing is confirmed that did not happen;
a provider's retry of a message that was never processed is processed; a process that dies is
started again while the others keep serving.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator

import pytest
import requests
import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.i18n.catalogs import translate
from tests.helpers.faults import child_pid, kill, refusing_writes
from tests.helpers.people import CHANNELS, Fakes, Person
from tests.helpers.stack import RunningStack, running_stack

pytestmark = pytest.mark.integration
APOLOGY = {lang: translate(lang, "error.try_again") for lang in ("es", "pt", "en", "fr", "ht")}


@pytest.fixture(scope="module")
def fakes(fake_twilio, fake_graph, fake_telegram) -> Fakes:
    return Fakes(fake_twilio, fake_graph, fake_telegram)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory, fakes: Fakes) -> Iterator[RunningStack]:
    from bot.training import ensure_model

    ensure_model()
    root = tmp_path_factory.mktemp("faults")
    with running_stack(root / "var", fakes.env()) as running:
        yield running


def _events(stack: RunningStack, sender_id: str) -> int:
    with get_engine(stack.settings.database_url).connect() as connection:
        return connection.execute(
            sa.text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender_id}
        ).scalar_one()


def _wait_until(check, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.5)


def _healthy(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


PEOPLE: list[Person] = []  # everyone who wrote to this stack: none of them may be in its logs
TEXTS = (
    "hola, me llamo Marisol Quintero",
    "soy venezolana",
    "estoy en Colombia",
    "sí, tengo miedo de volver a Caracas",
    "no, entré por una trocha",
)


def _started(person: Person) -> None:
    PEOPLE.append(person)
    for text in TEXTS[:3]:
        assert person.say(text).status_code == 200


def test_erasure_is_never_confirmed_when_the_rows_are_still_there(faulty, fakes) -> None:
    """Reproduction 3: "delete my data" confirmed while the database refuses writes."""
    person = Person(faulty, fakes, "web")
    _started(person)
    person.say("borrar mis datos")
    before = _events(faulty, person.sender_id)
    with refusing_writes(faulty.settings.database_url):
        assert person.say("sí").status_code == 200
    assert person.replies[-1] == APOLOGY["es"]
    assert translate("es", "delete.done") not in person.replies
    assert _events(faulty, person.sender_id) == before  # nothing was deleted, nothing pretended
    person.say("sí")  # the conversation is still waiting for the confirmation
    assert person.replies[-1] == translate("es", "delete.done")
    assert _events(faulty, person.sender_id) == 0


def test_a_turn_that_was_not_saved_gets_no_normal_reply(faulty, fakes) -> None:
    person = Person(faulty, fakes, "web")
    _started(person)
    asked = person.replies[-1]
    # An answer to whichever question the knowledge base asks at this point.
    answers = {
        translate("es", "ask.fear_of_return"): "sí, tengo miedo de volver",
        translate("es", "ask.entry_date"): "marzo de 2024",
    }
    answer = next(text for prompt, text in answers.items() if prompt in asked)
    with refusing_writes(faulty.settings.database_url):
        person.say(answer)
    assert person.replies[-1] == APOLOGY["es"]
    person.say(answer)  # written again: read against the same question
    assert person.replies[-1] != asked and APOLOGY["es"] not in person.replies[-1:]


def test_a_request_for_a_person_is_never_met_with_silence(faulty, fakes) -> None:
    person = Person(faulty, fakes, "web")
    _started(person)
    with refusing_writes(faulty.settings.database_url):
        person.say("quiero hablar con una persona")
    assert person.replies[-1] == APOLOGY["es"]
    opening = translate("es", "handoff.created").split("{")[0]  # the text before the hours
    assert not any(opening in reply for reply in person.replies)


@pytest.mark.parametrize("channel", [c for c in CHANNELS if c != "web"])
def test_every_phone_channel_tells_the_person_to_write_again(faulty, fakes, channel: str) -> None:
    person = Person(faulty, fakes, channel)
    _started(person)
    with refusing_writes(faulty.settings.database_url):
        assert person.say("sí").status_code == 200
    assert APOLOGY["es"] in person.received()[-1]
    person.say("sí")
    assert APOLOGY["es"] not in person.received()[-1]


def test_health_reports_a_database_that_cannot_be_written(faulty) -> None:
    url = f"{faulty.web_url}/health"
    with refusing_writes(faulty.settings.database_url):
        response = requests.get(url, timeout=10)
        assert response.status_code == 503 and response.json()["database"] == "not writable"
    assert requests.get(url, timeout=10).status_code == 200


def test_a_dead_process_is_started_again_and_the_others_keep_serving(faulty, fakes) -> None:
    """Reproduction 7: `kill -9` of the web service used to stop the whole stack. Replies are
    rendered by the action server, so people are answered while the web service is down."""
    person = Person(faulty, fakes, "web")
    _started(person)
    kill(child_pid(faulty.group_pids(), "bot.web"))
    assert not _healthy(f"{faulty.web_url}/health")
    response = person.say("sí")
    assert response.status_code == 200 and person.replies[-1] not in ("", APOLOGY["es"])
    _wait_until(lambda: _healthy(f"{faulty.web_url}/health"))
    assert faulty.process.poll() is None
    assert "restarting web" in faulty.output.read_text()


def test_a_message_in_flight_when_rasa_dies_is_processed_on_retry(faulty, fakes) -> None:
    """Reproduction 6: the retry of a message that was never answered used to be swallowed."""
    person = Person(faulty, fakes, "sms")
    _started(person)
    actions = child_pid(faulty.group_pids(), "bot.action_server")
    kill(actions, signal.SIGSTOP)  # hold the turn
    sid = "SMinflight" + "0" * 22
    worker = threading.Thread(target=lambda: _ignore_errors(person.say, "sí, tengo miedo de volver", sid))
    try:
        worker.start()
        time.sleep(3)
        kill(child_pid(faulty.group_pids(), "bot.rasa_plugins.server"))
    finally:
        kill(actions, signal.SIGCONT)
    worker.join(timeout=120)
    sent = len(person.received())
    _wait_until(lambda: _healthy(f"{faulty.settings.rasa_url}/"), timeout=240)
    assert person.say("sí, tengo miedo de volver", message_id=sid).status_code == 200  # the retry
    assert len(person.received()) > sent
    assert APOLOGY["es"] not in person.received()[-1]
    assert person.say("sí, tengo miedo de volver", message_id=sid).status_code == 200  # once more
    assert len(person.received()) == sent + 1  # answered once, not twice


def _ignore_errors(call, *args) -> None:
    with contextlib.suppress(requests.RequestException):
        call(*args)


def test_no_log_line_names_a_person_or_holds_a_secret(faulty, fakes) -> None:
    """Reproduction 5 and issue 8 point 7: after whole conversations on every channel and every
    error path above (refused writes, a dead web service, a dead Rasa with a turn in flight), no
    log of any process holds a number, chat id, sender id, message text or secret."""
    from bot.secrets import secret
    from tests.helpers.fake_providers import AUTH_TOKEN, GRAPH_TOKEN, TELEGRAM_TOKEN
    from tests.helpers.people import TELEGRAM_SECRET, WHATSAPP_APP_SECRET

    for channel in CHANNELS:
        person = Person(faulty, fakes, channel)
        _started(person)
        for text in TEXTS[3:]:
            person.say(text)
        person.say("¿por qué?")
        with refusing_writes(faulty.settings.database_url):
            person.say("quiero hablar con una persona")
        person.say("quiero hablar con una persona")
    logs = faulty.logs()
    assert "restarting" in logs  # the error paths did run
    needles = [n for person in PEOPLE for n in person.needles]
    needles += ["Marisol", "Quintero", "Caracas", "trocha", "miedo de volver"]
    needles += [
        TELEGRAM_TOKEN,
        TELEGRAM_TOKEN.split(":")[1],
        AUTH_TOKEN,
        GRAPH_TOKEN,
        TELEGRAM_SECRET,
        WHATSAPP_APP_SECRET,
    ] + [secret(faulty.settings, n) for n in ("rest_channel_token", "internal_token", "pseudonym_key")]
    found = {needle for needle in needles if needle in logs}
    assert not found, f"in the logs: {sorted(found)}"
    assert "Traceback" not in logs
