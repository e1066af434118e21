"""Three-valued evaluation, statuses by date, relevance and next-question choice."""

from datetime import date

import pytest

from bot.eligibility.conditions import AllOf, AnyOf, Not, Predicate
from bot.eligibility.engine import evaluate, next_question
from bot.kb.model import KnowledgeBase, StatusPeriod

TODAY = date(2026, 11, 24)
VE = Predicate("nationality", "in", ("VE",))


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"nationality": "VE"}, True),
        ({"nationality": "CO"}, False),
        ({}, None),
        ({"nationality": None}, None),
    ],
)
def test_predicate_is_true_false_or_unknown(facts, expected) -> None:
    assert VE.evaluate(facts) is expected


def test_all_any_not_follow_kleene_logic() -> None:
    yes, no, unknown = (
        VE,
        Predicate("nationality", "in", ("CO",)),
        Predicate("entry_regular", "is", True),
    )
    facts = {"nationality": "VE"}
    assert AllOf((yes, unknown)).evaluate(facts) is None
    assert AllOf((no, unknown)).evaluate(facts) is False
    assert AnyOf((yes, unknown)).evaluate(facts) is True
    assert AnyOf((no, unknown)).evaluate(facts) is None
    assert Not(unknown).evaluate(facts) is None
    assert Not(no).evaluate(facts) is True
    assert Predicate("entry_regular", "is", False).evaluate({"entry_regular": False}) is True


def _statuses(kb, facts, on=TODAY):
    return {o.pathway.id: o.status for o in evaluate(kb, facts, on)}


def test_everything_is_possible_before_any_answer(kb) -> None:
    assert _statuses(kb, {}) == {
        "br_residence_border_countries": "possibly_eligible",
        "mercosur_br": "possibly_eligible",
    }


def test_venezuelan_in_brazil(kb) -> None:
    assert _statuses(kb, {"nationality": "VE", "current_country": "BR"}) == {
        "br_residence_border_countries": "likely_eligible"
    }


def test_destination_defaults_to_current_country(kb) -> None:
    assert _statuses(kb, {"nationality": "CO", "current_country": "BR"}) == {"mercosur_br": "likely_eligible"}
    assert _statuses(kb, {"nationality": "CO", "current_country": "PE"}) == {}
    assert _statuses(kb, {"nationality": "CO", "current_country": "PE", "destination_country": "BR"}) == {
        "mercosur_br": "likely_eligible"
    }


def test_nationals_outside_every_agreement_get_nothing(kb) -> None:
    assert _statuses(kb, {"nationality": "DE", "current_country": "BR"}) == {}


def test_status_before_the_programme_existed_is_closed(kb) -> None:
    facts = {"nationality": "VE", "current_country": "BR"}
    assert _statuses(kb, facts, date(2021, 3, 24)) == {"br_residence_border_countries": "closed"}
    assert _statuses(kb, facts, date(2021, 3, 25)) == {"br_residence_border_countries": "likely_eligible"}


def test_a_closed_programme_is_reported_closed_not_eligible(kb) -> None:
    pathway = kb.pathway("br_residence_border_countries")
    closed = type(pathway)(
        **{
            **pathway.__dict__,
            "status_history": (*pathway.status_history, StatusPeriod(date(2026, 1, 1), "closed")),
        }
    )
    closed_kb = KnowledgeBase((closed,), kb.questions, kb.question_order)
    assert _statuses(closed_kb, {"nationality": "VE"}) == {"br_residence_border_countries": "closed"}
    assert _statuses(closed_kb, {"nationality": "VE"}, date(2025, 12, 31)) == {
        "br_residence_border_countries": "possibly_eligible"
    }


def test_reasons_list_each_condition_with_its_outcome(kb) -> None:
    (outcome,) = evaluate(kb, {"nationality": "VE"}, TODAY)
    assert outcome.as_dict() == {
        "pathway": "br_residence_border_countries",
        "status": "possibly_eligible",
        "reasons": [
            {"fact": "nationality", "condition": "nationality in VE, GY, SR", "outcome": "passed"},
            {"fact": "current_country", "condition": "current_country in BR", "outcome": "unknown"},
        ],
        "last_verified": "2026-07-02",
    }


def test_next_question_settles_the_most_pathways_first(kb) -> None:
    assert next_question(kb, {}, TODAY) == "nationality"
    assert next_question(kb, {"nationality": "VE"}, TODAY) == "current_country"
    assert next_question(kb, {"nationality": "CO"}, TODAY) == "current_country"


def test_no_question_once_everything_is_settled(kb) -> None:
    assert next_question(kb, {"nationality": "VE", "current_country": "BR"}, TODAY) is None
    assert next_question(kb, {"nationality": "DE"}, TODAY) is None


def test_a_null_fact_is_never_asked_again(kb) -> None:
    assert next_question(kb, {"nationality": None}, TODAY) == "current_country"
    assert next_question(kb, {"nationality": None, "current_country": None}, TODAY) is None
    assert _statuses(kb, {"nationality": None, "current_country": None}) == {
        "br_residence_border_countries": "possibly_eligible",
        "mercosur_br": "possibly_eligible",
    }
