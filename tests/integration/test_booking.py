"""Whole booking conversations through the running stack: REST and SMS (the fake Twilio), the
bookings table read back to check what the conversation did.

Each person reaches the results in a country whose centre takes bookings (Colombia, Brazil), accepts
the offer and books by pressing the buttons the bot sent (or their numbers on SMS); then changes and
cancels the visit by its code, from the same conversation or from another channel.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime

import pytest
import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.i18n.catalogs import translate
from tests.helpers.people import Fakes, Person
from tests.helpers.personas import VENEZUELAN_IN_BRAZIL_ES, persona
from tests.helpers.stack import RunningStack

pytestmark = pytest.mark.integration

VENEZUELAN_IN_BOGOTA = {**VENEZUELAN_IN_BRAZIL_ES, "current_country": "estoy en Bogotá, Colombia"}
BOLIVIAN_IN_SAO_PAULO = persona("pt", "boliviana", "estou em São Paulo", False, "maio de 2023")
HAITIAN_IN_BRAZIL = persona("ht", "mwen se ayisyen", "mwen nan Brezil", True, "fevriye 2024")
CODE = re.compile(r"^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$")  # bot/appointments/codes.py


def _sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def _text(messages: list[dict]) -> str:
    return "\n".join(m["text"] for m in messages if "text" in m)


def _step(messages: list[dict]) -> str | None:
    steps = [m["custom"]["booking_step"] for m in messages if "booking_step" in m.get("custom", {})]
    return steps[-1] if steps else None


def _payloads(messages: list[dict]) -> list[str]:
    """The payloads of the last message with buttons."""
    buttons = [m["buttons"] for m in messages if m.get("buttons")]
    return [b["payload"] for b in buttons[-1]] if buttons else []


def _payload(value: str) -> str:
    return '/inform{"answer":"' + value + '"}'


def _booked(messages: list[dict]) -> dict:
    (booking,) = [m["custom"]["booking"] for m in messages if "booking" in m.get("custom", {})]
    return booking


def _rows(stack: RunningStack, **where: str) -> list[tuple]:
    """(code, centre_id, service, status) of the bookings matching `where`, oldest first."""
    condition = " AND ".join(f"{column} = :{column}" for column in where)
    query = f"SELECT code, centre_id, service, status FROM bookings WHERE {condition} ORDER BY id"
    with get_engine(stack.settings.database_url).connect() as connection:
        return [tuple(row) for row in connection.execute(sa.text(query), where).all()]


def _titles(messages: list[dict]) -> list[str]:
    buttons = [m["buttons"] for m in messages if m.get("buttons")]
    return [b["title"] for b in buttons[-1]] if buttons else []


def _book_by_buttons(
    stack: RunningStack, sender: str, offered: list[dict], services: list[str], first_title: str
) -> tuple[list[dict], str]:
    """Accept the offer, check the services offered (`first_title`: the first button's title), take
    the first, then the first free time, confirm. Returns the confirmation and the confirm payload."""
    assert _step(offered) == "offer" and _payloads(offered) == [_payload("yes"), _payload("no")]
    offered_services = stack.say(sender, _payload("yes"))
    assert _step(offered_services) == "service"
    assert _payloads(offered_services) == [_payload(s) for s in services]
    assert _titles(offered_services)[0] == first_title
    slots = stack.say(sender, _payload(services[0]))
    assert _step(slots) == "slot", _text(slots)  # one centre fits: no centre choice
    confirm = stack.say(sender, _payloads(slots)[0])
    assert _step(confirm) == "confirm" and _payloads(confirm) == [_payload("yes"), _payload("no")]
    return stack.say(sender, _payload("yes")), _payload("yes")


def test_spanish_book_repeat_change_and_cancel_over_rest(stack) -> None:
    sender = _sender()
    transcript = stack.converse(sender, ["hola"], VENEZUELAN_IN_BOGOTA)
    # The results suggest regularisation, which this centre does not offer: its own services, unsuggested.
    service = "social_assistance"
    offered = [service, "employment", "documents"]
    confirmation, yes = _book_by_buttons(stack, sender, transcript, offered, "Ayuda social")
    booking = _booked(confirmation)
    code = booking["code"]
    assert CODE.match(code) and booking["centre"] == "cedid_bogota"
    start = datetime.fromisoformat(booking["start"])
    assert booking["start"].endswith("-05:00") and start.minute in (0, 15, 30, 45)
    text = _text(confirmation)
    assert f"Tu código: {code}" in text and "Dirección: Carrera 80 # 43-43 Sur" in text
    assert f"cancelar {code}" in text and f"cambiar {code}" in text

    again = stack.say(sender, yes)  # the same button pressed twice
    assert _booked(again)["code"] == code
    assert _rows(stack, sender_id=sender) == [(code, "cedid_bogota", service, "booked")]

    slots = stack.say(sender, f"cambiar {code}")
    assert _step(slots) == "slot"
    other = next(p for p in _payloads(slots) if booking["start"] not in p and "later" not in p)
    confirm = stack.say(sender, other)
    assert _step(confirm) == "confirm"
    moved = stack.say(sender, _payload("yes"))
    new = _booked(moved)
    assert CODE.match(new["code"]) and new["code"] != code and new["centre"] == "cedid_bogota"
    assert new["start"] in other and f"Tu nuevo código: {new['code']}" in _text(moved)
    assert _rows(stack, sender_id=sender) == [
        (code, "cedid_bogota", service, "cancelled"),
        (new["code"], "cedid_bogota", service, "booked"),
    ]

    asked = stack.say(sender, f"cancelar {new['code']}")
    assert _step(asked) == "cancel" and f"¿Cancelo tu cita {new['code']}" in _text(asked)
    done = stack.say(sender, _payload("yes"))
    assert f"Tu cita {new['code']} en " in _text(done) and "quedó cancelada" in _text(done)
    assert [row[3] for row in _rows(stack, sender_id=sender)] == ["cancelled", "cancelled"]


def test_portuguese_booking_in_sao_paulo(stack) -> None:
    sender = _sender()
    transcript = stack.converse(sender, ["oi"], BOLIVIAN_IN_SAO_PAULO)
    service = "regularisation"  # suggested by the MERCOSUR result, and offered by the centre
    offered = [service, "documents", "legal_aid", "social_assistance", "language_classes", "employment"]
    confirmation, _ = _book_by_buttons(
        stack, sender, transcript, offered, "Documentação e residência (sugerido)"
    )
    booking = _booked(confirmation)
    assert CODE.match(booking["code"]) and booking["centre"] == "crai_sao_paulo"
    assert booking["start"].endswith("-03:00")
    text = _text(confirmation)
    assert f"Seu código: {booking['code']}" in text and "Endereço: Rua Major Diogo, 834" in text
    assert f"remarcar {booking['code']}" in text
    for foreign in ("Your code", "Tu código", "Dirección", "Address", "Kòd ou", "cambiar "):
        assert foreign not in text
    assert _rows(stack, sender_id=sender) == [(booking["code"], "crai_sao_paulo", service, "booked")]


def test_portuguese_move_asks_later_times_and_the_code_alone_elsewhere_shows_the_visit(stack) -> None:
    sender = _sender()
    transcript = stack.converse(sender, ["oi"], BOLIVIAN_IN_SAO_PAULO)
    offered = [
        "regularisation",
        "documents",
        "legal_aid",
        "social_assistance",
        "language_classes",
        "employment",
    ]
    confirmation, _ = _book_by_buttons(
        stack, sender, transcript, offered, "Documentação e residência (sugerido)"
    )
    code = _booked(confirmation)["code"]

    slots = stack.say(sender, f"remarcar {code}")
    assert _step(slots) == "slot" and f"Escolha o novo horário do seu atendimento {code}" in _text(slots)
    first = _payloads(slots)
    assert len(first) == 5 and first[-1] == _payload("later") and _titles(slots)[-1] == "Mais para a frente"
    later = stack.say(sender, _payload("later"))
    assert _step(later) == "slot"
    shown = [datetime.fromisoformat(p.split('"')[3]) for p in first[:-1]]
    more = [datetime.fromisoformat(p.split('"')[3]) for p in _payloads(later) if p != _payload("later")]
    assert len(more) == 4 and min(more) > max(shown)
    assert _rows(stack, code=code) == [(code, "crai_sao_paulo", "regularisation", "booked")]

    elsewhere = _sender()  # another channel: the code is the proof
    stack.say(elsewhere, "oi")
    shown_visit = stack.say(elsewhere, code)
    assert _step(shown_visit) == "manage" and f"Seu atendimento {code}: " in _text(shown_visit)
    assert _payloads(shown_visit) == [_payload("cancel"), _payload("change"), _payload("keep")]
    kept = stack.say(elsewhere, _payload("keep"))
    assert f"Tudo bem, seu atendimento {code} continua como está." in _text(kept)
    assert _rows(stack, code=code) == [(code, "crai_sao_paulo", "regularisation", "booked")]

    # Back in the first conversation: one of the later times, confirmed, then cancelled.
    stack.say(sender, _payloads(later)[0])
    moved = stack.say(sender, _payload("yes"))
    new = _booked(moved)["code"]
    assert new != code and f"Seu novo código: {new}" in _text(moved)
    assert _rows(stack, code=code)[0][3] == "cancelled"
    asked = stack.say(sender, f"cancelar {new}")
    assert _step(asked) == "cancel" and f"Cancelo o seu atendimento {new}" in _text(asked)
    done = stack.say(sender, "sim")
    assert f"Seu atendimento {new} em " in _text(done) and "foi cancelado" in _text(done)
    assert _rows(stack, code=new) == [(new, "crai_sao_paulo", "regularisation", "cancelled")]


# -- SMS ------------------------------------------------------------------------------------------
def _sms_question(kb_prompts: dict[str, str], body: str) -> str | None:
    return next((fact for prompt, fact in kb_prompts.items() if prompt in body), None)


def _numbered(body: str, label: str) -> str | None:
    """The number of the option `label` in an SMS's numbered list."""
    found = re.search(rf"^(\d+)\. {re.escape(label)}$", body, re.MULTILINE)
    return found.group(1) if found else None


def test_creole_sms_booking_with_numbers_then_cancel_from_the_web(
    stack, fake_twilio, fake_graph, fake_telegram
) -> None:
    person = Person(stack, Fakes(fake_twilio, fake_graph, fake_telegram), "sms")
    prompts = {translate("ht", f"ask.{fact}")[:40]: fact for fact in (*HAITIAN_IN_BRAZIL, "holds")}
    prompts.update({translate("ht", f"ask.{f}")[:40]: f for f in ("children_hold", "relatives_hold")})
    person.say("bonjou")
    for _ in range(14):
        bodies = person.received()
        if any(translate("ht", "booking.offer") in b for b in bodies):
            break
        fact = _sms_question(prompts, bodies[-1])
        assert fact, f"no question in {bodies[-1]!r}"
        answer = HAITIAN_IN_BRAZIL.get(fact) or _numbered(bodies[-1], translate("ht", "option.none"))
        assert answer, f"no answer to {fact} in {bodies[-1]!r}"
        person.say(answer)
    else:
        raise AssertionError("no booking offer by SMS")
    offer = person.received()[-1]
    # A turn longer than one SMS is split at sentences; the numbered options keep their own lines.
    assert offer.endswith("\n1. Wi\n2. Non"), offer
    for _ in range(3):  # yes, the first service, the first time
        person.say("1")
    assert person.received()[-1].endswith("\n1. Wi\n2. Non"), person.received()[-1]
    person.say("1")  # confirm
    body = person.received()[-1]
    found = re.search(r"Kòd ou: ([A-Z0-9]{6})", body)
    assert found, body
    code = found.group(1)
    assert "Adrès: Rua Major Diogo, 834" in body and f"anile {code}" in body
    for foreign in ("Tu código", "Seu código", "Your code"):
        assert foreign not in body
    assert _rows(stack, code=code) == [(code, "crai_sao_paulo", "regularisation", "booked")]
    person.say("1")  # the confirm's "1" again: the same booking, not a second one
    assert f"Kòd ou: {code}" in person.received()[-1]
    assert _rows(stack, sender_id=person.sender_id) == [(code, "crai_sao_paulo", "regularisation", "booked")]

    person.say(f"chanje {code}")  # a new time, by SMS: the numbered times, then yes
    assert f"Chwazi nouvo lè pou randevou {code}" in person.received()[-1]
    person.say("2")
    person.say("1")
    found = re.search(r"Nouvo kòd ou: ([A-Z0-9]{6})", person.received()[-1])
    assert found, person.received()[-1]
    assert [row[3] for row in _rows(stack, code=code)] == ["cancelled"]
    code = found.group(1)
    assert _rows(stack, code=code) == [(code, "crai_sao_paulo", "regularisation", "booked")]

    web = _sender()
    stack.say(web, "bonjou")
    asked = stack.say(web, f"anile {code}")
    assert _step(asked) == "cancel" and f"Èske m anile randevou {code}" in _text(asked)
    done = stack.say(web, "wi")
    assert f"Randevou {code} ou nan " in _text(done) and ", anile." in _text(done)
    assert [row[3] for row in _rows(stack, code=code)] == ["cancelled"]


# -- booking in the middle of the questionnaire ---------------------------------------------------
def test_asking_to_book_mid_questionnaire_then_the_question_again(stack) -> None:
    sender = _sender()
    replies = stack.say(sender, "hola")
    answered: set[str] = set()
    for _ in range(4):  # until both the nationality and the country are known
        asked = [m["custom"]["question"] for m in replies if "question" in m.get("custom", {})][-1]
        if {"nationality", "current_country"} <= answered:
            break
        replies = stack.say(sender, VENEZUELAN_IN_BOGOTA[asked])
        answered.add(asked)
    pending = [m["custom"]["question"] for m in replies if "question" in m.get("custom", {})][-1]
    assert pending not in ("nationality", "current_country")

    services = stack.say(sender, "quiero una cita")
    assert _step(services) == "service"
    assert _payloads(services)[0] == _payload("social_assistance")
    slots = stack.say(sender, _payloads(services)[0])
    assert _step(slots) == "slot"
    stack.say(sender, _payloads(slots)[0])
    confirmation = stack.say(sender, _payload("yes"))
    booking = _booked(confirmation)
    assert booking["centre"] == "cedid_bogota" and CODE.match(booking["code"])
    again = [m["custom"]["question"] for m in confirmation if "question" in m.get("custom", {})]
    assert again == [pending]
    assert translate("es", f"ask.{pending}")[:30] in _text(confirmation)
    assert _rows(stack, sender_id=sender) == [
        (booking["code"], "cedid_bogota", "social_assistance", "booked")
    ]
