"""What the engine says about time and about what people hold: deadlines counted from entry,
windows closing soon, unconfirmed statuses, and programmes that ended but speak to their holders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.eligibility.engine import assess, evaluate, list_options, next_question
from bot.kb import load_knowledge_base
from bot.kb.facts import FactError
from bot.kb.model import FilingDeadline
from bot.settings import PROJECT_ROOT

HONEST_KB = Path(__file__).resolve().parents[1] / "fixtures" / "kb_honest"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(HONEST_KB, PROJECT_ROOT / "locales")


def _by_id(kb, facts, on):
    return {o.pathway.id: o for o in evaluate(kb, facts, on)}


def test_working_days_skip_weekends_and_months_keep_the_day() -> None:
    seven = FilingDeadline(7, "working_days", {})
    assert seven.last_day(date(2026, 11, 27)) == date(2026, 12, 8)  # Friday + 7 working days
    assert FilingDeadline(1, "months", {}).last_day(date(2026, 1, 31)) == date(2026, 2, 28)
    assert FilingDeadline(1, "years", {}).last_day(date(2024, 2, 29)) == date(2025, 2, 28)
    assert FilingDeadline(15, "days", {}).last_day(date(2026, 11, 1)) == date(2026, 11, 16)


def test_a_deadline_makes_the_engine_ask_the_entry_date_and_never_say_likely(kb) -> None:
    facts = {"nationality": "VE", "current_country": "CL", "fear_of_return": True}
    outcomes, asked = assess(kb, facts, date(2026, 11, 30))
    (refuge,) = [o for o in outcomes if o.pathway.id == "refuge_cl"]
    assert refuge.status == "possibly_eligible" and asked == "entry_date"
    assert refuge.last_day_to_file is None and not refuge.deadline_passed


@pytest.mark.parametrize(
    ("entry", "status", "passed"),
    [
        ("2026-11-20", "likely_eligible", False),  # last day 1 Dec 2026
        ("2026-11-19", "likely_eligible", False),  # last day 30 Nov 2026, today
        ("2026-11-18", "possibly_eligible", True),  # last day 27 Nov 2026
        ("2025-11-01", "possibly_eligible", True),  # a year ago
    ],
)
def test_a_passed_deadline_is_flagged_and_not_likely(kb, entry, status, passed) -> None:
    facts = {"nationality": "VE", "current_country": "CL", "fear_of_return": True, "entry_date": entry}
    refuge = _by_id(kb, facts, date(2026, 11, 30))["refuge_cl"]
    assert refuge.status == status and refuge.deadline_passed is passed
    assert ("deadline_passed" in refuge.flags) is passed


def test_an_unknown_entry_date_keeps_it_possible_without_a_deadline_verdict(kb) -> None:
    facts = {"nationality": "VE", "current_country": "CL", "fear_of_return": True, "entry_date": None}
    refuge = _by_id(kb, facts, date(2026, 11, 30))["refuge_cl"]
    assert refuge.status == "possibly_eligible" and refuge.flags == ()
    assert next_question(kb, facts, date(2026, 11, 30)) is None


@pytest.mark.parametrize(
    ("on", "closes_on"),
    [
        (date(2026, 11, 4), None),  # 31 days before the change
        (date(2026, 11, 5), date(2026, 12, 4)),  # 30 days before
        (date(2026, 12, 4), date(2026, 12, 4)),  # the last open day
    ],
)
def test_a_window_closing_within_30_days_is_announced(kb, on, closes_on) -> None:
    window = _by_id(kb, {"nationality": "VE", "current_country": "CO"}, on)["visa_window"]
    assert window.status == "likely_eligible" and window.closes_on == closes_on


def test_after_the_closing_the_window_is_closed_and_unconfirmed(kb) -> None:
    window = _by_id(kb, {"nationality": "VE", "current_country": "CO"}, date(2026, 12, 5))["visa_window"]
    assert window.status == "closed" and window.flags == ("unconfirmed",)


def test_an_unconfirmed_extension_stays_open_with_its_flag(kb) -> None:
    facts = {"nationality": "SV", "current_country": "US", "holds": ["tps"]}
    tps = _by_id(kb, facts, date(2026, 11, 30))["tps"]
    assert tps.status == "likely_eligible" and set(tps.flags) == {"unconfirmed", "held"}
    before = _by_id(kb, facts, date(2026, 9, 9))["tps"]
    assert "unconfirmed" not in before.flags


def test_an_ended_programme_is_reported_to_its_holders_even_outside_its_scope(kb) -> None:
    on = date(2026, 11, 30)
    # A Cuban who came on parole: nationality is outside the encoded scope, but she holds it.
    held = _by_id(kb, {"nationality": "CU", "current_country": "US", "holds": ["parole"]}, on)
    assert held["parole"].status == "closed" and held["parole"].held
    assert "parole" not in _by_id(kb, {"nationality": "CU", "current_country": "US", "holds": []}, on)
    # Holding it elsewhere does not make a US programme relevant in Chile.
    assert "parole" not in _by_id(kb, {"nationality": "HT", "current_country": "CL", "holds": ["parole"]}, on)


def test_holds_is_asked_once_scope_is_known_with_only_what_matters(kb) -> None:
    on = date(2026, 11, 30)
    assert next_question(kb, {"nationality": "HT"}, on) == "current_country"
    facts = {"nationality": "HT", "current_country": "US"}
    assert next_question(kb, facts, on) == "holds"
    assert list_options(kb, facts, on, "holds") == ["parole"]
    salvadoran = {"nationality": "SV", "current_country": "US"}
    assert list_options(kb, salvadoran, on, "holds") == ["tps"]


def test_children_hold_is_asked_only_where_it_decides(kb) -> None:
    on = date(2026, 11, 30)
    facts = {"nationality": "VE", "current_country": "CO", "holds": []}
    assert next_question(kb, facts, on) == "children_hold"
    assert list_options(kb, facts, on, "children_hold") == ["visa_window"]
    done = {**facts, "children_hold": []}
    assert _by_id(kb, done, on)["guardian"].status == "not_eligible"
    assert _by_id(kb, {**facts, "children_hold": ["visa_window"]}, on)["guardian"].status == "likely_eligible"
    assert next_question(kb, done, on) is None


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"holds": "pe_cpp"}, "must be a list of ids"),
        ({"holds": ["PE CPP"]}, "must be a list of ids"),
        ({"current_region": "Texas"}, "ISO 3166-2"),
    ],
)
def test_bad_list_and_region_facts_are_refused(kb, facts, message) -> None:
    with pytest.raises(FactError, match=message):
        evaluate(kb, facts, date(2026, 11, 30))
