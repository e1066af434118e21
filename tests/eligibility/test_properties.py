"""Properties of next-question choice over random fact sets (Hypothesis), on the shipped KB."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.eligibility.engine import evaluate, next_question
from bot.kb.facts import CANONICAL_FACTS

COUNTRIES = [
    "VE",
    "CO",
    "HT",
    "CU",
    "PE",
    "EC",
    "BO",
    "BR",
    "AR",
    "CL",
    "MX",
    "US",
    "SV",
    "HN",
    "NI",
    "CR",
    "UY",
    "PY",
    "DE",
    "CN",
]
HELD = ["pe_cpp", "co_ppt", "us_tps_sv", "us_chnv_parole", "asylum_claim_pending", "asylum_claim_denied"]
DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2026, 12, 31))


def _value(kind: str) -> st.SearchStrategy:
    base = {
        "country": st.sampled_from(COUNTRIES),
        "date": DAYS.map(date.isoformat),
        "boolean": st.booleans(),
        "list": st.lists(st.sampled_from(HELD), max_size=3),
        "region": st.sampled_from(["US-TX", "US-NY", "BR-RR", "PE-LMA"]),
    }[kind]
    return st.one_of(st.none(), base)  # None: asked, does not know


FACTS = st.fixed_dictionaries({}, optional={name: _value(kind) for name, kind in CANONICAL_FACTS.items()})
ON = st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31))


@settings(max_examples=300, deadline=None)
@given(facts=FACTS, on=ON)
def test_the_next_question_is_never_an_answered_fact(shipped_kb, facts, on) -> None:
    asked = next_question(shipped_kb, facts, on)
    assert asked is None or (asked not in facts and asked in shipped_kb.questions)


@settings(max_examples=200, deadline=None)
@given(facts=FACTS, on=ON, answers=st.data())
def test_answering_in_the_order_asked_always_finishes(shipped_kb, facts, on, answers) -> None:
    facts = dict(facts)
    for _ in range(len(CANONICAL_FACTS)):
        asked = next_question(shipped_kb, facts, on)
        if asked is None:
            break
        facts[asked] = answers.draw(_value(CANONICAL_FACTS[asked]), label=asked)
    assert next_question(shipped_kb, facts, on) is None
    evaluate(shipped_kb, facts, on)  # and the final facts evaluate without error
