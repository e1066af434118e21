"""The load generator's people: what they answer to our questions, by number or typed, and the stock
bot's path. No servers: replies are built as the REST channel and an SMS would carry them."""

from __future__ import annotations

import random

from bench.load.people import MAX_ANSWERS, STOCK_PHRASES, OurScript, StockScript, our_script, stock_script
from bench.load.replies import Reply, from_rest, from_sms
from bot.i18n.catalogs import translate
from tests.helpers.personas import CONVERSATIONS, persona


def _spanish(by_number: float) -> OurScript:
    answers = persona("es", "soy venezolano", "estoy en Brasil", False, "febrero 2024")
    return OurScript("es", "hola", answers, random.Random(1), by_number=by_number)


def _asked(fact: str, options: list[str], precision: str | None = None) -> Reply:
    custom = {"question": fact, "options": options, **({"precision": precision} if precision else {})}
    return from_rest([{"text": "?", "custom": custom}])


COUNTRIES = ["CO", "PE", "BR", "EC", "CL", "AR", "MX", "US"]


def test_always_by_number_picks_the_option_the_persona_means() -> None:
    script = _spanish(by_number=1.0)
    assert script.next(_asked("current_country", COUNTRIES)) == "3"  # "estoy en Brasil" -> BR
    assert script.next(_asked("fear_of_return", ["yes", "no", "unknown"])) == "2"  # "no"
    assert script.next(_asked("entry_regular", ["yes", "no", "unknown"])) == "1"  # "sí"
    assert (script.numbers_sent, script.texts_sent) == (3, 0)


def test_never_by_number_types_the_persona_answers() -> None:
    script = _spanish(by_number=0.0)
    assert script.next(_asked("current_country", COUNTRIES)) == "estoy en Brasil"
    assert script.next(_asked("fear_of_return", ["yes", "no", "unknown"])) == "no"
    assert script.next(_asked("entry_date", ["unknown"])) == "febrero 2024"  # no option says it
    assert (script.numbers_sent, script.texts_sent) == (0, 3)


def test_lists_follow_ups_and_unknown_questions_go_by_number() -> None:
    script = _spanish(by_number=0.0)
    assert script.next(_asked("holds", ["br_residence", "none", "unknown"])) == "2"  # holds none
    assert script.next(_asked("entry_date", ["unknown"], precision="month")) == "1"  # I don't remember
    assert script.next(_asked("not_a_fact", ["yes", "unknown"])) == "2"


def test_a_mix_of_numbers_and_text_over_the_personas() -> None:
    numbers = texts = 0
    for conversation in range(len(CONVERSATIONS)):
        script = our_script(0, conversation)
        for fact in ("fear_of_return", "has_criminal_record", "entry_regular", "has_passport_or_id"):
            script.next(_asked(fact, ["yes", "no", "unknown"]))
        numbers, texts = numbers + script.numbers_sent, texts + script.texts_sent
    assert numbers + texts == 60
    assert 15 <= numbers <= 45  # about half and half, never all one way


def test_scripts_are_reproducible_and_differ_per_person() -> None:
    assert our_script(3, 4).opening == our_script(3, 4).opening
    assert our_script(3, 4).rng.random() == our_script(3, 4).rng.random()
    assert our_script(0, 0).lang == "es" and our_script(1, 0).lang == CONVERSATIONS[7][0]


def test_results_end_the_conversation_and_so_does_the_answer_limit() -> None:
    script = _spanish(by_number=0.5)
    assert script.next(from_rest([{"text": "…", "custom": {"results": []}}])) is None
    assert script.reached_end is True
    stuck = _spanish(by_number=0.0)
    sent = [stuck.next(_asked("fear_of_return", ["yes", "no", "unknown"])) for _ in range(MAX_ANSWERS + 1)]
    assert sent[-1] is None and sent[-2] == "no"
    assert stuck.reached_end is False


def test_an_sms_question_is_read_from_its_prompt_and_numbered_options() -> None:
    prompt = translate("es", "ask.fear_of_return")
    body = f"Entendido.\n\n{prompt}\n1. Sí\n2. No\n3. No sé"
    reply = from_sms([body])
    assert (reply.fact, reply.options, reply.finished) == ("fear_of_return", ("Sí", "No", "No sé"), False)
    assert _spanish(by_number=1.0).next(reply) == "2"
    done = from_sms([translate("pt", "results.last_verified", date="01/01/2026")])
    assert done.finished is True


def test_an_sms_without_a_known_prompt_is_a_follow_up_answered_by_number() -> None:
    reply = from_sms([translate("es", "ask.precision.year") + "\n1. No sé"])
    assert (reply.fact, reply.follow_up, reply.options) == (None, True, ("No sé",))
    assert _spanish(by_number=0.0).next(reply) == "1"


def test_stock_paths() -> None:
    seen = set()
    for conversation in range(30):
        script = stock_script(0, conversation)
        said = [script.first()]
        while (text := script.next(Reply(("ok",)))) is not None:
            said.append(text)
        assert script.reached_end is True
        assert all(t in STOCK_PHRASES[i] for t, i in zip(said, script.intents, strict=True))
        seen.add(tuple(script.intents))
    assert seen == {
        ("greet", "mood_great", "goodbye"),
        ("greet", "mood_unhappy", "affirm", "goodbye"),
        ("greet", "mood_unhappy", "deny"),
    }


def test_stock_script_from_a_fixed_path() -> None:
    script = StockScript(random.Random(0), path=["greet", "deny"])
    assert script.first() in STOCK_PHRASES["greet"]
    assert script.next(Reply(("Hey!",))) in STOCK_PHRASES["deny"]
    assert script.next(Reply(("Bye",))) is None
