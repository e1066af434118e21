"""Statuses by date, relevance, reasons with sources, and next-question choice (fixture KB)."""

from dataclasses import replace
from datetime import date

import pytest

from bot.eligibility.engine import evaluate, next_question
from bot.kb.facts import FactError
from bot.kb.model import KnowledgeBase

TODAY = date(2026, 11, 24)


def _statuses(kb, facts, on=TODAY):
    return {o.pathway.id: o.status for o in evaluate(kb, facts, on)}


def test_before_any_answer_every_pathway_is_open_to_question(kb) -> None:
    assert _statuses(kb, {}) == {
        "agreement": "possibly_eligible",
        "border": "possibly_eligible",
        "refuge": "possibly_eligible",
        "youth": "possibly_eligible",
        "permit": "closed",
    }


def test_only_pathways_relevant_to_nationality_and_place_are_reported(kb) -> None:
    assert _statuses(kb, {"nationality": "VE", "current_country": "BR"}) == {"border": "likely_eligible"}
    assert _statuses(kb, {"nationality": "DE", "current_country": "BR"}) == {}


def test_destination_defaults_to_current_country(kb) -> None:
    facts = {"nationality": "CO", "current_country": "BR", "has_criminal_record": False}
    assert _statuses(kb, facts) == {"agreement": "likely_eligible"}
    assert _statuses(kb, {**facts, "current_country": "CL"}) == {}
    assert _statuses(kb, {**facts, "current_country": "CL", "destination_country": "BR"}) == {
        "agreement": "likely_eligible"
    }


def test_a_failed_condition_is_not_eligible(kb) -> None:
    facts = {"nationality": "CO", "current_country": "BR", "has_criminal_record": True}
    assert _statuses(kb, facts) == {"agreement": "not_eligible"}


def test_unknown_answers_leave_it_possible(kb) -> None:
    facts = {"nationality": "CO", "current_country": "BR", "has_criminal_record": None}
    assert _statuses(kb, facts) == {"agreement": "possibly_eligible"}


def test_status_follows_the_dated_history(kb) -> None:
    facts = {
        "nationality": "VE",
        "current_country": "CO",
        "entry_date": "2021-01-31",
        "fear_of_return": False,
    }
    assert _statuses(kb, facts, date(2023, 11, 24)) == {"permit": "likely_eligible", "refuge": "not_eligible"}
    assert _statuses(kb, facts, date(2023, 11, 25)) == {"permit": "closed", "refuge": "not_eligible"}
    assert _statuses(kb, facts, date(2021, 2, 28)) == {"permit": "closed", "refuge": "not_eligible"}


def test_a_closed_programme_the_person_fails_is_not_eligible_not_closed(kb) -> None:
    facts = {"nationality": "VE", "current_country": "CO", "entry_date": "2021-02-01"}
    assert _statuses(kb, facts)["permit"] == "not_eligible"


def test_age_edges_on_the_evaluation_date(kb) -> None:
    base = {"nationality": "CO", "current_country": "PE", "has_criminal_record": False}
    assert _statuses(kb, {**base, "birth_date": "1995-11-24"})["youth"] == "not_eligible"  # 31 today
    assert _statuses(kb, {**base, "birth_date": "1995-11-25"})["youth"] == "likely_eligible"
    assert _statuses(kb, {**base, "birth_date": "2008-11-24"})["youth"] == "likely_eligible"  # 18 today


def test_results_are_ordered_most_promising_first(kb) -> None:
    facts = {"current_country": "CO", "fear_of_return": True, "nationality": "VE"}
    assert [o.status for o in evaluate(kb, facts, TODAY)] == ["likely_eligible", "closed"]


def test_reasons_list_each_condition_with_outcome_and_source(kb) -> None:
    (outcome,) = evaluate(kb, {"nationality": "CO", "current_country": "BR"}, TODAY)
    assert outcome.as_dict() == {
        "pathway": "agreement",
        "status": "possibly_eligible",
        "flags": [],
        "reasons": [
            {
                "fact": "nationality",
                "condition": "nationality in CO, PE",
                "outcome": "passed",
                "source": "https://example.org/agreement",
            },
            {
                "fact": "destination_country",
                "condition": "destination_country in BR",
                "outcome": "passed",
                "source": "https://example.org/agreement",
            },
            {
                "fact": "has_criminal_record",
                "condition": "has_criminal_record is false",
                "outcome": "unknown",
                "source": "https://example.org/record-rule",
            },
        ],
        "last_verified": "2026-07-02",
    }


def test_next_question_settles_the_most_pathways_first(kb) -> None:
    assert next_question(kb, {}, TODAY) == "current_country"  # four open pathways hinge on it
    assert next_question(kb, {"current_country": "CO"}, TODAY) == "fear_of_return"  # refuge; permit closed
    assert next_question(kb, {"current_country": "BR"}, TODAY) == "nationality"


def test_ties_are_broken_by_the_editors_order(kb) -> None:
    reordered = replace(kb, question_order=("has_criminal_record", "nationality", "current_country"))
    facts = {"nationality": "CO", "current_country": "PE"}
    assert next_question(kb, facts, TODAY) == "has_criminal_record"
    only_youth = KnowledgeBase((kb.pathway("youth"),), kb.questions, ("birth_date", "has_criminal_record"))
    assert next_question(only_youth, facts, TODAY) == "birth_date"
    assert next_question(replace(only_youth, question_order=("has_criminal_record",)), facts, TODAY) == (
        "has_criminal_record"
    )
    assert reordered.question_order[0] == "has_criminal_record"


def test_no_question_once_everything_is_settled(kb) -> None:
    assert next_question(kb, {"nationality": "VE", "current_country": "BR"}, TODAY) is None
    assert next_question(kb, {"nationality": "DE", "current_country": "CL"}, TODAY) is None


def test_a_null_fact_is_never_asked_again(kb) -> None:
    facts = {"nationality": "CO", "current_country": "BR", "has_criminal_record": None}
    assert next_question(kb, facts, TODAY) is None
    assert next_question(kb, {"current_country": None}, TODAY) == "nationality"


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"nacionality": "VE"}, "unknown fact(s) nacionality"),
        ({"nationality": "Venezuela"}, "not an ISO 3166-1 alpha-2"),
        ({"entry_date": "2024-02-30"}, "not a real date"),
        ({"fear_of_return": "yes"}, "must be true, false or null"),
    ],
)
def test_bad_facts_are_refused_clearly(kb, facts, message) -> None:
    with pytest.raises(FactError, match=message.replace("(", r"\(").replace(")", r"\)")):
        evaluate(kb, facts, TODAY)
