"""The booking flow in the conversation core, with a real desk on a real database: offered after the
results, service → centre → time → confirm; a double confirm books once; a time taken meanwhile
offers the next ones; cancel and change by code, from another conversation too."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa

from bot.appointments.desk import BookingDesk
from bot.conversation import Message, State, replies, take_turn
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import bookings

NOW = datetime(2026, 11, 30, 15, tzinfo=timezone.utc)  # Monday 10:00 in Bogotá
TODAY = NOW.date()
BOGOTA = {
    "nationality": "VE",
    "current_country": "CO",
    "current_region": "CO-DC",
    "entry_date": "2024-11-02",
    "fear_of_return": False,
    "has_criminal_record": False,
    "has_passport_or_id": True,
    "holds": [],
}


@pytest.fixture
def database(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'booking.db'}"
    upgrade(url)
    return url


class Person:
    """One conversation: its state carried from turn to turn, as the Rasa slots carry it."""

    def __init__(self, kb, url: str, sender: str, language: str = "es", **state) -> None:
        self.kb, self.url, self.sender = kb, url, sender
        self.state = State(language=language, consent_shown=True, **state)

    def says(self, text: str, answer: str | None = None, now: datetime = NOW) -> list:
        desk = BookingDesk(self.url, self.kb, self.sender, self.state.language or "es", now)
        message = Message(text, intent="inform", confidence=0.9, answer=answer)
        turn = take_turn(self.kb, self.state, message, now.date(), desk=desk)
        self.state = turn.state
        return turn.replies

    def presses(self, value: str) -> list:
        return self.says(f'/inform{{"answer":"{value}"}}', answer=value)


def _names(said) -> list[str]:
    return [reply.response for reply in said]


def _reply(said, name: str):
    return next(reply for reply in said if reply.response == name)


def _rows(url: str) -> list:
    with get_engine(url).connect() as connection:
        return list(connection.execute(sa.select(bookings).order_by(bookings.c.id)))


def _to_results(shipped_kb, database: str, sender: str = "rest-1") -> tuple[Person, list]:
    facts = {k: v for k, v in BOGOTA.items() if k != "has_passport_or_id"}
    person = Person(
        shipped_kb, database, sender, facts=facts, answered=tuple(facts), pending="has_passport_or_id"
    )
    return person, person.says("sí")


def test_results_are_followed_by_the_offer_once(shipped_kb, database) -> None:
    person, said = _to_results(shipped_kb, database)
    assert _names(said)[-2:] == [replies.RESULTS, replies.BOOKING_OFFER]
    assert person.state.flow == "booking"
    said = person.says("no gracias")
    assert _names(said) == [replies.BOOKING_NOT_BOOKED]
    assert person.state.flow is None and person.state.booking == {"offered": True}


def test_no_offer_without_a_centre_that_takes_bookings(shipped_kb, database) -> None:
    facts = {**BOGOTA, "current_country": "PE", "current_region": "PE-LIM"}
    del facts["has_passport_or_id"]
    person = Person(
        shipped_kb, database, "rest-2", facts=facts, answered=tuple(facts), pending="has_passport_or_id"
    )
    said = person.says("sí")
    assert replies.RESULTS in _names(said) and replies.BOOKING_OFFER not in _names(said)
    assert _names(person.says("quiero una cita")) == [replies.BOOKING_NO_CENTRE]


def test_a_whole_booking_and_a_double_confirm(shipped_kb, database) -> None:
    person, _ = _to_results(shipped_kb, database)
    said = person.presses("yes")
    ask = _reply(said, replies.BOOKING_ASK_SERVICE)
    # The results suggest help with papers, which Bogotá's bookable centre does not offer: no suggestion.
    assert ask.args == {"services": ["social_assistance", "employment", "documents"], "suggested": None}
    said = person.says("1")
    slots = _reply(said, replies.BOOKING_ASK_SLOT)  # one centre in Bogotá takes bookings: no centre question
    assert slots.args["centre"] == "cedid_bogota" and len(slots.args["slots"]) == 4
    first = slots.args["slots"][0]
    assert first.endswith("-05:00") and datetime.fromisoformat(first) > NOW
    said = person.presses(first)
    assert _reply(said, replies.BOOKING_CONFIRM).args["start"] == first
    said = person.presses("yes")
    confirmed = _reply(said, replies.BOOKING_CONFIRMED).args
    assert confirmed["centre"] == "cedid_bogota" and confirmed["start"] == first
    assert len(confirmed["code"]) == 6 and confirmed["ics_token"]
    again = _reply(person.presses("yes"), replies.BOOKING_CONFIRMED).args  # the same button, twice
    assert again["code"] == confirmed["code"]
    rows = _rows(database)
    assert [(r.code, r.status, r.service, r.language) for r in rows] == [
        (confirmed["code"], "booked", "social_assistance", "es")
    ]


def test_a_time_taken_meanwhile_offers_the_next_ones(shipped_kb, database) -> None:
    person, _ = _to_results(shipped_kb, database)
    person.presses("yes")
    person.says("1")
    first = person.state.booking["options"][0]
    person.presses(first)
    seats = shipped_kb.centres["cedid_bogota"].booking.schedule.seats
    for n in range(seats):  # everyone else takes the seats while this person reads
        other = Person(shipped_kb, database, f"other-{n}")
        other.state = replace(person.state, booking={**person.state.booking, "key": f"their-tap-{n}"})
        assert _names(other.presses("yes"))[0] == replies.BOOKING_CONFIRMED
    said = person.presses("yes")
    slots = _reply(said, replies.BOOKING_ASK_SLOT)
    assert slots.args["taken"] is True and first not in slots.args["slots"]
    assert len([r for r in _rows(database) if r.sender_id == "rest-1"]) == 0


def test_change_and_cancel_by_code_from_another_conversation(shipped_kb, database) -> None:
    person, _ = _to_results(shipped_kb, database)
    person.presses("yes")
    person.says("1")
    person.presses(person.state.booking["options"][1])
    code = _reply(person.presses("yes"), replies.BOOKING_CONFIRMED).args["code"]

    sms = Person(shipped_kb, database, "sms:+573001112233")  # the same person, by SMS, with the code
    said = sms.says(f"cambiar {code.lower()}")
    options = _reply(said, replies.BOOKING_ASK_SLOT).args
    assert options["moving"] == code and options["centre"] == "cedid_bogota"
    said = sms.says("3")
    assert _reply(said, replies.BOOKING_CONFIRM).args["moving"] == code
    moved = _reply(sms.says("sí"), replies.BOOKING_CONFIRMED).args
    assert moved["moved"] == code and moved["code"] != code
    assert {r.code: r.status for r in _rows(database)} == {code: "cancelled", moved["code"]: "booked"}

    said = sms.says(f"cancelar {moved['code']}")
    assert _names(said) == [replies.BOOKING_CONFIRM_CANCEL]
    assert _names(sms.says("no")) == [replies.BOOKING_KEPT]
    sms.says(f"cancelar {moved['code']}")
    assert _names(sms.says("sí")) == [replies.BOOKING_CANCELLED]
    assert {r.status for r in _rows(database)} == {"cancelled"}
    assert _names(sms.says(f"cancelar {moved['code']}")) == [replies.BOOKING_OVER]
    assert _names(sms.says("cancelar ZZZZ22")) == [replies.BOOKING_UNKNOWN]


def test_the_code_alone_shows_the_visit_and_my_visits_need_no_code(shipped_kb, database) -> None:
    person, _ = _to_results(shipped_kb, database)
    person.presses("yes")
    person.says("1")
    person.presses(person.state.booking["options"][0])
    code = _reply(person.presses("yes"), replies.BOOKING_CONFIRMED).args["code"]
    said = person.says(code)
    assert _names(said) == [replies.BOOKING_SHOW] and said[0].args["code"] == code
    assert _names(person.presses("keep")) == [replies.BOOKING_KEPT]
    said = person.says("quiero cancelar mi cita")
    assert _names(said) == [replies.BOOKING_CONFIRM_CANCEL] and said[0].args["code"] == code
    stranger = Person(shipped_kb, database, "rest-9")
    assert _names(stranger.says("cancelar mi cita")) == [replies.BOOKING_UNKNOWN]


def test_booking_in_the_middle_of_the_questionnaire_comes_back_to_the_question(shipped_kb, database) -> None:
    facts = {"current_country": "CO", "current_region": "CO-DC"}
    person = Person(shipped_kb, database, "rest-3", facts=facts, answered=tuple(facts), pending="nationality")
    said = person.says("quiero una cita")
    assert _names(said) == [replies.BOOKING_ASK_SERVICE]
    assert _reply(said, replies.BOOKING_ASK_SERVICE).args["suggested"] is None
    person.presses(person.state.booking["options"][0])
    person.presses(person.state.booking["options"][0])
    said = person.presses("yes")
    assert _names(said) == [replies.BOOKING_CONFIRMED, replies.ASK_QUESTION]
    assert said[-1].args["question"] == "nationality"
    said = person.says("venezolano")
    assert person.state.facts["nationality"] == "VE" and person.state.flow is None


def test_a_sentence_with_booking_words_is_not_a_request(shipped_kb, database) -> None:
    facts = {"current_country": "CO"}
    person = Person(shipped_kb, database, "rest-4", facts=facts, answered=tuple(facts), pending="nationality")
    said = person.says("tengo una cita en migración la próxima semana, soy venezolana")
    assert replies.BOOKING_ASK_SERVICE not in _names(said)
    assert person.state.facts["nationality"] == "VE"
    assert _names(person.says("cambiar idioma")) == [replies.ASK_LANGUAGE]  # a command, not a change of visit
    assert person.state.flow is None


def test_a_country_shaped_like_a_code_is_an_answer_not_a_lookup(shipped_kb, database, monkeypatch) -> None:
    looked_up = []
    monkeypatch.setattr(BookingDesk, "find", lambda desk, code: looked_up.append(code))
    facts = {"current_country": "CO"}
    person = Person(shipped_kb, database, "rest-8", facts=facts, answered=tuple(facts), pending="nationality")
    person.says("Panama")  # six letters a code may have: read as the answer, no booking looked up
    assert person.state.facts["nationality"] == "PA" and looked_up == []


def test_a_miss_gets_one_more_chance_then_the_flow_closes(shipped_kb, database) -> None:
    person, _ = _to_results(shipped_kb, database)
    person.presses("yes")
    said = person.says("asdfgh")
    assert _names(said) == [replies.NOT_UNDERSTOOD, replies.BOOKING_ASK_SERVICE]
    person.says("qwerty")
    assert person.state.flow is None


def test_without_a_desk_nothing_is_offered(shipped_kb) -> None:
    facts = {k: v for k, v in BOGOTA.items() if k != "has_passport_or_id"}
    state = State(
        language="es", consent_shown=True, facts=facts, answered=tuple(facts), pending="has_passport_or_id"
    )
    turn = take_turn(shipped_kb, state, Message("sí", intent="inform", confidence=0.9), date(2026, 11, 30))
    assert replies.RESULTS in [r.response for r in turn.replies]
    assert replies.BOOKING_OFFER not in [r.response for r in turn.replies]


def test_in_the_united_states_only_a_centre_of_the_persons_state(shipped_kb) -> None:
    from bot.conversation.bookable import bookable_centres

    def ids(facts):
        return [c.id for c in bookable_centres(shipped_kb, facts)]

    assert ids({"current_country": "US", "current_region": "US-IL"}) == ["nijc_chicago"]
    assert ids({"current_country": "US", "current_region": "US-TX"}) == []
    assert ids({"current_country": "US"}) == []
    assert ids({"current_country": "BR", "current_region": "BR-RJ"}) == ["crai_sao_paulo"]


@pytest.mark.parametrize(
    "memory",
    [
        {"step": "confirm", "centre": "cedid_bogota"},  # no start, no key
        {"step": "slot", "centre": "gone_centre", "options": ["2026-12-01T10:00:00-05:00"]},
        {"step": "slot", "centre": "cedid_bogota", "options": ["tomorrow"]},
        {"step": "cancel", "code": "ABC234", "shown": "nothing"},
        {"step": "service", "options": "1"},
        {"step": "pick", "options": ["ABC234"], "shown": [{"code": 1}]},
        {"step": "centre", "options": ["cedid_bogota"], "misses": "one"},
    ],
)
def test_a_broken_memory_closes_the_flow_instead_of_failing(shipped_kb, database, memory) -> None:
    person = Person(shipped_kb, database, "rest-5", facts=dict(BOGOTA), flow="booking", booking=memory)
    said = person.says("sí")
    assert replies.RESULTS in _names(said) and replies.BOOKING_CONFIRMED not in _names(said)
    assert person.state.booking == {"offered": True, "step": "offer"}  # closed, then offered afresh


def test_saying_not_to_cancel_is_not_a_cancellation(shipped_kb, database) -> None:
    person, _ = _to_results(shipped_kb, database)
    person.presses("yes")
    person.says("1")
    person.presses(person.state.booking["options"][0])
    person.presses("yes")
    said = person.says("no quiero cancelar")
    assert replies.BOOKING_CONFIRM_CANCEL not in _names(said)
    assert {r.status for r in _rows(database)} == {"booked"}
